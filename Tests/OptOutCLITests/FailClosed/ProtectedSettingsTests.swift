import Foundation
import OptOutTestSupport
import Testing

/// Settings are per scope and inherit the default scope's; protected keywords never leave their set, a
/// keyword belongs to one set, and every change is audited.
@Suite struct ProtectedSettingsTests {
    static let refused: [[String]] = [
        ["config", "remove", "keywords.opt-out", "stop"],
        ["config", "remove", "keywords.opt-out", "OPT-OUT"],
        ["config", "set", "keywords.opt-out", ""],
        ["config", "set", "keywords.opt-out", "baja, alto"],
        ["config", "add", "keywords.opt-in", "stop"],
        ["config", "add", "keywords.help", "cancel"],
        ["config", "remove", "keywords.opt-in", "start"],
        ["config", "remove", "keywords.help", "help"],
        ["config", "set", "keywords.opt-out", "stop, quit, end, revoke, opt out, cancel, unsubscribe, start"],
    ]

    @Test(arguments: refused)
    func aProtectedKeywordChangeIsRefused(arguments: [String]) throws {
        let sandbox = Sandbox()
        let before = try sandbox.exec(["config", "list"]).stdout
        let result = try sandbox.exec(arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.hasPrefix("optout: error: '"), "\(arguments): \(result.stderr)")
        #expect(try sandbox.exec(["config", "list"]).stdout == before)
        #expect(try sandbox.exec(["config", "history"]).stdout == "No setting changes.\n")
        let stop = try sandbox.exec(["ingest-message", "--from", "+12125550101", "--text", "STOP"])
        #expect(stop.stdout.hasPrefix("+12125550101  opt-out  \"stop\"  opted-out"))
    }

    @Test func theMessagesNameTheRule() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["config", "remove", "keywords.opt-out", "stop"]).stderr.hasPrefix(
            "optout: error: 'stop' must stay an opt-out keyword; the protected keywords are opt-out: stop, quit, end, revoke, opt out, cancel, unsubscribe; opt-in: start; help: help\n"))
        #expect(try sandbox.exec(["config", "add", "keywords.opt-in", "stop"]).stderr.hasPrefix(
            "optout: error: 'stop' is already an opt-out keyword; a keyword belongs to one set (remove it from keywords.opt-out first)\n"))
    }

    @Test func settingsArePerScopeAndInheritTheDefaultScope() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["config", "set", "reply.opt-out", "Brand A: unsubscribed.", "--scope", "brandA"]).status == 0)
        #expect(try sandbox.exec(["config", "set", "default-country", "MX"]).status == 0)
        let a = try sandbox.exec(["ingest-message", "--from", "+12125550101", "--text", "STOP", "--scope", "brandA"])
        #expect(a.stdout.hasSuffix("reply: Brand A: unsubscribed.\n"))
        let d = try sandbox.exec(["ingest-message", "--from", "+12125550102", "--text", "STOP"])
        #expect(d.stdout.contains("reply: You have been unsubscribed"))
        let list = try sandbox.exec(["config", "list", "--scope", "brandA"]).stdout
        #expect(list.contains("reply.opt-out = Brand A: unsubscribed.\n"))
        #expect(list.contains("default-country = MX  (from scope default)\n"))
        #expect(list.contains("opt-out-applies-to = marketing  (default)\n"))
        // The default scope's national numbers are read in brandA too.
        #expect(try sandbox.exec(["check", "55 1234 5678", "--scope", "brandA"]).stdout.hasPrefix("+525512345678\t"))
        #expect(try sandbox.exec(["config", "reset", "reply.opt-out", "--scope", "brandA"]).stdout
            == "reply.opt-out = You have been unsubscribed and will receive no more marketing messages. Reply START to resubscribe.  (default)\n")
    }

    @Test func aResetWhoseInheritedListWouldClashIsRefusedAndRolledBack() throws {
        let sandbox = Sandbox()
        // brandA has its own opt-out list and an opt-in keyword "volta"; the default scope then adds
        // "volta" to its opt-out list, which brandA does not inherit while it keeps its own.
        let own = "stop, quit, end, revoke, opt out, cancel, unsubscribe"
        #expect(try sandbox.exec(["config", "set", "keywords.opt-out", own, "--scope", "brandA"]).status == 0)
        #expect(try sandbox.exec(["config", "add", "keywords.opt-in", "volta", "--scope", "brandA"]).status == 0)
        #expect(try sandbox.exec(["config", "add", "keywords.opt-out", "volta"]).status == 0)
        let reset = try sandbox.exec(["config", "reset", "keywords.opt-out", "--scope", "brandA"])
        #expect(reset.status == 64)
        #expect(reset.stderr.hasPrefix("optout: error: 'volta' is already an opt-out keyword; a keyword belongs to one set"))
        #expect(try sandbox.exec(["config", "get", "keywords.opt-out", "--scope", "brandA"]).stdout == own + "\n")
        #expect(!(try sandbox.exec(["config", "history", "--scope", "brandA"]).stdout.contains("-> (unset)")))
    }

    @Test func everyChangeIsInTheHistoryWithActorAndOSUser() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["config", "set", "opt-out-applies-to", "all"], environment: ["OPTOUT_ACTOR": "dana"]).status == 0)
        #expect(try sandbox.exec(["config", "add", "keywords.opt-out", "chega", "--scope", "br"]).status == 0)
        #expect(try sandbox.exec(["config", "reset", "opt-out-applies-to"]).status == 0)
        let csv = try sandbox.exec(["config", "history", "--all-scopes", "--format", "csv"]).stdout.split(separator: "\n")
        #expect(csv.first == "change_id,scope,key,old_value,new_value,at,actor,os_user")
        #expect(csv.count == 4)
        #expect(csv[1].hasPrefix("1,default,opt-out-applies-to,,all,"))
        #expect(csv[1].contains(",dana,"))
        #expect(csv[2].hasPrefix("2,br,keywords.opt-out,,"))
        #expect(csv[2].contains(", chega\","))
        #expect(csv[3].hasPrefix("3,default,opt-out-applies-to,all,,"))
        #expect(try sandbox.exec(["config", "history"]).stdout.contains("opt-out-applies-to: \"all\" -> (unset)  by tester (os user "))
    }
}

