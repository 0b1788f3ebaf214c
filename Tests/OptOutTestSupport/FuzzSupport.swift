import OptOutPlatform
import Testing

// Shared by the core and CLI fuzz tests through the OptOutTestSupport target.

// MARK: - Seeded generator

/// SplitMix64: a small deterministic generator, so that every fuzz run with the same seed sees the
/// same inputs and a failure can be replayed from its seed and case number.
public struct SeededGenerator: RandomNumberGenerator {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (0 when `bound` is 0).
    public mutating func below(_ bound: Int) -> Int {
        bound <= 0 ? 0 : Int(next() % UInt64(bound))
    }

    /// True with probability `percent`/100.
    public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

// MARK: - Configuration

/// How many cases a fuzz run makes and where it reports its counts.
///
/// `OPTOUT_FUZZ_CASES` (default 500, the CI size) sets the cases per format, `OPTOUT_FUZZ_SEED` the
/// seed (default 0x5EED), and `OPTOUT_FUZZ_REPORT` a file the counts are appended to (the stress script
/// `Benchmarks/fuzz/run.sh` sets all three).
public enum FuzzConfiguration {
    public static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    public static var cases: Int { environment("OPTOUT_FUZZ_CASES").flatMap { Int($0) }.map { max(1, $0) } ?? 500 }

    /// A smaller count for command-level runs (each opens a database): a fifth of `cases`, at least 50.
    public static var commandCases: Int {
        environment("OPTOUT_FUZZ_COMMAND_CASES").flatMap { Int($0) } ?? max(50, cases / 5)
    }

    public static var seed: UInt64 { environment("OPTOUT_FUZZ_SEED").flatMap { UInt64($0) } ?? 0x5EED }

    /// Appends `line` to the report file, when one is set.
    public static func report(_ line: String) {
        guard let path = environment("OPTOUT_FUZZ_REPORT") else { return }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard descriptor >= 0 else { return }
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBytes { _ = write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
    }
}

// MARK: - Seeds

/// Valid inputs of each format that the fuzzers mutate. Every message text holds `marker`.
public enum FuzzSeeds {
    /// A marker put into every message text of the seeds: no diagnostic may contain it.
    public static let marker = "ZQXJ"

    public static let csv = [
        "phone,name,note\n+15551234567,Ana,ZQXJ hello\n5551234568,\"Ben, Jr.\",\"said \"\"hi\"\"\"\n",
        "\u{FEFF}Telefono;Nombre\r\n+52 55 1234 5678;Luz\r\n;\r\n",
        "wa_id\t\"multi\nline\"\n15551234567\t\n",
        "a|b|c\n1|2|3\n\"x\"|\"\"|z",
        "number\n\"+1 555 123 4567\"\n\n\n",
    ]

    public static let whatsApp = [
        #"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messages":[{"from":"15551234567","id":"wamid.A","timestamp":"1767261600","type":"text","text":{"body":"STOP ZQXJ"}}]}}]}]}"#,
        #"{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"statuses":[{"status":"failed","recipient_id":"15551234567","errors":[{"code":131050}]}]}}]}]}"#,
    ]

    public static let twilio = [
        "SmsMessageSid=SM1&NumMedia=0&Body=STOP+ZQXJ&From=whatsapp%3A%2B15551234567&To=whatsapp%3A%2B14155238886&MessageSid=SM1",
        "From=%2B15551234567&ButtonText=Stop+ZQXJ&ButtonPayload=promo_off&MessageSid=SM2",
        "MessageStatus=delivered&From=whatsapp%3A%2B15551234567&MessageSid=SM3\r\n",
        "From=5551234567&Body=%E2%9C%8B+%C3%B1+ZQXJ",
    ]

    public static let jsonLines = [
        #"{"from":"+15551234567","text":"STOP ZQXJ","id":"m1","at":"2026-03-01T09:30:00Z"}"# + "\n"
            + #"{"from":15551234568,"text":"hola ZQXJ","id":7,"at":1767261600}"# + "\r\n\n",
        #"{"from":"5551234567","text":"\u00f1 \ud83d\ude00 ZQXJ","extra":{"a":[1,2,{"b":null}]}}"# + "\n",
        #"{"text":"ZQXJ","from":"whatsapp:+15551234567","at":null,"id":null}"#,
    ]

    public static let phone = [
        "+1 (555) 123-4567", "5551234567", "+52 55 1234 5678", "00 44 20 7946 0018", "1.5551234567E10",
        "whatsapp:+15551234567", "+44 (0)20 7946 0018", "tel:+55-11-91234-5678", "+1 555 123 4567 ext. 89",
        "15551234567", "+٥٥٥١٢٣٤٥٦٧", "＋１ ５５５ １２３ ４５６７",
    ]
}

// MARK: - Input maker

/// Makes hostile inputs: random bytes, and valid seeds with byte flips, inserts, deletions,
/// repeats, splices, truncations and format tokens put in.
public struct FuzzInputMaker {
    public let seeds: [[UInt8]]
    public let tokens: [[UInt8]]

