#!/usr/bin/env python3
"""Generates Sources/OptOutCore/Phone/MobilePrefixTable.generated.swift from libphonenumber's metadata.

Usage: pip install phonenumbers==9.0.43 && python3 Scripts/generate-mobile-prefixes.py

For each WhatsApp market of Scripts/data/calling_codes.tsv (the first region of each calling code), the
three-digit prefixes a mobile national significant number can start with: prefix P is set when the
region's mobile pattern fully matches some number of a mobile length that starts with P (tried with
every fourth and fifth digit and a few fillings of the rest). `DefaultCountryGuess` uses the table to tell
which country a file of national numbers comes from (07700 900123 starts a GB mobile, 0612 345678 a
French one). The output is committed; the build and the tests never run this script.
"""

import csv
import os
import random
import re

from phonenumbers import PhoneMetadata
import phonenumbers

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(ROOT, "Scripts", "data", "calling_codes.tsv")
OUTPUT = os.path.join(ROOT, "Sources", "OptOutCore", "Phone", "MobilePrefixTable.generated.swift")


def markets():
    """The first WhatsApp market region of each calling code, in calling-code order."""
    with open(TABLE, encoding="utf-8") as source:
        rows = list(csv.DictReader(source, delimiter="\t"))
    rows.sort(key=lambda row: int(row["calling_code"]))
    result = []
    for row in rows:
        regions = [r for r in row["whatsapp_markets"].split(",") if len(r) == 2]
        if regions:
            result.append(regions[0].upper())
    return result


def viable_prefixes(region):
    metadata = PhoneMetadata.metadata_for_region(region)
    pattern = re.compile("(?:%s)$" % metadata.mobile.national_number_pattern)
    lengths = [n for n in metadata.mobile.possible_length if n >= 3] or list(metadata.general_desc.possible_length)
    rng = random.Random(region)
    mask = 0
    for prefix in range(1000):
        head = "%03d" % prefix
        found = False
        for length in lengths:
            if found:
                break
            for fourth in range(10 if length > 3 else 1):
                if found:
                    break
                for fifth in range(10 if length > 4 else 1):
                    start = (head + str(fourth) + str(fifth))[:length]
                    for _ in range(3):
                        rest = "".join(rng.choice("0123456789") for _ in range(length - len(start)))
                        if pattern.match(start + rest):
                            found = True
                            break
                    if found:
                        break
        if found:
            mask |= 1 << prefix
    return mask


def main():
    regions = markets()
    lines = [
        "// GENERATED FILE - DO NOT EDIT.",
        "// Made by `python3 Scripts/generate-mobile-prefixes.py` from libphonenumber %s's metadata (the" % phonenumbers.__version__,
        "// phonenumbers package) for the WhatsApp markets of Scripts/data/calling_codes.tsv.",
        "",
        "/// The three-digit prefixes that start a mobile national number, per WhatsApp market (generated data).",
        "enum MobilePrefixTable {",
        "    /// The regions, packed as `CountryTable.regionCodes`, one per calling code.",
        "    static let regions: [UInt16] = [%s]" % ", ".join(str(ord(r[0]) << 8 | ord(r[1])) for r in regions),
        "    /// Per region, 16 words: bit p of the 1,000 is set when a mobile number can start with the",
        "    /// three digits p (word p / 64, bit p % 64).",
        "    static let prefixes: [UInt64] = [",
    ]
    for region in regions:
        mask = viable_prefixes(region)
        words = [(mask >> (64 * i)) & ((1 << 64) - 1) for i in range(16)]
        lines.append("        // %s" % region)
        for start in range(0, 16, 4):
            lines.append("        " + ", ".join("0x%016X" % w for w in words[start:start + 4]) + ",")
    lines += ["    ]", "}", ""]
    with open(OUTPUT, "w", encoding="utf-8") as out:
        out.write("\n".join(lines))
    print("wrote %s (%d regions)" % (os.path.relpath(OUTPUT, ROOT), len(regions)))


if __name__ == "__main__":
    main()
