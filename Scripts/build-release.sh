#!/bin/sh
# Builds the optout that ships (Scripts/install.sh) and that Benchmarks/performance.py measures:
# release, with the Swift runtime linked in (--static-swift-stdlib: no Swift libraries needed where it
# runs, a web server's CGI user included) and, when the C++ compiler has its static archive,
# libstdc++ too (the runtime is C++; binding libstdc++.so's 1,667 symbols took 0.6–0.8 ms of every
# start, Docs/performance.md). The build's own output goes to standard error; standard output gets
# the binary's path. Usage: Scripts/build-release.sh [SCRATCH_PATH] (default .build)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scratch=${1:-$root/.build}
# --disable-local-rpath: no $ORIGIN run path. A binary that links the Swift runtime in needs no
# library beside it; with $ORIGIN the loader looked for libsqlite3, libm, libgcc_s and libc in the
# binary's own folder and 20 subfolders of it before the system's (24 failed look-ups at every start),
# and a library planted beside an installed binary would have been loaded.
set -- -c release --product optout --static-swift-stdlib --disable-local-rpath --scratch-path "$scratch"
# The Swift driver asks for -lstdc++; a folder holding only the archive, searched first, makes the
# linker take the archive. Without it (no C++ compiler), libstdc++.so is linked as before.
archive=$(${CXX:-c++} -print-file-name=libstdc++.a 2>/dev/null || true)
if [ -f "$archive" ]; then
    mkdir -p "$scratch/static-libstdc++"
    ln -sf "$archive" "$scratch/static-libstdc++/libstdc++.a"
    set -- "$@" -Xlinker "-L$scratch/static-libstdc++"
fi
swift build "$@" >&2
echo "$scratch/release/optout"
