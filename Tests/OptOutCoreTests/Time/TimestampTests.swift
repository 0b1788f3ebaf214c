import Testing
@testable import OptOutCore

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2026-03-01", "2026-03-01T00:00:00Z"),
        ("2026-03-01T09:30:00Z", "2026-03-01T09:30:00Z"),
        ("2026-03-01T09:30Z", "2026-03-01T09:30:00Z"),
        ("2026-03-01T09:30:00.250Z", "2026-03-01T09:30:00.250Z"),
        ("2026-03-01T09:30:00-05:00", "2026-03-01T14:30:00Z"),
        ("2026-03-01T01:30:00+0200", "2026-02-28T23:30:00Z"),
        ("1767261600", "2026-01-01T10:00:00Z"),
        ("0", "1970-01-01T00:00:00Z"),
        ("2024-02-29T23:59:59Z", "2024-02-29T23:59:59Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
    ])
    func parsesAndPrints(input: String, expected: String) {
        #expect(Timestamp(parsing: input)?.iso8601 == expected)
    }

    @Test(arguments: [
        "", "yesterday", "2026-13-01", "2025-02-29", "2026-03-01T25:00:00Z", "2026-03-01T09:30:00",
        "2026-3-1", "12e5", "2026-03-01T09:30:00+5", "2026-03-01Z", "99999999999999999999",
    ])
    func rejects(input: String) {
        #expect(Timestamp(parsing: input) == nil)
    }

    @Test func roundTripsAcrossCenturies() {
        // Years 0001 to 9909.
        for days in stride(from: Int64(-719_000), through: 2_900_000, by: 997) {
            let time = Timestamp(seconds: days * 86_400 + 3_723)
            #expect(Timestamp(parsing: time.iso8601) == time)
        }
    }

    @Test func shortFormForTables() {
        #expect(Timestamp(parsing: "2026-03-01T09:30:59Z")?.shortUTC == "2026-03-01 09:30")
    }
}
