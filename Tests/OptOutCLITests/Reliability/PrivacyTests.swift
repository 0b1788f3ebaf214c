import Foundation
import Testing
@testable import OptOutCLI
@testable import OptOutCore

/// Privacy (issue 6 part 4): every file optout writes is created 0600, and no diagnostic repeats
/// message text or a phone number other than the one given on the command line.
@Suite(.serialized) struct PrivacyTests {
    /// Runs of 7 or more digits (allowing the separators numbers are written with) in `text`: what a
    /// phone number in a diagnostic would look like.
    ///
    /// Two documented exceptions are not counted: a message id (`(id …)`, echoed so the message can be
    /// found) and Excel scientific notation (`5.73E+11`, echoed to show what went wrong; its digits are
    /// already lost), recognised by the `e`/`E` before the run.
    static func phoneLikeRuns(_ text: String, ignoring path: String = "") -> [String] {
        var text = path.isEmpty ? text : text.replacingOccurrences(of: path, with: "PATH")
        text = withoutMessageIDs(text)
        var runs: [String] = []
        var previous: Character = " "
        var current = ""
        var digits = 0
        var scientific = false
        for character in text + "\n" {
            if character.isASCII && character.isNumber {
                if current.isEmpty { scientific = previous == "e" || previous == "E" || previous == "+" && scientific }
                current.append(character)
                digits += 1
            } else if !current.isEmpty && (character == " " || character == "-" || character == "." || character == "(" || character == ")") {
                current.append(character)
            } else {
                // An ISO 8601 time ("2026-03-01T09:30:00Z") is not a phone number.
                let isDate = character == "T" && current.count == 10 && current.split(separator: "-").map(\.count) == [4, 2, 2]
                if digits >= 7 && !scientific && !isDate && !(character == "e" || character == "E") { runs.append(current) }
                if character == "e" || character == "E" { scientific = true }
                current = ""
                digits = 0
            }
            previous = character
        }
        return runs
    }

