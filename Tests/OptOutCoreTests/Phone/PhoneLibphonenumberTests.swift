#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing
import OptOutTestSupport
@testable import OptOutCore

/// The normaliser against libphonenumber's answers (Tests/Fixtures/phone-libphonenumber.tsv, written by
/// Scripts/generate-phone-expectations.py): every input of the phone sample and of the project's own
/// cases answers as libphonenumber does, unless the difference is declared with its reason (the
/// sample's `policy`/`metadata` tiers, Tests/Fixtures/phone-differences.tsv for the cases).
@Suite struct PhoneLibphonenumberTests {
    struct Row {
        var line: Int
        var input: String
        var region: String
        var value: String
    }

    /// Rows of a fixture TSV: a JSON-string input, a region and the column `valueColumn`.
    static func rows(_ name: String, valueColumn: Int) throws -> [Row] {
        var rows: [Row] = []
        for (index, line) in try Fixture.text(name).split(separator: "\n").enumerated() {
            if line.hasPrefix("#") || line.hasPrefix("input\t") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let input = try JSONDecoder().decode(String.self, from: Data(fields[0].utf8))
            rows.append(Row(line: index + 1, input: input, region: fields[1], value: fields[valueColumn]))
        }
        return rows
    }

    static func ours(_ input: String, _ region: String) -> String {
        switch PhoneNormalizer(defaultRegion: region.isEmpty ? nil : Region(code: region)).normalize(input) {
        case .success(let number): number.e164
        case .failure: "REJECT"
        }
    }

    struct Key: Hashable {
        var input: String
        var region: String
    }

    @Test func theProjectsOwnCasesGiveTheirExpectedAnswers() throws {
        for row in try Self.rows("phone-cases.tsv", valueColumn: 2) {
            #expect(Self.ours(row.input, row.region) == row.value, "phone-cases.tsv line \(row.line): \(row.input.debugDescription) \(row.region)")
        }
    }

    @Test func everyInputAnswersAsLibphonenumberUnlessTheDifferenceIsDeclared() throws {
        let answers = try Self.rows("phone-libphonenumber.tsv", valueColumn: 2)
        let byKey = Dictionary(answers.map { (Key(input: $0.input, region: $0.region), $0.value) }) { first, _ in first }
        let declared = Set(try Self.rows("phone-differences.tsv", valueColumn: 2).map { Key(input: $0.input, region: $0.region) })
        let sampleTiers = Dictionary(
            try Self.rows("phones-sample.tsv", valueColumn: 3).map { (Key(input: $0.input, region: $0.region), $0.value) }) { first, _ in first }
        let cases = try Self.rows("phone-cases.tsv", valueColumn: 2).map { Key(input: $0.input, region: $0.region) }
        // The generated file is not stale: it answers every input of both files.
        for key in Array(sampleTiers.keys) + cases {
            #expect(byKey[key] != nil, "no libphonenumber answer for \(key.input.debugDescription) \(key.region): run Scripts/generate-phone-expectations.py")
        }
        var agree = 0
        for row in answers {
            let key = Key(input: row.input, region: row.region)
            let mine = Self.ours(row.input, row.region)
            let allowed = declared.contains(key) || (sampleTiers[key].map { $0 != "core" } ?? false)
            if mine == row.value {
                agree += 1
                #expect(!declared.contains(key), "\(row.input.debugDescription) \(row.region) agrees with libphonenumber now: remove it from phone-differences.tsv")
            } else {
                #expect(allowed, "\(row.input.debugDescription) \(row.region): optout \(mine), libphonenumber \(row.value), and no declared reason")
            }
        }
        print("phone-libphonenumber: \(agree)/\(answers.count) inputs answer as libphonenumber 9.0.43; the rest differ on purpose")
    }
}
