#!/usr/bin/env python3
"""Generate Sources/OptOutCore/Keywords/CompatibilityTable.generated.swift from Python's unicodedata.

Usage (from the repository root):  python3 Scripts/generate-compatibility-table.py
Options: --output PATH.

Standard library only. For every Unicode scalar whose compatibility decomposition (NFKD) is not the
scalar itself, except the Hangul syllables (decomposed by arithmetic in MessageText.swift), the table
holds the full NFKD of that scalar alone. NFKD of a text is then the scalars' decompositions one after
the other, up to the order of combining marks, which keyword matching drops anyway (no scalar outside
the mark categories has a non-zero combining class; this script checks it).
"""

import argparse
import os
import sys
import unicodedata

HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3
DEFAULT_OUTPUT = os.path.join("Sources", "OptOutCore", "Keywords", "CompatibilityTable.generated.swift")


def decompositions():
    for code in range(0x110000):
        if HANGUL_FIRST <= code <= HANGUL_LAST or 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        if unicodedata.combining(char) != 0 and unicodedata.category(char) not in ("Mn", "Mc", "Me"):
            sys.exit(f"U+{code:04X} has a combining class but is not a mark: the table's premise fails")
        decomposed = unicodedata.normalize("NFKD", char)
        if decomposed != char:
            yield code, [ord(c) for c in decomposed]


def swift_array(name, type_name, values, per_line, doc):
    lines = [f"    /// {doc}", f"    static let {name}: [{type_name}] = ["]
    for start in range(0, len(values), per_line):
        lines.append("        " + ", ".join(f"0x{v:X}" for v in values[start:start + per_line]) + ",")
    lines.append("    ]")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=DEFAULT_OUTPUT)
    args = parser.parse_args()

    scalars, starts, pool = [], [], []
    for code, decomposed in decompositions():
        scalars.append(code)
        starts.append(len(pool))
        pool.extend(decomposed)
    starts.append(len(pool))
    if len(pool) >= 1 << 16:
        sys.exit("the pool no longer fits UInt16 offsets")

    text = f"""// GENERATED FILE - DO NOT EDIT.
// Made by `python3 Scripts/generate-compatibility-table.py` (run from the repository root) from Python's
// unicodedata (Unicode {unicodedata.unidata_version}). Re-run it to move to a newer Unicode version.
//
// `scalars` is sorted; the NFKD of scalars[i] is pool[starts[i]..<starts[i + 1]]. Hangul syllables are
// not listed: their decomposition is arithmetic.

// swiftlint:disable all

/// Compatibility decompositions (NFKD) of single scalars (generated data; see the header comment).
enum CompatibilityTable {{
    /// The Unicode version the table was made from.
    static let unicodeVersion = "{unicodedata.unidata_version}"
{swift_array("scalars", "UInt32", scalars, 10, "Every scalar whose NFKD is not itself, ascending.")}
{swift_array("starts", "UInt16", starts, 12, "Where each scalar's decomposition starts in `pool`; one more entry than `scalars`.")}
{swift_array("pool", "UInt32", pool, 10, "The decompositions, one after the other.")}
}}
"""
    with open(args.output, "w", encoding="utf-8") as handle:
        handle.write(text)
    print(f"wrote {args.output}: {len(scalars)} scalars, {len(pool)} pool entries (Unicode {unicodedata.unidata_version})")


if __name__ == "__main__":
    main()
