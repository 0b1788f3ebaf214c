import Foundation
import Testing
import OptOutTestSupport
@testable import OptOutCore

/// A store with a few entries and events at known times, and helpers to export from it.
struct ExportFixture {
    let base: StoreFixture
    var store: OptOutStore { base.store }

    /// 2026-03-01T00:00:00Z.
    static let march1: Int64 = 1_772_323_200

    init() throws { base = try StoreFixture() }

    @discardableResult
    func record(
        _ number: String, _ action: Action, at seconds: Int64, scope: String = "default", reason: String? = "test",
        messageText: String? = nil
    ) throws -> RecordOutcome {
        var event = base.event(number, action, at: seconds, scope: scope)
        event.reason = reason
        event.messageText = messageText
        return try base.record(event)
    }

    /// Runs an export into memory; returns the bytes and the summary.
    func export(
        _ request: ExportRequest, now: Int64 = 2_000_000_000,
        commit: () throws(OptOutIOError) -> Void = {}
    ) throws(OptOutError) -> (String, ExportSummary) {
        let sink = ByteSink()
        let summary = try Exporter.export(request, from: store, to: sink, now: Timestamp(seconds: now), commit: commit)
        return (String(decoding: sink.contents, as: UTF8.self), summary)
    }

    /// The numbers of a CSV export's rows, in order (column 0 for entries, 1 for events).
    func numbers(_ request: ExportRequest) throws -> [String] {
        let (text, _) = try export(request)
        let parsed = try parseCSV(text, delimiter: UInt8(ascii: ","))
        let column = request.subject == .entries ? 0 : 1
        return parsed.strings.dropFirst().map { $0[column] }
    }

    func cursor(_ name: String) throws -> Int64? {
        try store.database.scalarInt("SELECT last_event_id FROM cursors WHERE name = ?", [.text(name)])
    }
}

@Suite struct ExporterTests {
    let day: Int64 = 86_400
    var march1: Int64 { ExportFixture.march1 }

    // MARK: - Ranges

    @Test func sinceIsInclusiveAndUntilExclusiveForEntriesAndEvents() throws {
        let fixture = try ExportFixture()
        try fixture.record("+15550000001", .block, at: march1 - 1)  // just before since
        try fixture.record("+15550000002", .block, at: march1)  // exactly since: in
        try fixture.record("+15550000003", .optOut, at: march1 + day - 1)  // last second: in
        try fixture.record("+15550000004", .block, at: march1 + day)  // exactly until: out
        let since = Timestamp(seconds: march1), until = Timestamp(seconds: march1 + day)
        let entries = ExportRequest(subject: .entries, scope: "default", since: since, until: until)
        #expect(try fixture.numbers(entries) == ["+15550000002", "+15550000003"])
        let events = ExportRequest(subject: .events, scope: "default", since: since, until: until)
        #expect(try fixture.numbers(events) == ["+15550000002", "+15550000003"])
        // Open ends.
        #expect(try fixture.numbers(ExportRequest(subject: .entries, scope: "default", until: until)).count == 3)
        #expect(try fixture.numbers(ExportRequest(subject: .events, scope: "default", since: since)).count == 3)
    }

    @Test func millisecondBoundaries() throws {
        let fixture = try ExportFixture()
        var event = fixture.base.event("+15550000001", .block, at: 0)
        event.at = Timestamp(milliseconds: march1 * 1000 - 1)
        try fixture.base.record(event)
        event = fixture.base.event("+15550000002", .block, at: 0)
        event.at = Timestamp(milliseconds: march1 * 1000)
        try fixture.base.record(event)
        let request = ExportRequest(subject: .entries, scope: "default", since: Timestamp(seconds: march1))
        #expect(try fixture.numbers(request) == ["+15550000002"])
        let (text, _) = try fixture.export(ExportRequest(subject: .events, scope: "default", format: .jsonl))
        #expect(text.contains("\"at\":\"2026-02-28T23:59:59.999Z\""))
        #expect(text.contains("\"at\":\"2026-03-01T00:00:00Z\""))
    }