    /// Bytes that break parsers: NUL, invalid UTF-8 leads and continuations, overlong forms, a BOM,
    /// line ends, quotes and JSON/form punctuation.
    public static let commonTokens: [[UInt8]] = [
        [0x00], [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82],
        [0xEF, 0xBB, 0xBF], [0x0A], [0x0D], [0x0D, 0x0A], [0x22], [0x5C], [0x2C], [0x3B], [0x09], [0x7C],
        Array("\"\"".utf8), Array("{".utf8), Array("}".utf8), Array("[".utf8), Array("]".utf8), Array(":".utf8),
        Array("%".utf8), Array("%0".utf8), Array("%ZZ".utf8), Array("&".utf8), Array("=".utf8), Array("+".utf8),
        Array("\\u".utf8), Array("\\ud800".utf8), Array("1e999".utf8), Array("-0".utf8),
        Array("99999999999999999999999999999".utf8), Array("null".utf8), Array("true".utf8),
        Array("'; DROP TABLE events; --".utf8),
    ]

    public init(seeds: [String], tokens: [String] = []) {
        self.seeds = seeds.map { Array($0.utf8) }
        self.tokens = Self.commonTokens + tokens.map { Array($0.utf8) }
    }

    /// One input: a sixth random bytes, the rest mutated seeds.
    public func make(_ random: inout SeededGenerator) -> [UInt8] {
        if random.below(6) == 0 {
            let count = random.below(random.chance(10) ? 4096 : 200)
            if random.chance(50) {
                return (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            }
            var bytes: [UInt8] = []
            while bytes.count < count { bytes += tokens[random.below(tokens.count)] }
            return bytes
        }
        var bytes = seeds[random.below(seeds.count)]
        for _ in 0...random.below(8) { mutate(&bytes, &random) }
        return bytes
    }

    private func mutate(_ bytes: inout [UInt8], _ random: inout SeededGenerator) {
        let position = random.below(bytes.count + 1)
        switch random.below(9) {
        case 0 where !bytes.isEmpty:
            bytes[min(position, bytes.count - 1)] ^= UInt8(1) << UInt8(random.below(8))
        case 1 where !bytes.isEmpty:
            bytes[min(position, bytes.count - 1)] = UInt8(truncatingIfNeeded: random.next())
        case 2:
            bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
        case 3, 4:
            bytes.insert(contentsOf: tokens[random.below(tokens.count)], at: position)
        case 5 where !bytes.isEmpty:
            let end = min(bytes.count, position + 1 + random.below(16))
            bytes.removeSubrange(min(position, end)..<end)
        case 6 where !bytes.isEmpty:
            let start = min(position, bytes.count - 1)
            let end = min(bytes.count, start + 1 + random.below(32))
            let piece = Array(bytes[start..<end])
            let times = 1 + random.below(random.chance(10) ? 200 : 4)
            for _ in 0..<times { bytes.insert(contentsOf: piece, at: start) }
        case 7:
            let other = seeds[random.below(seeds.count)]
            let cut = random.below(other.count + 1)
            bytes = Array(bytes[..<position]) + Array(other[cut...])
        default:
            bytes.removeSubrange(position...)
        }
    }
}

// MARK: - Tally

/// What a fuzz run saw for one format: cases, accepted, rejected by reason, and the slowest case.
public struct FuzzTally {
    public let format: String
    public var cases = 0
    public var accepted = 0
    public var rejected: [String: Int] = [:]
    public var slowestNanoseconds: UInt64 = 0

    public init(_ format: String) { self.format = format }

    /// Runs `body` on one case, timing it; `body` returns nil for accepted or the rejection's name.
    public mutating func run(_ body: () -> String?) {
        var start = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        let outcome = body()
        var end = timespec()
        clock_gettime(CLOCK_MONOTONIC, &end)
        let elapsed = (Int64(end.tv_sec) - Int64(start.tv_sec)) * 1_000_000_000 + Int64(end.tv_nsec) - Int64(start.tv_nsec)
        slowestNanoseconds = max(slowestNanoseconds, UInt64(max(0, elapsed)))
        cases += 1
        if let outcome { rejected[outcome, default: 0] += 1 } else { accepted += 1 }
    }

    /// `format: cases=N accepted=N rejected=N (reason=N, …) slowest=N ms crashes=0`.
    public var summary: String {
        let total = rejected.values.reduce(0, +)
        let reasons = rejected.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        return "\(format): cases=\(cases) accepted=\(accepted) rejected=\(total) (\(reasons)) "
            + "slowest=\(slowestNanoseconds / 1_000_000) ms crashes=0"
    }

    /// Reports the summary and checks that every case was decided and none took longer than `limit` ms.
    public func finish(limitMilliseconds: UInt64 = 2000) {
        FuzzConfiguration.report(summary)
        #expect(accepted + rejected.values.reduce(0, +) == cases)
        #expect(slowestNanoseconds / 1_000_000 < limitMilliseconds, "\(summary)")
    }
}
