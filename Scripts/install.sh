#!/bin/sh
# Builds optout in release mode with the Swift runtime linked in (Scripts/build-release.sh: the
# binary needs no Swift libraries where it runs, a web server's CGI user included, and starts sooner),
# and installs the binary, the man page and the shell completions
# under PREFIX (default /usr/local). Usage: Scripts/install.sh [PREFIX]
# DESTDIR, when set, is put before every path (for packaging); OPTOUT_INSTALL_BINARY installs that
# binary instead of building one (the tests use it).
set -eu
prefix=${1:-${PREFIX:-/usr/local}}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ -n "${OPTOUT_INSTALL_BINARY:-}" ]; then
    binary=$OPTOUT_INSTALL_BINARY
else
    binary=$("$root/Scripts/build-release.sh")
fi
dest=${DESTDIR:-}
install -d "$dest$prefix/bin" "$dest$prefix/share/man/man1" "$dest$prefix/share/bash-completion/completions" \
    "$dest$prefix/share/zsh/site-functions" "$dest$prefix/share/fish/vendor_completions.d"
install -m 0755 "$binary" "$dest$prefix/bin/optout"
"$binary" manual > "$dest$prefix/share/man/man1/optout.1"
"$binary" completions bash > "$dest$prefix/share/bash-completion/completions/optout"
"$binary" completions zsh > "$dest$prefix/share/zsh/site-functions/_optout"
"$binary" completions fish > "$dest$prefix/share/fish/vendor_completions.d/optout.fish"
chmod 0644 "$dest$prefix/share/man/man1/optout.1" "$dest$prefix/share/bash-completion/completions/optout" \
    "$dest$prefix/share/zsh/site-functions/_optout" "$dest$prefix/share/fish/vendor_completions.d/optout.fish"
echo "installed optout $("$binary" --version) under $dest$prefix (bin, man page, bash/zsh/fish completions)"
