#!/usr/bin/env python3
"""Generate the ordinary-word guard of the fuzzy keyword layer, and the common-word test lists.

Usage (from the repository root):
    pip install wordfreq==3.1.1
    python3 Scripts/generate-ordinary-words.py

Writes, from the word-frequency lists of the PyPI package wordfreq:
- Sources/OptOutCore/Keywords/OrdinaryWordTable.generated.swift: the 32-bit FNV-1a hashes of the
  normalised forms (as MessageText.normalize writes them) of the GUARD_WORDS most frequent words of
  each language, four letters or longer. The fuzzy layer never reads a word of this set as a keyword
  ("step", "shop", "quite" stay themselves), whatever keywords a scope configures.
- Tests/Fixtures/common-words/LANG.txt: the TEST_WORDS most frequent words of each language, as
  wordfreq spells them, one per line. KeywordCorpusTests runs the fuzzy layer over them.
"""

import os
import sys
from importlib import metadata
import unicodedata

LANGUAGES = ["en", "es", "pt", "fr", "de", "it"]
GUARD_WORDS = 30000
TEST_WORDS = 10000
TABLE = os.path.join("Sources", "OptOutCore", "Keywords", "OrdinaryWordTable.generated.swift")
FIXTURES = os.path.join("Tests", "Fixtures", "common-words")
FOLDS = {"ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "ł": "l",
         "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ı": "i"}
APOSTROPHES = "'`\u2018\u2019\u02bc\u2032\u00b4"


def normalize(word):
    """MessageText.normalize for one word; None when it is not one word."""
    out = []
    for char in unicodedata.normalize("NFKD", word):
        if char in APOSTROPHES:
            continue
        if char in FOLDS:
            out.append(FOLDS[char])
            continue
        category = unicodedata.category(char)
        if category in ("Mn", "Mc", "Me", "Cf"):
            continue
        if category[0] in "LN":
            out.append(char.lower())
        else:
            return None
    text = "".join(out)
    return text or None


def fnv1a32(data):
    value = 0x811C9DC5
    for byte in data:
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def main():
    try:
        import wordfreq
    except ImportError:
        sys.exit("needs the PyPI package: pip install wordfreq==3.1.1")
    hashes = set()
    os.makedirs(FIXTURES, exist_ok=True)
    for language in LANGUAGES:
        words = wordfreq.top_n_list(language, GUARD_WORDS)
        for word in words:
            normalized = normalize(word)
            if normalized and len(normalized) >= 4:
                hashes.add(fnv1a32(normalized.encode("utf-8")))
        with open(os.path.join(FIXTURES, f"{language}.txt"), "w", encoding="utf-8") as handle:
            handle.write("\n".join(words[:TEST_WORDS]) + "\n")
    ordered = sorted(hashes)
    lines = ["".join(f"{value:08x}" for value in ordered[start:start + 12]) for start in range(0, len(ordered), 12)]
    body = "\n".join(lines)
    text = f'''// GENERATED FILE - DO NOT EDIT.
// Made by `python3 Scripts/generate-ordinary-words.py` (run from the repository root) from the
// {GUARD_WORDS} most frequent words of each of {", ".join(LANGUAGES)} in the PyPI package wordfreq
// {metadata.version("wordfreq")}. Re-run it to refresh the lists.
//
// `hashes` holds, as 8 hexadecimal digits each in ascending order, the 32-bit FNV-1a hashes of the
// normalised words of four letters or more.

// swiftlint:disable all

/// The ordinary words the fuzzy layer never reads as keywords (generated data; see the header comment).
enum OrdinaryWordTable {{
    /// How many hashes `hashes` holds.
    static let count = {len(ordered)}
    /// The hashes, 8 hexadecimal digits each, ascending, lines of 12.
    static let hashes: StaticString = """
{body}
"""
}}
'''
    with open(TABLE, "w", encoding="utf-8") as handle:
        handle.write(text)
    print(f"wrote {TABLE}: {len(ordered)} hashes; {FIXTURES}/*.txt: {TEST_WORDS} words each")


if __name__ == "__main__":
    main()
