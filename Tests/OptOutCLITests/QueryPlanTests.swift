import Foundation
import Testing
@testable import OptOutCore

/// Every query the staff, webhook and campaign commands run reaches the events and entries through an
/// index (issue "Fast where people wait"): a full scan would make `show`, `check` and a single webhook
/// cost as much as the log is long. The commands run in-process inside `StatementLog.collecting`,
/// and `EXPLAIN QUERY PLAN` of each statement they prepared must search, never scan, the big tables.
/// Listing commands (`list`, `export`, `verify`, `backup`, `scopes`) read every row by design and are
/// not run here (Docs/performance.md).
@Suite struct QueryPlanTests {
    /// The tables that grow with the customers or the log.
    static let largeTables: Set<String> = ["events", "entries", "identifiers", "inbound_messages", "outbox", "cursor_changes"]

    static let user = "US.13491208655302741918"

    func metaBody(_ sandbox: Sandbox, text: String, id: String) -> String {
        let message = #""id":"\#(id)","timestamp":"1767261600","type":"text","text":{"body":"\#(text)"},"from":"15551234567","from_user_id":"\#(Self.user)""#
        return sandbox.write("\(id).json", #"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messages":[{\#(message)}]}}]}]}"#)
    }

    /// The commands people wait for, each with the exit status it must give.
    func runCommands(_ sandbox: Sandbox) {
        let numbers = sandbox.write("numbers.txt", "+15551230001\n+15551230002\n")
        let recipients = sandbox.write("recipients.csv", "phone,name\n+15551230001,Ana\n+15551230009,Bo\n")
        let runs: [([String], Int32)] = [
            (["block", "+15551230001", "--reason", "asked"], 0),
            (["block", "--file", numbers], 0),
            (["unblock", "+15551230002"], 0),
            (["opt-in", "+15551230003", "--source", "web-form"], 0),
            (["ingest-message", "--from", "+15551230003", "--text", "stop the deals", "--id", "w0"], 0),
            (["ingest-message", "--from", "+15551230004", "--text", "STOP", "--id", "w1"], 0),
            (["ingest-message", "--from", "+15551230004", "--text", "START", "--id", "w2"], 0),
            (["ingest-message", "--from", "+15551230005", "--text", "HELP", "--id", "w3"], 0),
            (["ingest-message", "--from", "+15551230006", "--text", "please stop calling me", "--id", "w4"], 0),
            (["ingest-message", "--whatsapp", metaBody(sandbox, text: "STOP", id: "m1")], 0),
            (["review"], 0),
            (["review", "accept", "+15551230006", "--reason", "clear"], 0),
            (["review", "--auto"], 0),
            (["review", "undo", "+15551230003", "--reason", "asked about deals"], 0),
            (["check", "+15551230001"], 1),
            (["check", "+15551230009", "--scope", "default"], 0),
            (["show", "+15551230001"], 0),
            (["show", "+15551230004", "--scope", "default"], 0),
            (["show", Self.user], 0),
            (["filter-campaign", recipients, "--output", sandbox.file("kept.csv")], 0),
            (["export", "--events", "--cursor", "crm", "--output", sandbox.file("feed.csv")], 0),
            (["cursor", "show", "crm"], 0),
            (["cursor", "rewind", "crm", "--to", "2026-01-01T00:00:00Z"], 0),
            (["forget", "+15551230004", "--reason", "erasure request"], 0),
            (["config", "get", "keywords.opt-out"], 0),
            (["outbox"], 0),
        ]
        for (arguments, status) in runs {
            let result = sandbox.run(arguments)
            #expect(result.status == status, "optout \(arguments.joined(separator: " ")): \(result.stderr)")
        }
    }

    @Test func commandsPeopleWaitForSearchTheLargeTablesThroughIndexes() throws {
        let sandbox = Sandbox()
        let log = StatementLog()
        log.collecting { runCommands(sandbox) }
        let statements = log.statements
        #expect(statements.count > 30, "the commands ran their queries: \(statements.count)")
        #expect(statements.contains { $0.contains("FROM events WHERE match_key") }, "show's history query was seen")

        let database = try Database(path: sandbox.database, access: .readOnly)
        var scans: [String] = []
        for sql in statements where !sql.hasPrefix("BEGIN") && !sql.hasPrefix("COMMIT") && !sql.hasPrefix("ROLLBACK") {
            let plan = try database.rows("EXPLAIN QUERY PLAN " + sql, []) { $0.text(3) }
            let tables = Self.tablesByName(in: sql)
            for step in plan where Self.readsAllOf(step, tables: tables) && !Self.readsAllByDesign.contains(where: sql.hasPrefix) {
                scans.append("\(step)  ←  \(sql)")
            }
        }
        #expect(scans.isEmpty, "full scans:\n\(scans.joined(separator: "\n"))")
    }

    /// A writing command leaves statistics for the planner once the log has grown (`ANALYZE`), and
    /// only then: a small database is not analysed on every write.
    @Test func writingCommandsKeepThePlannerStatisticsCurrent() throws {
        let sandbox = Sandbox()
        let few = sandbox.write("few.txt", (1...10).map { "+1555123\(String(format: "%04d", $0))\n" }.joined())
        #expect(sandbox.run(["block", "--file", few]).status == 0)
        func analysedEvents() throws -> Int64? {
            let database = try Database(path: sandbox.database, access: .readOnly)
            let tables = try database.rows("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'", []) { $0.text(0) }
            guard !tables.isEmpty else { return nil }
            return try database.scalarInt("SELECT CAST(stat AS INTEGER) FROM sqlite_stat1 WHERE idx = 'events_by_identifier'")
        }
        #expect(try analysedEvents() == nil, "ten events: no analysis")
        let many = sandbox.write("many.txt", (1...1500).map { "+1555200\(String(format: "%04d", $0))\n" }.joined())
        #expect(sandbox.run(["block", "--file", many]).status == 0)
        let counted = try #require(try analysedEvents())
        #expect(counted > 1000 && counted < 2000, "the sampled count is near the 1510 events: \(counted)")
        #expect(sandbox.run(["block", "+15553000001"]).status == 0)
        #expect(try analysedEvents() == counted, "not re-analysed before the log has grown fourfold")
    }

    /// Whether a plan step reads every row of a large table, or of one scope of it (a search on the
    /// scope alone, which is the whole table for most databases), except through a partial index.
    static func readsAllOf(_ step: String, tables: [String: String]) -> Bool {
        let words = step.split(separator: " ")
        guard words.count > 1, let table = tables[String(words[1])], largeTables.contains(table) else { return false }
        if words[0] == "SCAN" { return true }
        return words[0] == "SEARCH" && step.hasSuffix("(scope=?)") && !partialIndexes.contains { step.contains("INDEX \($0) ") }
    }

    static let partialIndexes = ["entries_pending_review", "events_by_target"]

    /// Statements that read every row they read by design: a campaign's suppression set is the scope's
    /// whole list, and the first row of a table answers whether it has any.
    static let readsAllByDesign = [
        "SELECT match_key, blocked, consent, marketing_stopped, review_pending FROM entries WHERE scope = ?",
        "SELECT 1 FROM identifiers LIMIT 1",
    ]

    /// The table each name in a plan step stands for: a table's own name, or an alias given to it
    /// (`FROM events e`), which the plan shows instead.
    static func tablesByName(in sql: String) -> [String: String] {
        var tables: [String: String] = [:]
        let words = sql.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init)
        for (index, word) in words.enumerated() where ["FROM", "JOIN"].contains(word.uppercased()) && index + 1 < words.count {
            let table = words[index + 1]
            tables[table] = table
            if index + 2 < words.count, !sqlKeywords.contains(words[index + 2].uppercased()) { tables[words[index + 2]] = table }
        }
        return tables
    }

