#!/usr/bin/env python3
"""Deterministic test data for the filter-campaign benchmark (Python 3 standard library only).

Writes into OUTDIR:
  recipients.csv       N rows: id,first_name,last_name,email,phone,city,notes. The phone column mixes
                       realistic formats: E.164, spaces/dashes/parentheses, the 00 prefix, bare Mexican national
                       numbers (read with --default-country MX), and about 1% invalid values (N/A, short,
                       Excel's 5.73E+11, empty). Some fields are quoted and hold commas, quotes and accents.
  recipients_e164.csv  the same rows with the phone column already in E.164 (empty when invalid), for
                       tools that cannot normalise numbers.
  suppressions.txt     M numbers in E.164, one a line (for `optout block --file`); about half of them
                       are recipients, the rest are not.
  suppressions.csv     the same numbers under a header `number`, for the SQL/dataframe tools.

Same arguments, same bytes: the random generator has a fixed seed.

Usage: generate_recipients.py OUTDIR ROWS SUPPRESSIONS [--seed S]
"""

import argparse
import os
import random

FIRST = ["Ana", "José", "María", "João", "Zoë", "Liam", "Sofía", "Chloé", "Mateo", "Lucía", "Noah", "Renée",
         "Ñusta", "Olivia", "Jürgen", "Camila", "Émile", "Valentina", "Ethan", "Beatriz"]
LAST = ["García", "Silva", "Smith", "Hernández", "O'Brien", "Müller", "Pérez", "Nguyen", "Gonçalves", "López",
        "Johnson", "Martínez", "Rodríguez", "Fernández", "Brown"]
CITIES = ["New York", "Ciudad de México", "São Paulo, SP", "Buenos Aires", "Bogotá, D.C.", "London", "Madrid",
          "Guadalajara, Jal.", "Rio de Janeiro", "Medellín", "Chicago, IL", "Monterrey"]
NOTES = ["", "", "", "VIP", "prefers evenings", "VIP, prefers \"evening\" calls", "met at expo, 2024",
         "no calls before 9", "lead: web form", "café owner, Zona Rosa"]


def us_number(rng):
    area = rng.randrange(2, 10) * 100 + rng.randrange(0, 100)
    exchange = rng.randrange(2, 10) * 100 + rng.randrange(0, 100)
    return "1", f"{area:03d}{exchange:03d}{rng.randrange(0, 10000):04d}"


def national(rng, country):
    """(calling code, national significant number) for a mobile-shaped number."""
    if country == "US":
        return us_number(rng)
    if country == "MX":
        return "52", rng.choice(["55", "33", "81"]) + f"{rng.randrange(0, 10 ** 8):08d}"
    if country == "BR":
        return "55", rng.choice(["11", "21", "31", "41", "51"]) + "9" + f"{rng.randrange(6, 10)}{rng.randrange(0, 10 ** 7):07d}"
    if country == "AR":
        return "54", "911" + f"{rng.randrange(0, 10 ** 8):08d}"
    if country == "CO":
        return "57", "3" + f"{rng.randrange(0, 10 ** 9):09d}"
    if country == "GB":
        return "44", "7" + f"{rng.randrange(0, 10 ** 9):09d}"
    return "34", "6" + f"{rng.randrange(0, 10 ** 8):08d}"  # ES


COUNTRIES = ["MX"] * 5 + ["US"] * 2 + ["BR", "AR", "CO", "GB", "ES"]


def grouped(nsn):
    if len(nsn) == 10:
        return f"{nsn[:3]} {nsn[3:6]} {nsn[6:]}"
    return f"{nsn[:2]} {nsn[2:6]} {nsn[6:]}"


def written(rng, code, nsn):
    """The number as a person or a spreadsheet wrote it."""
    form = rng.randrange(10)
    if code == "52" and form >= 6:  # bare national numbers, read with --default-country MX
        return [f"({nsn[:2]}) {nsn[2:6]}-{nsn[6:]}", f"{nsn[:2]} {nsn[2:6]} {nsn[6:]}", nsn,
                f"{nsn[:2]}-{nsn[2:6]}-{nsn[6:]}"][form - 6]
    if form <= 2:
        return f"+{code}{nsn}"
    if form <= 4:
        return f"+{code} {grouped(nsn)}"
    if form == 5 and code == "1":
        return f"+1 ({nsn[:3]}) {nsn[3:6]}-{nsn[6:]}"
    if form == 5:
        return f"+{code}-{nsn[:2]}-{nsn[2:6]}-{nsn[6:]}"
    return f"00{code} {grouped(nsn)}"


INVALID = ["N/A", "12345", "5.73E+11", "", "+99 123 456", "call me", "1234-5678"]


def quote(field):
    if any(c in field for c in ',"\r\n'):
        return '"' + field.replace('"', '""') + '"'
    return field


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outdir")
    parser.add_argument("rows", type=int)
    parser.add_argument("suppressions", type=int)
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.outdir, exist_ok=True)

    # A pool of distinct people; recipients are drawn from it (so some numbers repeat).
    pool_size = max(1, args.rows * 9 // 10)
    pool = []
    seen = set()
    while len(pool) < pool_size:
        code, nsn = national(rng, rng.choice(COUNTRIES))
        if code + nsn not in seen:
            seen.add(code + nsn)
            pool.append((code, nsn))

    header = "id,first_name,last_name,email,phone,city,notes\n"
    with open(os.path.join(args.outdir, "recipients.csv"), "w", encoding="utf-8", newline="") as mixed, \
            open(os.path.join(args.outdir, "recipients_e164.csv"), "w", encoding="utf-8", newline="") as e164:
        mixed.write(header)
        e164.write(header)
        for row in range(1, args.rows + 1):
            first = rng.choice(FIRST)
            last = rng.choice(LAST)
            email = f"{first.lower()}.{row}@example.com".replace("'", "")
            if rng.randrange(100) == 0:
                phone, normalised = rng.choice(INVALID), ""
            else:
                code, nsn = pool[rng.randrange(pool_size)]
                phone, normalised = written(rng, code, nsn), f"+{code}{nsn}"
            rest = [quote(first), quote(last), email]
            tail = [quote(rng.choice(CITIES)), quote(rng.choice(NOTES))]
            mixed.write(",".join([str(row)] + rest + [quote(phone)] + tail) + "\n")
            e164.write(",".join([str(row)] + rest + [normalised] + tail) + "\n")

    # Suppressions: about half are recipients, the rest are numbers nobody in the file has.
    chosen = set()
    numbers = []
    hits = min(args.suppressions // 2, pool_size)
    for code, nsn in rng.sample(pool, hits):
        chosen.add(code + nsn)
        numbers.append(f"+{code}{nsn}")
    while len(numbers) < args.suppressions:
        code, nsn = national(rng, rng.choice(COUNTRIES))
        if code + nsn not in seen and code + nsn not in chosen:
            chosen.add(code + nsn)
            numbers.append(f"+{code}{nsn}")
    with open(os.path.join(args.outdir, "suppressions.txt"), "w", encoding="utf-8") as text, \
            open(os.path.join(args.outdir, "suppressions.csv"), "w", encoding="utf-8") as csv:
        csv.write("number\n")
        for number in numbers:
            text.write(number + "\n")
            csv.write(number + "\n")


if __name__ == "__main__":
    main()