    @Test func emptyRangesStillHaveAHeaderOrAnEmptyArray() throws {
        let fixture = try ExportFixture()
        try fixture.record("+15550000001", .block, at: march1)
        let range = (Timestamp(seconds: march1 + 1), Timestamp(seconds: march1 + 1))
        for subject in [ExportRequest.Subject.entries, .events] {
            let fields = subject == .entries ? Records.entryFields : Records.eventFields
            var request = ExportRequest(subject: subject, scope: "default", since: range.0, until: range.1)
            #expect(try fixture.export(request).0 == fields.joined(separator: ",") + "\n")
            request.format = .json
            #expect(try fixture.export(request).0 == "[]\n")
            request.format = .jsonl
            #expect(try fixture.export(request).0 == "")
            #expect(try fixture.export(request).1.records == 0)
        }
    }

    @Test func orderedByChangeTimeThenNumberWhateverTheInsertOrder() throws {
        let fixture = try ExportFixture()
        try fixture.record("+15550000009", .block, at: march1 + 10)
        try fixture.record("+15550000003", .block, at: march1 + 10)
        try fixture.record("+15550000005", .block, at: march1)
        try fixture.record("+15550000001", .optOut, at: march1 + 20)
        let expected = ["+15550000005", "+15550000003", "+15550000009", "+15550000001"]
        #expect(try fixture.numbers(ExportRequest(subject: .entries, scope: "default")) == expected)
        #expect(try fixture.numbers(ExportRequest(subject: .events, scope: "default")) == expected)
    }

    @Test func repeatedExportsAreByteIdentical() throws {
        let fixture = try ExportFixture()
        for index in 0..<50 {
            try fixture.record("+1555000\(1000 + index)", index % 3 == 0 ? .optOut : .block, at: march1 + Int64(index % 7))
        }
        for format in RecordFormat.allCases {
            for subject in [ExportRequest.Subject.entries, .events] {
                let request = ExportRequest(subject: subject, scope: "default", format: format)
                let first = try fixture.export(request).0
                #expect(first.count > 1000)
                #expect(try fixture.export(request).0 == first)
            }
        }
    }

    // MARK: - Filters

    @Test func statusFilterAndActiveEntries() throws {
        let fixture = try ExportFixture()
        try fixture.record("+15550000001", .block, at: march1)
        try fixture.record("+15550000002", .optOut, at: march1 + 1)
        try fixture.record("+15550000003", .block, at: march1 + 2)
        try fixture.record("+15550000003", .unblock, at: march1 + 3)  // now active
        let all = ExportRequest(subject: .entries, scope: "default")
        #expect(try fixture.numbers(all) == ["+15550000001", "+15550000002", "+15550000003"])
        var some = all
        some.statuses = [.optedOut, .active]
        #expect(try fixture.numbers(some) == ["+15550000002", "+15550000003"])
    }

