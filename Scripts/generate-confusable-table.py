#!/usr/bin/env python3
"""Generate Sources/OptOutCore/Keywords/ConfusableTable.generated.swift from Unicode's confusables data.

Usage (from the repository root):
    pip install confusable-homoglyphs==3.3.1
    python3 Scripts/generate-confusable-table.py [--output PATH]

The PyPI package confusable-homoglyphs ships Unicode's confusables data (confusables.json). For every
single Cyrillic or Greek scalar that Unicode lists as confusable with one ASCII Latin letter, the table
holds that letter in lower case: the skeleton, restricted to those two scripts, that the folded layer
of the keyword matcher uses to read a STOP typed with Cyrillic letters (Docs/keywords.md). A capital
look-alike folds to the letter its capital looks like (Cyrillic Т to "t"); when a scalar is listed
beside several Latin letters, the one of its own case wins, then the first in alphabetical order.
"""

import argparse
import json
import os
import sys
import unicodedata

DEFAULT_OUTPUT = os.path.join("Sources", "OptOutCore", "Keywords", "ConfusableTable.generated.swift")
SCRIPTS = ("CYRILLIC", "GREEK")


def load():
    try:
        import confusable_homoglyphs
    except ImportError:
        sys.exit("needs the PyPI package: pip install confusable-homoglyphs==3.3.1")
    path = os.path.join(os.path.dirname(confusable_homoglyphs.__file__), "confusables.json")
    with open(path, encoding="utf-8") as handle:
        return json.load(handle), getattr(confusable_homoglyphs, "__version__", "?")


def mapping(data):
    candidates = {}
    for latin in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz":
        for entry in data.get(latin, []):
            glyph = entry["c"]
            if len(glyph) != 1:
                continue
            name = unicodedata.name(glyph, "")
            if not name.startswith(SCRIPTS):
                continue
            candidates.setdefault(ord(glyph), set()).add(latin)
    table = {}
    for code, letters in candidates.items():
        capital = "CAPITAL" in unicodedata.name(chr(code))
        same_case = sorted(l for l in letters if l.isupper() == capital)
        table[code] = (same_case or sorted(letters))[0].lower()
    return dict(sorted(table.items()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    data, version = load()
    table = mapping(data)
    rows = []
    items = list(table.items())
    for start in range(0, len(items), 8):
        rows.append("        " + ", ".join(f"0x{code:04X}" for code, _ in items[start:start + 8]) + ",")
    letters = "".join(letter for _, letter in items)
    text = f"""// GENERATED FILE - DO NOT EDIT.
// Made by `python3 Scripts/generate-confusable-table.py` (run from the repository root) from the
// confusables data of the PyPI package confusable-homoglyphs {version}. Re-run it to refresh the data.
//
// `scalars` is sorted; scalars[i] looks like the ASCII letter letters[i] (lower case).

// swiftlint:disable all

/// Cyrillic and Greek letters that look like one Latin letter (generated data; see the header comment).
enum ConfusableTable {{
    /// Every Cyrillic or Greek scalar confusable with one ASCII Latin letter, ascending.
    static let scalars: [UInt32] = [
{chr(10).join(rows)}
    ]
    /// The Latin letter of each scalar, one ASCII byte each, in the order of `scalars`.
    static let letters: StaticString = "{letters}"
}}
"""
    with open(args.output, "w", encoding="utf-8") as handle:
        handle.write(text)
    print(f"wrote {args.output}: {len(items)} look-alikes")


if __name__ == "__main__":
    main()
