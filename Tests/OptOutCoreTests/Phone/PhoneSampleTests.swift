#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing
import OptOutTestSupport
@testable import OptOutCore

// MARK: - Shared sample

/// Checks every row of Tests/Fixtures/phones-sample.tsv against the normalizer.
@Suite struct PhoneSampleTests {
    /// One row of the sample.
    struct SampleRow: CustomStringConvertible {
        let line: Int
        let rawInput: String
        let input: String
        let region: String
        let expected: String
        let tier: String
        let note: String

        var description: String {
            "line \(line): \(rawInput) region=\(region.isEmpty ? "-" : region) expected=\(expected) [\(tier)] \(note)"
        }
    }

    static func loadRows() throws -> [SampleRow] {
        let text = try Fixture.text("phones-sample.tsv")
        var rows: [SampleRow] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() where index > 0 {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 5 else { throw SampleError.malformed(index + 1) }
            let input = try JSONDecoder().decode(String.self, from: Data(fields[0].utf8))
            rows.append(SampleRow(
                line: index + 1, rawInput: fields[0], input: input, region: fields[1], expected: fields[2],
                tier: fields[3], note: fields[4]))
        }
        return rows
    }

    enum SampleError: Error { case malformed(Int) }

    static func answer(_ row: SampleRow) -> String {
        let region = row.region.isEmpty ? nil : Region(code: row.region)
        switch PhoneNormalizer(defaultRegion: region).normalize(row.input) {
        case .success(let number): return number.e164
        case .failure: return "REJECT"
        }
    }

    @Test func sampleHasRowsOfEveryTier() throws {
        let rows = try Self.loadRows()
        #expect(rows.count == 520)
        #expect(Set(rows.map(\.tier)) == ["core", "policy", "metadata"])
        #expect(rows.allSatisfy { $0.region.isEmpty || Region(code: $0.region) != nil })
    }

    @Test func everySampleRowMatches() throws {
        let rows = try Self.loadRows()
        var failures: [String] = []
        var passed = 0
        for row in rows {
            let got = Self.answer(row)
            let ok: Bool
            switch row.tier {
            case "metadata": ok = true  // libphonenumber's stricter answer or ours, either is accepted
            default: ok = got == row.expected
            }
            if ok { passed += 1 } else { failures.append("\(row) got=\(got)") }
        }
        for failure in failures { print("PHONE SAMPLE MISMATCH \(failure)") }
        print("phones-sample: \(passed)/\(rows.count) rows pass")
        #expect(failures.isEmpty, "\(failures.count) rows differ:\n\(failures.joined(separator: "\n"))")
    }

    @Test func metadataRowsGiveTheExpectedAnswerOrAnother() throws {
        // The metadata tier may differ from libphonenumber; record what we give so a change is deliberate.
        let rows = try Self.loadRows().filter { $0.tier == "metadata" }
        let answers = rows.map { "\($0.input)|\($0.region)=\(Self.answer($0))" }
        #expect(answers == [
            "4915123456789|DE=+4915123456789",
            "59322123456|EC=+59322123456",
            "31612345678|NL=+3131612345678",
        ])
    }
}