    @Test func oneScopeOrAllScopes() throws {
        let fixture = try ExportFixture()
        try fixture.record("+15550000001", .block, at: march1, scope: "brand-a")
        try fixture.record("+15550000002", .block, at: march1 + 1, scope: "brand-b")
        try fixture.record("+15550000001", .optOut, at: march1 + 2, scope: "brand-b")
        for subject in [ExportRequest.Subject.entries, .events] {
            #expect(try fixture.numbers(ExportRequest(subject: subject, scope: "brand-a")) == ["+15550000001"])
            #expect(try fixture.numbers(ExportRequest(subject: subject, scope: "brand-b")) == ["+15550000002", "+15550000001"])
            #expect(try fixture.numbers(ExportRequest(subject: subject, scope: "none")) == [])
            #expect(
                try fixture.numbers(ExportRequest(subject: subject, scope: nil))
                    == ["+15550000001", "+15550000002", "+15550000001"])
        }
        let (text, _) = try fixture.export(ExportRequest(subject: .entries, scope: nil, format: .jsonl))
        let scopes = text.split(separator: "\n").compactMap { line -> String? in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["scope"] as? String
        }
        #expect(scopes == ["brand-a", "brand-b", "brand-b"])
    }

    @Test func usageErrors() throws {
        let fixture = try ExportFixture()
        let bad: [ExportRequest] = [
            ExportRequest(subject: .entries, scope: nil, since: Timestamp(seconds: 10), until: Timestamp(seconds: 9)),
            ExportRequest(subject: .events, scope: nil, statuses: [.blocked]),
            ExportRequest(subject: .entries, scope: nil, cursor: "job"),
            ExportRequest(subject: .events, scope: nil, since: Timestamp(seconds: 1), cursor: "job"),
            ExportRequest(subject: .events, scope: nil, cursor: ""),
            ExportRequest(subject: .events, scope: nil, cursor: "a\nb"),
        ]
        for request in bad {
            #expect(throws: OptOutError.self) { try fixture.export(request) }
            do {
                _ = try fixture.export(request)
            } catch {
                #expect(error.exitCode == 64)
            }
        }
        // An empty range (since == until) is allowed.
        let same = Timestamp(seconds: 5)
        #expect(try fixture.export(ExportRequest(subject: .entries, scope: nil, since: same, until: same)).1.records == 0)
    }

    // MARK: - Formats

    /// Text that exercises quoting and escaping.
    static let awkward = [
        "plain", "comma, inside", "quote \"here\"", "line\nbreak", "cr\r\nlf", " leading space", "tab\tin",
        "bell\u{07}", "sep\u{2028}para\u{2029}", "emoji 🛑 ñ", "",
    ]

    /// The row path (`write(row:fields:)`) gives exactly the bytes of the value path (`fields(of:)`).
    @Test func streamedRowsMatchDecodedRecordsInEveryFormat() throws {
        let fixture = try ExportFixture()
        for (index, text) in Self.awkward.enumerated() {
            let number = "+1555000\(2000 + index)"
            try fixture.record(number, .optOut, at: march1 + Int64(index), reason: text, messageText: text)
            if index % 2 == 0 { try fixture.record(number, .block, at: march1 + 100 + Int64(index), reason: nil) }
            if index % 3 == 0 { try fixture.record(number, .marketingStop, at: march1 + 200 + Int64(index)) }
        }
        var event = fixture.base.event("+15550009999", .optIn, .keyword, at: march1 + 500)
        event.messageID = "wamid.X"
        event.keyword = "start"
        event.at = Timestamp(milliseconds: (march1 + 500) * 1000 + 7)
        try fixture.base.record(event)

        for format in RecordFormat.allCases {
            let entries = try fixture.store.entries(EntryQuery(scope: nil, newestFirst: false))
            let events = try fixture.store.database.rows(
                "SELECT \(EventColumn.selectList) FROM events ORDER BY at, number, id"
            ) { try EventColumn.decode($0) }
            #expect(entries.count == Self.awkward.count + 1)
            #expect(events.count > entries.count)

            let expectedEntries = ByteSink()
            var writer = RecordWriter(format: format, fields: Records.entryFields, sink: expectedEntries)
            for entry in entries { try writer.write(Records.fields(of: entry)) }
            try writer.finish()
            let expectedEvents = ByteSink()
            writer = RecordWriter(format: format, fields: Records.eventFields, sink: expectedEvents)
            for event in events { try writer.write(Records.fields(of: event)) }
            try writer.finish()

            let entryText = try fixture.export(ExportRequest(subject: .entries, scope: nil, format: format)).0
            let eventText = try fixture.export(ExportRequest(subject: .events, scope: nil, format: format)).0
            #expect(entryText == String(decoding: expectedEntries.contents, as: UTF8.self))
            #expect(eventText == String(decoding: expectedEvents.contents, as: UTF8.self))
        }
    }

    @Test func storedFieldsMatchTheRecordKeys() throws {
        let entry = Entry(scope: "s", number: PhoneNumber(e164: "+15551234567")!, changedAt: Timestamp(seconds: 0))
        #expect(Records.fields(of: entry).map(\.0) == Records.entryFields)
        #expect(Records.entryFields.count == 21)
        #expect(Records.entryFields.suffix(3) == ["user_id", "parent_user_id", "identifiers"])
        #expect(Records.eventFields == [
            "event_id", "number", "scope", "action", "source", "at", "recorded_at", "actor", "reason",
            "message_id", "message_text", "keyword", "applied", "claimed_at", "os_user", "layer", "rule", "proposed",
            "target_event", "user_id", "parent_user_id",
        ])
    }

    @Test func eachFormatParsesBackToTheStoredValues() throws {
        let fixture = try ExportFixture()
        for (index, text) in Self.awkward.enumerated() {
            try fixture.record("+1555000\(3000 + index)", .block, at: march1 + Int64(index), reason: text, messageText: text)
        }
        let request = ExportRequest(subject: .events, scope: "default")
        // CSV through the core reader.
        let csv = try parseCSV(try fixture.export(request).0, delimiter: UInt8(ascii: ","))
        #expect(csv.strings.first == Records.eventFields)
        #expect(csv.strings.dropFirst().map { $0[8] } == Self.awkward)
        #expect(csv.strings.dropFirst().map { $0[10] } == Self.awkward)
        #expect(csv.strings.dropFirst().map { $0[5] }.first == "2026-03-01T00:00:00Z")
        #expect(csv.strings.dropFirst().allSatisfy { $0.count == 21 && $0[12] == "true" && $0[9] == "" })
        // JSON: one array.
        var json = request
        json.format = .json
        let array = try JSONSerialization.jsonObject(with: Data(try fixture.export(json).0.utf8)) as? [[String: Any]]
        #expect(array?.map { $0["reason"] as? String } == Self.awkward)
        #expect(array?.first?["event_id"] as? Int == 1)
        #expect(array?.first?["applied"] as? Bool == true)
        #expect(array?.first?["message_id"] is NSNull)
        #expect(array?.first.map { Set($0.keys) } == Set(Records.eventFields))
        // JSON Lines: one object a line.
        json.format = .jsonl
        let lines = try fixture.export(json).0.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == Self.awkward.count + 1 && lines.last == "")
        let texts = try lines.dropLast().map { line in
            (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["message_text"] as? String
        }
        #expect(texts == Self.awkward)
    }

    // MARK: - Cursor

    @Test func cursorExportsEachEventExactlyOnceAcrossRuns() throws {
        let fixture = try ExportFixture()
        let request = ExportRequest(subject: .events, scope: "default", format: .csv, cursor: "nightly")
        try fixture.record("+15550000001", .block, at: march1)
        try fixture.record("+15550000002", .optOut, at: march1 + 5)

        // Run 1: everything so far.
        #expect(try fixture.numbers(request) == ["+15550000001", "+15550000002"])
        #expect(try fixture.cursor("nightly") == 2)
        // Writes between runs, including one with an older event time.
        try fixture.record("+15550000003", .block, at: march1 + 10)
        try fixture.record("+15550000004", .block, at: march1 - 100)
        try fixture.record("+15550000005", .block, at: march1 + 1, scope: "other")
        // Run 2: only the new events of this scope; the cursor passes the other scope's event too.
        let (text, summary) = try fixture.export(request)
        #expect(summary == ExportSummary(records: 2, cursorBefore: 2, cursorAfter: 5))
        let rows = try parseCSV(text, delimiter: UInt8(ascii: ",")).strings.dropFirst().map { $0[1] }
        #expect(rows == ["+15550000004", "+15550000003"])
        // Run 3: nothing new: header only, cursor unchanged.
        #expect(try fixture.numbers(request) == [])
        #expect(try fixture.cursor("nightly") == 5)
        try fixture.record("+15550000006", .optOut, at: march1 + 20)
        #expect(try fixture.numbers(request) == ["+15550000006"])
        // Another cursor name starts from the beginning.
        var other = request
        other.cursor = "weekly"
        #expect(try fixture.numbers(other).count == 5)

        let cursors = try Exporter.cursors(in: fixture.store)
        #expect(cursors.map(\.name) == ["nightly", "weekly"])
        #expect(cursors.map(\.lastEventID) == [6, 6])
        #expect(cursors.first?.updatedAt == Timestamp(seconds: 2_000_000_000))
        try fixture.record("+15550000007", .optOut, at: march1 + 30)
        #expect(try Exporter.cursors(in: fixture.store).map(\.pendingEvents) == [1, 1])
    }

    @Test func aFailedCommitLeavesTheCursorSoTheNextRunExportsTheSameEvents() throws {
        let fixture = try ExportFixture()
        let request = ExportRequest(subject: .events, scope: "default", cursor: "job")
        try fixture.record("+15550000001", .block, at: march1)
        _ = try fixture.export(request)
        try fixture.record("+15550000002", .block, at: march1 + 1)
        try fixture.record("+15550000003", .block, at: march1 + 2)

        // Simulated crash: the commit (the rename) fails.
        let crash = OptOutIOError(kind: .cannotCreate, message: "cannot create out.csv: simulated crash")
        do {
            _ = try fixture.export(request) { () throws(OptOutIOError) in throw crash }
            Issue.record("the failed commit must be reported")
        } catch {
            #expect(error.exitCode == 73)
            #expect(error.message == crash.message)
        }
        #expect(try fixture.cursor("job") == 1)
        try fixture.record("+15550000004", .block, at: march1 + 3)
        #expect(try fixture.numbers(request) == ["+15550000002", "+15550000003", "+15550000004"])
        #expect(try fixture.cursor("job") == 4)
    }

    @Test func aRealRenameFailureKeepsTheOldFileAndTheCursor() throws {
        let fixture = try ExportFixture()
        let folder = TemporaryFolder()
        let path = folder.write("events.csv", "previous export\n")
        let request = ExportRequest(subject: .events, scope: "default", cursor: "job")
        try fixture.record("+15550000001", .block, at: march1)
        let file = try AtomicFile(path: folder.file("blocked"))
        // The path becomes a non-empty folder before the rename: rename(2) fails.
        mkdir(folder.file("blocked"), 0o700)
        folder.write("blocked/keep", "x")
        do {
            _ = try Exporter.export(request, from: fixture.store, to: file.sink, now: Timestamp(seconds: 1)) {
                () throws(OptOutIOError) in try file.commit()
            }
            Issue.record("the rename must fail")
        } catch {
            #expect(error.exitCode == 73)
        }
        #expect(try fixture.cursor("job") == nil)
        #expect(readFile(path) == Array("previous export\n".utf8))
        #expect(readFile(file.temporaryPath) == nil)
        // The next run writes the file and moves the cursor.
        let again = try AtomicFile(path: path)
        try Exporter.export(request, from: fixture.store, to: again.sink, now: Timestamp(seconds: 2)) {
            () throws(OptOutIOError) in try again.commit()
        }
        #expect(try fixture.cursor("job") == 1)
        #expect(readFile(path).map { String(decoding: $0, as: UTF8.self) }?.contains("+15550000001") == true)
        #expect(permissions(path) == 0o600)
    }

    @Test func aCursorMovedByAnotherExportMeanwhileIsRefused() throws {
        let fixture = try ExportFixture()
        let request = ExportRequest(subject: .events, scope: "default", cursor: "job")
        try fixture.record("+15550000001", .block, at: march1)
        _ = try fixture.export(request)
        try fixture.record("+15550000002", .block, at: march1 + 1)
        // Another process runs the same cursor between this export's snapshot and its commit.
        let concurrent = try OptOutStore(path: fixture.base.folder.file("optout.sqlite"))
        var committed = false
        do {
            _ = try Exporter.export(
                request, from: fixture.store, now: Timestamp(seconds: 4), actor: nil,
                open: { _ in ExportOutput(sink: ByteSink(), commit: { () throws(OptOutIOError) in committed = true }) },
                afterSnapshot: {
                    _ = try? Exporter.export(request, from: concurrent, to: ByteSink(), now: Timestamp(seconds: 3)) {}
                })
            Issue.record("a moved cursor must be refused")
        } catch {
            #expect(error.exitCode == 75)
            #expect(error.message.contains("cursor 'job' was moved by another export"))
        }
        #expect(committed == false)
        #expect(try fixture.cursor("job") == 2)
    }

    // MARK: - Timestamps

    @Test func isoBytesForEdgeInstants() {
        #expect(Timestamp(milliseconds: -1).iso8601 == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp(milliseconds: 1_772_323_200_050).iso8601 == "2026-03-01T00:00:00.050Z")
        #expect(Timestamp(seconds: 253_402_300_800).iso8601 == "10000-01-01T00:00:00Z")
        // Extremes do not trap.
        #expect(Timestamp(milliseconds: .max).iso8601.hasSuffix("Z"))
        #expect(Timestamp(milliseconds: .min).iso8601.hasPrefix("-"))
        #expect(Timestamp(milliseconds: .min).iso8601.utf8.count <= Timestamp.maximumISO8601Length)
    }
}