/// Text output escapes what optout did not write; JSON and CSV stay exact.
@Suite struct EscapedOutputTests {
    @Test func aReasonWithEscapeAndNewlineIsShownEscaped() throws {
        let sandbox = Sandbox()
        let reason = "asked\nunblock +12125550101 by compliance-officer\u{1B}[2J\u{202E}"
        #expect(try sandbox.exec(["block", "+12125550101", "--reason", reason]).status == 0)
        let show = try sandbox.exec(["show", "+12125550101"]).stdout
        #expect(show.contains(#"reason: asked\nunblock +12125550101 by compliance-officer\u{1B}[2J\u{202E}"#))
        #expect(!show.contains("\u{1B}") && show.split(separator: "\n").count == 3)
        let list = try sandbox.exec(["list"]).stdout
        #expect(list.contains(#"asked\nunblock"#) && !list.contains("\u{1B}"))
        // Machine formats keep the value exactly (JSON escapes it its own way).
        let json = try sandbox.exec(["list", "--format", "jsonl"]).stdout
        #expect(json.contains(#""reason":"asked\nunblock +12125550101 by compliance-officer\u001b[2J"#))
        let csv = try sandbox.exec(["export"]).stdout
        #expect(csv.contains("\"asked\nunblock +12125550101 by compliance-officer\u{1B}[2J\u{202E}\""))
    }

    @Test func aMessageIDThatDrawsAFakeLineIsEscapedInWarnings() throws {
        let sandbox = Sandbox()
        let line = #"{"from":"12345","text":"STOP","id":"x\noptout: unblock +1 by compliance-officer\u001b]0;pwned\u0007"}"#
        let result = try sandbox.exec(["ingest-message", "--jsonl", "-"], stdin: line + "\n")
        #expect(result.status == 0)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains(#"(id x\noptout: unblock +1 by compliance-officer\u{1B}]0;pwned\u{7})"#))
    }

    @Test func jsonEscapesTheLineAndParagraphSeparators() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["block", "+12125550101", "--reason", "a\u{2028}b\u{2029}c"]).status == 0)
        let jsonl = try sandbox.exec(["export", "--format", "jsonl"]).stdout
        #expect(jsonl.contains(#""reason":"a\u2028b\u2029c""#))
        #expect(jsonl.split(whereSeparator: { $0 == "\n" }).count == 1)
    }

    @Test func anArgumentThatIsNotUTF8IsRefused() throws {
        let sandbox = Sandbox()
        let script = #""$0" block +12125550101 --reason "$(printf 'caf\351')""#
        let result = try runProcess("/bin/sh", ["-c", script, OptOutBinary.path], environment: sandbox.environment)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("optout: error: argument 4 is not valid UTF-8; optout takes text in UTF-8 only\n"))
        #expect(try sandbox.exec(["check", "+12125550101"]).status == 0)
    }
}
