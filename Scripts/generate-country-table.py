#!/usr/bin/env python3
"""Generate Sources/OptOutCore/Phone/CountryTable.generated.swift from Scripts/data/calling_codes.tsv.

Usage (from the repository root):  python3 Scripts/generate-country-table.py
Options: --input PATH (default Scripts/data/calling_codes.tsv), --output PATH.

Standard library only. The national-prefix-for-parsing regular expressions are parsed here with Python's
own regex parser and compiled into a tiny backtracking-VM program over the digits 0-9, so the Swift side
never parses anything at run time: every table is a static array of small integers.
"""

import argparse
import os
import sys

try:  # Python 3.11+
    import re._parser as sre_parse
    import re._constants as sre_constants
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse  # type: ignore
    import sre_constants  # type: ignore

# VM opcodes (keep in sync with NationalPrefixMatcher.swift)
OP_CHAR = 0   # a = 10-bit mask of digits accepted
OP_SPLIT = 1  # try a first, then b
OP_JUMP = 2   # go to a
OP_SAVE = 3   # slot a = current position
OP_END = 4    # assert end of input
OP_MATCH = 5  # success


def digit_mask_for_literal(code):
    ch = chr(code)
    if '0' <= ch <= '9':
        return 1 << (ord(ch) - 48)
    return 0  # can never match a digit


def digit_mask_for_in(items):
    mask = 0
    negate = False
    for op, arg in items:
        name = str(op)
        if name == 'NEGATE':
            negate = True
        elif name == 'LITERAL':
            mask |= digit_mask_for_literal(arg)
        elif name == 'RANGE':
            lo, hi = arg
            for c in range(lo, hi + 1):
                mask |= digit_mask_for_literal(c)
        elif name == 'CATEGORY':
            if str(arg) == 'CATEGORY_DIGIT':
                mask |= 0x3FF
            else:
                raise ValueError('unsupported category %s' % arg)
        else:
            raise ValueError('unsupported class item %s' % name)
    if negate:
        mask = (~mask) & 0x3FF
    return mask


class Compiler:
    def __init__(self):
        self.code = []  # list of [op, a, b]
        self.max_group = 0

    def emit(self, op, a=0, b=0):
        self.code.append([op, a, b])
        return len(self.code) - 1

    def seq(self, items):
        for op, arg in items:
            self.node(op, arg)

    def node(self, op, arg):
        name = str(op)
        if name == 'LITERAL':
            self.emit(OP_CHAR, digit_mask_for_literal(arg))
        elif name == 'IN':
            self.emit(OP_CHAR, digit_mask_for_in(arg))
        elif name == 'SUBPATTERN':
            group, _add, _del, sub = arg
            if group is not None:
                self.max_group = max(self.max_group, group)
                self.emit(OP_SAVE, 2 * group)
            self.seq(sub)
            if group is not None:
                self.emit(OP_SAVE, 2 * group + 1)
        elif name == 'BRANCH':
            _none, alternatives = arg
            jumps = []
            for index, alternative in enumerate(alternatives):
                if index < len(alternatives) - 1:
                    split = self.emit(OP_SPLIT)
                    self.code[split][1] = split + 1
                    self.seq(alternative)
                    jumps.append(self.emit(OP_JUMP))
                    self.code[split][2] = len(self.code)
                else:
                    self.seq(alternative)
            for jump in jumps:
                self.code[jump][1] = len(self.code)
        elif name == 'MAX_REPEAT':
            low, high, sub = arg
            if high == sre_constants.MAXREPEAT:
                raise ValueError('unbounded repeat not supported')
            for _ in range(low):
                self.seq(sub)
            splits = []
            for _ in range(high - low):
                split = self.emit(OP_SPLIT)
                self.code[split][1] = split + 1
                splits.append(split)
                self.seq(sub)
            for split in splits:
                self.code[split][2] = len(self.code)
        elif name == 'AT':
            if str(arg) == 'AT_END':
                self.emit(OP_END)
            else:
                raise ValueError('unsupported anchor %s' % arg)
        else:
            raise ValueError('unsupported regex node %s' % name)