    static let sqlKeywords: Set<String> = [
        "WHERE", "JOIN", "LEFT", "INNER", "CROSS", "ON", "ORDER", "GROUP", "LIMIT", "UNION", "AS", "SET", "VALUES", "AND", "OR",
        "NATURAL", "USING", "HAVING", "WINDOW", "EXCEPT", "INTERSECT",
    ]

    /// The checker itself: a query that does scan a large table is caught.
    @Test func aScanOfTheLogIsSeen() throws {
        let sandbox = Sandbox()
        let database = try Database(path: sandbox.database, access: .readOnly)
        let plan = try database.rows("EXPLAIN QUERY PLAN SELECT count(*) FROM events WHERE actor = ?", []) { $0.text(3) }
        #expect(plan.contains { $0.hasPrefix("SCAN events") })
        #expect(Self.readsAllOf("SEARCH entries USING PRIMARY KEY (scope=?)", tables: ["entries": "entries"]))
        #expect(!Self.readsAllOf("SEARCH entries USING PRIMARY KEY (scope=? AND match_key=?)", tables: ["entries": "entries"]))
        #expect(!Self.readsAllOf("SEARCH n USING INDEX entries_pending_review (scope=?)", tables: ["n": "entries"]))
        #expect(Self.tablesByName(in: "SELECT e.id FROM events e JOIN entries n ON n.scope = e.scope WHERE e.id > 1") == [
            "events": "events", "e": "events", "entries": "entries", "n": "entries",
        ])
    }
}
