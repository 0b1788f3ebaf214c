#!/usr/bin/env python3
"""Writes libphonenumber's answer for every input of the phone sample and the project's own cases.

Usage: pip install phonenumbers==9.0.43 && python3 Scripts/generate-phone-expectations.py

Reads Tests/Fixtures/phones-sample.tsv and Tests/Fixtures/phone-cases.tsv (input as a JSON string,
default region) and writes Tests/Fixtures/phone-libphonenumber.tsv: each input and region with
libphonenumber's answer, the E.164 form when `parse` succeeds and `is_possible_number_with_reason` says
IS_POSSIBLE, else REJECT. The file is committed; the tests compare optout's normaliser with it
(`PhoneLibphonenumberTests`), and every input where the two differ on purpose is listed with its reason
in Tests/Fixtures/phone-differences.tsv. Neither the build nor the tests need this script or the package.
"""

import csv
import json
import os

import phonenumbers

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures")
SOURCES = ["phones-sample.tsv", "phone-cases.tsv"]


def answer(text, region):
    try:
        number = phonenumbers.parse(text, region or None)
    except phonenumbers.NumberParseException:
        return "REJECT"
    if phonenumbers.is_possible_number_with_reason(number) != phonenumbers.ValidationResult.IS_POSSIBLE:
        return "REJECT"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def main():
    rows = []
    seen = set()
    for name in SOURCES:
        with open(os.path.join(FIXTURES, name), newline="", encoding="utf-8") as source:
            reader = csv.reader(source, delimiter="\t", quoting=csv.QUOTE_NONE)
            next(reader)
            for fields in reader:
                key = (fields[0], fields[1])
                if key in seen:
                    continue
                seen.add(key)
                rows.append((fields[0], fields[1], answer(json.loads(fields[0]), fields[1])))
    target = os.path.join(FIXTURES, "phone-libphonenumber.tsv")
    with open(target, "w", encoding="utf-8", newline="\n") as out:
        out.write("# libphonenumber %s (the phonenumbers package), by Scripts/generate-phone-expectations.py\n"
                  % phonenumbers.__version__)
        out.write("input\tdefault_region\tlibphonenumber\n")
        for row in rows:
            out.write("\t".join(row) + "\n")
    print("wrote %d rows to %s" % (len(rows), os.path.relpath(target, ROOT)))


if __name__ == "__main__":
    main()