def compile_pattern(pattern):
    """Compile a regex into VM code; returns (code, group_count)."""
    parsed = sre_parse.parse(pattern)
    compiler = Compiler()
    compiler.seq(list(parsed))
    compiler.emit(OP_MATCH)
    groups = parsed.state.groups - 1 if hasattr(parsed, 'state') else compiler.max_group
    return compiler.code, groups


def parse_transform(rule):
    """'9\\1' -> [57, 1]: ASCII digits stay, group references become the group number (1-9)."""
    out = []
    i = 0
    while i < len(rule):
        ch = rule[i]
        if ch == '\\' and i + 1 < len(rule) and rule[i + 1].isdigit():
            out.append(int(rule[i + 1]))
            i += 2
        elif ch.isdigit():
            out.append(ord(ch))
            i += 1
        else:
            raise ValueError('unsupported transform %r' % rule)
    return out


def lengths_mask(text):
    mask = 0
    for part in filter(None, text.split(',')):
        mask |= 1 << int(part)
    return mask


def swift_array(name, type_name, values, per_line=16, doc=None):
    lines = []
    if doc:
        lines.append('    /// %s' % doc)
    lines.append('    static let %s: [%s] = [' % (name, type_name))
    for start in range(0, len(values), per_line):
        chunk = values[start:start + per_line]
        lines.append('        ' + ', '.join(str(v) for v in chunk) + ',')
    lines.append('    ]')
    return '\n'.join(lines)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo_root = os.path.dirname(here)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--input', default=os.path.join(repo_root, 'Scripts', 'data', 'calling_codes.tsv'))
    parser.add_argument('--output', default=os.path.join(
        repo_root, 'Sources', 'OptOutCore', 'Phone', 'CountryTable.generated.swift'))
    args = parser.parse_args()

    with open(args.input, encoding='utf-8') as handle:
        header = handle.readline().rstrip('\n').split('\t')
        rows = [dict(zip(header, line.rstrip('\n').split('\t'))) for line in handle if line.strip()]
    rows.sort(key=lambda r: int(r['calling_code']))

    calling_codes, possible, local_only, mobile = [], [], [], []
    idd_start, idd_values = [], []
    program_start, program, group_counts = [], [], []
    transform_start, transform = [], []
    regions = []
    for index, row in enumerate(rows):
        code = int(row['calling_code'])
        calling_codes.append(code)
        possible.append(lengths_mask(row['nsn_lengths']))
        local_only.append(lengths_mask(row['nsn_local_only_lengths']))
        mobile.append(lengths_mask(row['mobile_nsn_lengths']))

        literals = [x for x in row['idd_literals'].split(',') if x]
        literals.sort(key=lambda x: (-len(x), x))
        idd_start.append(len(idd_values))
        for literal in literals:
            if not literal.isdigit() or len(literal) > 15:
                raise ValueError('bad IDD literal %r' % literal)
            idd_values.append(int(literal) * 16 + len(literal))

        npfp = row['national_prefix_for_parsing'] or row['national_prefix']
        program_start.append(len(program) // 3)
        if npfp:
            code_list, groups = compile_pattern(npfp)
            base = len(program) // 3
            for op, a, b in code_list:
                if op in (OP_SPLIT, OP_JUMP):
                    a += base
                    b = b + base if op == OP_SPLIT else 0
                program.extend([op, a, b])
            group_counts.append(groups)
        else:
            group_counts.append(0)
        transform_start.append(len(transform))
        transform.extend(parse_transform(row['national_prefix_transform']))

        for region in row['regions'].split(','):
            if len(region) == 2 and region.isalpha():
                regions.append((region.upper(), index))
    idd_start.append(len(idd_values))
    program_start.append(len(program) // 3)
    transform_start.append(len(transform))
    if max(group_counts) > 7:
        raise ValueError('too many capture groups')
    if len(program) // 3 > 65535:
        raise ValueError('program too large')

    regions.sort()
    region_codes = [ord(r[0]) << 8 | ord(r[1]) for r, _ in regions]
    region_rows = [i for _, i in regions]

    row_for_code = [255] * 1000
    for index, code in enumerate(calling_codes):
        row_for_code[code] = index

    out = []
    out.append('// GENERATED FILE - DO NOT EDIT.')
    out.append('// Made by `python3 Scripts/generate-country-table.py` (run from the repository root) from')
    out.append('// Scripts/data/calling_codes.tsv (libphonenumber metadata facts, see Scripts/data/README.md).')
    out.append('// Re-run the script after changing the TSV and commit the result.')
    out.append('//')
    out.append('// Rows are sorted by calling code; every per-row array has one entry per row (the *Start arrays one')
    out.append('// more). Lengths are bit masks (bit n set: n national digits). IDD literals are packed as')
    out.append('// value * 16 + digit count, longest first. National-prefix-for-parsing regexes are compiled into')
    out.append('// NationalPrefixMatcher VM triples (op, a, b). Transforms: ASCII digits, or 1-9 for a group.')
    out.append('')
    out.append('// swiftlint:disable all')
    out.append('')
    out.append('/// The country calling code table (generated data; see the header comment).')
    out.append('enum CountryTable {')
    out.append('    /// Number of calling-code rows.')
    out.append('    static let rowCount = %d' % len(rows))
    out.append(swift_array('callingCodes', 'UInt16', calling_codes, doc='The ITU calling code of each row.'))
    out.append(swift_array('rowForCallingCode', 'UInt8', row_for_code, per_line=40,
                           doc='Row index for each calling code 0...999, 255 when unassigned.'))
    out.append(swift_array('possibleLengths', 'UInt32', possible, per_line=10,
                           doc='Possible national (significant) number lengths as a bit mask.'))
    out.append(swift_array('localOnlyLengths', 'UInt32', local_only, per_line=10,
                           doc='Lengths only dialable locally (rejected: not E.164).'))
    out.append(swift_array('mobileLengths', 'UInt32', mobile, per_line=10,
                           doc='Mobile national number lengths.'))
    out.append(swift_array('iddStart', 'UInt16', idd_start, doc='Start of each row\'s IDD literals in `iddLiterals`.'))
    out.append(swift_array('iddLiterals', 'UInt32', idd_values, per_line=8,
                           doc='International dialling prefixes, value * 16 + digit count, longest first.'))
    out.append(swift_array('prefixProgramStart', 'UInt16', program_start,
                           doc='Start (in instructions) of each row\'s national-prefix program; empty when none.'))
    out.append(swift_array('prefixProgram', 'UInt16', program, per_line=24,
                           doc='National-prefix-for-parsing programs as (op, a, b) triples.'))
    out.append(swift_array('prefixGroupCount', 'UInt8', group_counts, per_line=32,
                           doc='Capture groups in each row\'s national-prefix pattern.'))
    out.append(swift_array('transformStart', 'UInt16', transform_start, doc='Start of each row\'s transform.'))
    out.append(swift_array('transform', 'UInt8', transform, doc='National prefix transform rules.'))
    out.append(swift_array('regionCodes', 'UInt16', region_codes, per_line=12,
                           doc='ISO 3166 regions (two ASCII letters packed high, low), sorted.'))
    out.append(swift_array('regionRows', 'UInt8', region_rows, per_line=24,
                           doc='Calling-code row of each entry in `regionCodes`.'))
    out.append('}')
    out.append('')
    with open(args.output, 'w', encoding='utf-8') as handle:
        handle.write('\n'.join(out))
    print('wrote %s (%d calling codes, %d regions)' % (args.output, len(rows), len(regions)), file=sys.stderr)


if __name__ == '__main__':
    main()
