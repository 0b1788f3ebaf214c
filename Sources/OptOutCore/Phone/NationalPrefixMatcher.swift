// MARK: - National prefix matcher

/// Runs a national-prefix-for-parsing pattern, compiled by `Scripts/generate-country-table.py` into
/// `CountryTable.prefixProgram`, against a run of digit values (0–9) anchored at its start.
///
/// The program is a backtracking virtual machine (Thompson/Pike style instructions kept as `(op, a, b)`
/// triples): `char mask`, `split a b` (prefer `a`), `jump a`, `save slot`, `end` (assert end of input)
/// and `match`. Patterns have no unbounded repeats, so the search always ends; a step budget guards it
/// anyway. Nothing is allocated: capture slots live in caller-provided memory.
enum NationalPrefixMatcher {
    /// Instruction codes (keep in sync with the generator script).
    enum Opcode: UInt16 {
        case char = 0, split, jump, save, end, match
    }

    /// Sentinel for a capture slot that was not set.
    static let unset: UInt8 = 255

    /// Matches `program` at the start of `digits`; returns the end of the match or nil.
    ///
    /// `slots` must hold at least `2 * (groups + 1)` entries; they are reset to `unset` and receive the
    /// start and end of each capture group (slot `2g`, `2g + 1`).
    static func match(
        program: Range<Int>, digits: UnsafeBufferPointer<UInt8>, slots: UnsafeMutableBufferPointer<UInt8>
    ) -> Int? {
        guard !program.isEmpty else { return nil }
        for index in slots.indices { slots[index] = unset }
        var budget = 20_000
        return run(pc: program.lowerBound, sp: 0, program: program, digits: digits, slots: slots, budget: &budget)
    }

    private static func run(
        pc startPC: Int, sp startSP: Int, program: Range<Int>, digits: UnsafeBufferPointer<UInt8>,
        slots: UnsafeMutableBufferPointer<UInt8>, budget: inout Int
    ) -> Int? {
        var pc = startPC
        var sp = startSP
        let code = CountryTable.prefixProgram
        while true {
            budget -= 1
            guard budget > 0, program.contains(pc), pc * 3 + 2 < code.count else { return nil }
            let a = Int(code[pc * 3 + 1])
            let b = Int(code[pc * 3 + 2])
            switch Opcode(rawValue: code[pc * 3]) {
            case .char:
                guard sp < digits.count, digits[sp] < 10, a & (1 << Int(digits[sp])) != 0 else { return nil }
                pc += 1
                sp += 1
            case .split:
                if let end = run(pc: a, sp: sp, program: program, digits: digits, slots: slots, budget: &budget) {
                    return end
                }
                pc = b
            case .jump:
                pc = a
            case .save:
                guard a < slots.count else { return nil }
                let old = slots[a]
                slots[a] = UInt8(truncatingIfNeeded: sp)
                if let end = run(pc: pc + 1, sp: sp, program: program, digits: digits, slots: slots, budget: &budget) {
                    return end
                }
                slots[a] = old
                return nil
            case .end:
                guard sp == digits.count else { return nil }
                pc += 1
            case .match:
                return sp
            case nil:
                return nil
            }
        }
    }
}

// MARK: - First-digit filter

extension NationalPrefixMatcher {
    /// For each country table row, the digits (bit d for digit d) a national-prefix match can start
    /// with; `0x3FF` (every digit) when the program could match without reading a digit or cannot be
    /// analysed. A number whose first digit is not in the mask cannot match, so the matcher is skipped
    /// (most numbers: the US program needs a leading 1, most others a leading 0).
    static let firstDigitMasks: [UInt16] = (0..<CountryTable.rowCount).map { row in
        firstDigits(program: CallingCode(row: row).prefixProgram)
    }

    /// The digits the first `char` instructions reachable from the program's start accept, following
    /// `split`, `jump` and `save` without reading input.
    static func firstDigits(program: Range<Int>) -> UInt16 {
        let code = CountryTable.prefixProgram
        guard !program.isEmpty else { return 0x3FF }
        // Every instruction is visited once and pushes at most two: the work space is on the stack,
        // since this runs for every row of the table at start-up.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * program.count + 1) { pending in
            withUnsafeTemporaryAllocation(of: Bool.self, capacity: program.count) { visited in
                visited.initialize(repeating: false)
                var mask: UInt16 = 0
                var count = 1
                pending[0] = program.lowerBound
                while count > 0 {
                    count -= 1
                    let pc = pending[count]
                    guard program.contains(pc), pc * 3 + 2 < code.count else { return 0x3FF }
                    if visited[pc - program.lowerBound] { continue }
                    visited[pc - program.lowerBound] = true
                    let a = Int(code[pc * 3 + 1])
                    let b = Int(code[pc * 3 + 2])
                    switch Opcode(rawValue: code[pc * 3]) {
                    case .char: mask |= UInt16(truncatingIfNeeded: a) & 0x3FF
                    case .split:
                        pending[count] = a
                        pending[count + 1] = b
                        count += 2
                    case .jump:
                        pending[count] = a
                        count += 1
                    case .save:
                        pending[count] = pc + 1
                        count += 1
                    case .end, .match, nil: return 0x3FF
                    }
                }
                return mask
            }
        }
    }
}