    /// `text` without `(id …)` parts.
    static func withoutMessageIDs(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "(id ") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: ")") else { return result }
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }

    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }

    // MARK: - File modes

    @Test func everyFileOptoutWritesIs0600() throws {
        let sandbox = Sandbox()
        let oldMask = umask(0o022)
        defer { umask(oldMask) }
        // The built binary, so the -wal and -shm files exist while it writes and the process's umask applies.
        #expect(try sandbox.exec(["block", "+15551234567"]).status == 0)
        #expect(try sandbox.exec(["ingest-message", "--from", "+15551234568", "--text", "STOP"]).status == 0)
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: sandbox.database + suffix) {
            #expect(Self.mode(sandbox.database + suffix) == 0o600, "optout.sqlite\(suffix)")
        }
        #expect(Self.mode(sandbox.database) == 0o600)

        let campaign = sandbox.write("campaign.csv", "phone,name\n+15551234567,Ana\n+15559876543,Ben\n")
        let kept = sandbox.file("kept.csv"), rejected = sandbox.file("rejected.csv"), export = sandbox.file("export.csv")
        let events = sandbox.file("events.jsonl")
        #expect(try sandbox.exec(["filter-campaign", campaign, "--output", kept, "--rejected", rejected]).status == 0)
        #expect(try sandbox.exec(["export", "--output", export]).status == 0)
        #expect(try sandbox.exec(["export", "--events", "--format", "jsonl", "--output", events, "--cursor", "crm"]).status == 0)
        for path in [kept, rejected, export, events] {
            #expect(Self.mode(path) == 0o600, "\(path)")
        }
        // Replacing an existing, more open file leaves a 0600 file too.
        _ = FileManager.default.createFile(atPath: export, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644])
        #expect(try sandbox.exec(["export", "--output", export]).status == 0)
        #expect(Self.mode(export) == 0o600)

        // The default location: optout creates the folder, private (0700), and the database 0600.
        let home = ["OPTOUT_DB": "", "XDG_DATA_HOME": sandbox.file("data")]
        #expect(try sandbox.exec(["block", "+15551234567"], environment: home).status == 0)
        #expect(Self.mode(sandbox.file("data/optout/optout.sqlite")) == 0o600)
        #expect(Self.mode(sandbox.file("data/optout")) == 0o700)
    }

    // MARK: - Diagnostics never repeat message text or other numbers

    static let secret = "PRIVATE-ZQXJ please stop texting me at +1 555 444 3333"

    @Test func malformedBodiesAndLinesNeverEchoTextOrNumbers() throws {
        let sandbox = Sandbox()
        let text = Self.secret
        let cases: [(String, String)] = [
            ("whatsapp", #"{"entry":[{"changes":[{"value":{"messages":[{"from":"15552223333","type":"text","text":{"body":"\#(text)"}},{"from":15552223334}]}}]}]}"#),
            ("whatsapp", #"{"entry":[{"changes":[{"value":{"messages":[{"from":"15552223333","type":"text","text":{"body":"\#(text)"}}],"#),
            ("whatsapp", #"{"entry":[{"changes":[{"value":{"messages":[{"from":"15552223333","timestamp":"soon","type":"text","text":{"body":"\#(text)"}}]}}]}]}"#),
            ("twilio", "From=whatsapp%3A%2B15552223333&Body=\(text.replacingOccurrences(of: " ", with: "+"))&Bad"),
            ("twilio", "From=whatsapp%3A%2B15552223333&Body=PRIVATE-ZQXJ+%ZZ+15554443333"),
            ("twilio", "Body=PRIVATE-ZQXJ+15554443333"),
            ("jsonl", #"{"from":"+15552223333","text":"\#(text)"}"# + "\n" + #"{"from":"+15552223334","text":"\#(text)","at":"yesterday"}"#),
            ("jsonl", #"{"from":"+15552223333","text":"\#(text)"#),
            ("jsonl", #"{"from":["+15552223333"],"text":"\#(text)"}"#),
        ]
        for (index, (format, body)) in cases.enumerated() {
            let path = sandbox.write("body\(index)", body)
            let result = sandbox.run(["ingest-message", "--\(format)", path])
            #expect(result.status == 65, "case \(index): \(result.stderr)")
            #expect(!result.stderr.contains("ZQXJ") && !result.stderr.contains("please"), "case \(index): \(result.stderr)")
            #expect(Self.phoneLikeRuns(result.stderr, ignoring: sandbox.path).isEmpty, "case \(index): \(result.stderr)")
        }
    }

    @Test func warningsAboutSendersNameNoNumberFromTheBody() throws {
        let sandbox = Sandbox()
        let body = sandbox.write("body.json", #"""
            {"entry":[{"changes":[{"value":{"messages":[
              {"from":"123","id":"wamid.A","type":"text","text":{"body":"\#(Self.secret)"}},
              {"from_user_id":"US.777","id":"wamid.B","type":"text","text":{"body":"\#(Self.secret)"}}]}}]}]}
            """#)
        let result = sandbox.run(["ingest-message", "--whatsapp", body])
        #expect(result.status == 0)
        #expect(result.stderr == """
            optout: warning: entry 1, change 1, message 1 (id wamid.A): sender is not a phone number: too short for +1 (needs 10 digits); not recorded

            """)
        // The username-only sender is recorded under its user id, with no warning.
        #expect(result.stdout.split(separator: "\n").last?.hasPrefix("US.777  ") == true, "\(result.stdout)")
    }

    @Test func numberListsAndCampaignHeadersAreNotEchoedAsData() throws {
        let sandbox = Sandbox()
        // A campaign without a header row: its first row is customer data and must not be repeated.
        let campaign = sandbox.write("campaign.csv", "+15552223333,Ana Lopez,\(Self.secret)\n+15552223334,Ben,hi\n")
        let result = sandbox.run(["filter-campaign", campaign])
        #expect(result.status == 65)
        #expect(result.stderr == "optout: error: no phone column found (use --column NAME or N); columns are: (a number), 'Ana Lopez', (a number)\n")

        // A number list's bad line is named by its line and shown cut to one short line.
        let long = String(repeating: "9", count: 5_000) + "\n" + Self.secret
        let list = sandbox.write("numbers.txt", "+15551234567\n\"\(long)\"\n")
        let block = sandbox.run(["block", "--file", list])
        #expect(block.status == 65)
        #expect(block.stderr == """
            optout: error: line 2 of \(list): '"999999999999999999999999999999999999999…': contains an invalid character '"' (U+0022)
            optout: error: line 3 of \(list): 'PRIVATE-ZQXJ please stop texting me at +…': contains letters
            optout: error: 2 invalid numbers; nothing was changed (use --skip-invalid to apply the rest)

            """)
    }

    @Test func theNumberGivenOnTheCommandLineIsTheOnlyOneShown() {
        let sandbox = Sandbox()
        #expect(sandbox.run(["block", "+15552223333"]).status == 0)
        let bad = sandbox.run(["check", "+1555222333y"])
        #expect(bad.stderr == "optout: error: '+1555222333y' is not a phone number: contains letters\n")
        let ingest = sandbox.run(["ingest-message", "--from", "+1555", "--text", Self.secret])
        #expect(ingest.status == 65)
        #expect(!ingest.stderr.contains("ZQXJ"))
        #expect(ingest.stderr.hasPrefix("optout: error: '+1555' is neither a phone number nor a WhatsApp user id: "))
        let newline = sandbox.run(["show", "+1555\n2223333"])
        #expect(newline.stderr.split(separator: "\n").count == 1, "\(newline.stderr)")
    }
}
