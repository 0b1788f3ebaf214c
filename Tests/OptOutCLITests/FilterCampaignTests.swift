import Foundation
import Testing
@testable import OptOutCLI
@testable import OptOutCore

@Suite struct FilterCampaignTests {
    let csv = "name,phone,city\r\n\"Ann, A\",+1 555 000 0001,NYC\r\nBob,+15550000002,LA\r\nCy,+15550000009,\"São Paulo, SP\"\r\nDi,5.73E+11,X\r\n"

    /// A sandbox whose list has +15550000001 blocked and +15550000002 opted out.
    func listed() -> Sandbox {
        let sandbox = Sandbox()
        #expect(sandbox.run(["block", "+15550000001"], at: 1_700_000_000).status == 0)
        #expect(sandbox.run(["block", "--opt-out", "+15550000002"], at: 1_700_000_000).status == 0)
        return sandbox
    }

    /// The permission bits of a file.
    func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }

    /// Files in the sandbox other than the database and its journal.
    func files(_ sandbox: Sandbox) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: sandbox.path)) ?? [])
            .filter { !$0.hasPrefix("optout.sqlite") }.sorted()
    }

    @Test func keptRowsToStandardOutputAndSummaryToStandardError() {
        let sandbox = listed()
        let input = sandbox.write("in.csv", csv)
        let result = sandbox.run(["filter-campaign", input])
        #expect(result.status == 0)
        #expect(result.stdout == "name,phone,city\r\nCy,+15550000009,\"São Paulo, SP\"\r\n")
        #expect(result.stderr == """
            4 rows: 1 kept, 3 skipped (1 blocked, 1 invalid-number, 1 opted-out)
            phone column: 'phone' (column 2)
            optout: warning: 1 number is in Excel scientific notation (first: '5.73E+11' on line 5); the digits \
            are lost: format the phone column as text in the spreadsheet and export again

            """)
    }

    @Test func outputAndRejectedFilesAreAtomicPrivateAndJSONReportOnStdout() {
        let sandbox = listed()
        let input = sandbox.write("in.csv", csv)
        let result = sandbox.run([
            "filter-campaign", input, "--output", sandbox.file("out.csv"), "--rejected", sandbox.file("rejected.csv"),
            "--report", "json",
        ])
        #expect(result.status == 0)
        #expect(result.stdout
            == #"{"rows":4,"kept":1,"skipped":{"blocked":1,"invalid-number":1,"opted-out":1},"reasons":{"blocked":1,"#
            + #""invalid-number: looks like Excel scientific notation; format the column as text":1,"opted-out":1},"#
            + #""examples":{"blocked":[2],"invalid-number: looks like Excel scientific notation; format the column as text":[5],"#
            + #""opted-out":[3]},"empty":0,"excel_mangled":1,"kept_invalid":0,"phone_column":"phone","phone_column_candidates":[],"#
            + #""user_id_column":null,"default_country_hint":null}"# + "\n")
        #expect(result.stderr.hasPrefix("4 rows: 1 kept, 3 skipped (1 blocked, 1 invalid-number, 1 opted-out)\n"))
        #expect(sandbox.read("out.csv") == Data("name,phone,city\r\nCy,+15550000009,\"São Paulo, SP\"\r\n".utf8))
        #expect(sandbox.read("rejected.csv") == Data("""
            name,phone,city,optout_reason\r
            "Ann, A",+1 555 000 0001,NYC,blocked\r
            Bob,+15550000002,LA,opted-out\r
            Di,5.73E+11,X,invalid-number: looks like Excel scientific notation; format the column as text\r

            """.utf8))
        #expect(mode(sandbox.file("out.csv")) == 0o600)
        #expect(mode(sandbox.file("rejected.csv")) == 0o600)
        #expect(files(sandbox) == ["in.csv", "out.csv", "rejected.csv"])
    }

    @Test func categoryRequireOptInDedupeAndKeepInvalidOptions() {
        let sandbox = listed()
        let input = sandbox.write("in.csv", csv + "Ed,+1 (555) 000-0009,Z\r\n")
        let utility = sandbox.run(["filter-campaign", input, "--category", "utility", "--keep-invalid", "--dedupe"])
        #expect(utility.stdout == "name,phone,city\r\nBob,+15550000002,LA\r\nCy,+15550000009,\"São Paulo, SP\"\r\nDi,5.73E+11,X\r\n")
        #expect(utility.stderr.hasPrefix("5 rows: 3 kept, 2 skipped (1 blocked, 1 duplicate)\n"))
        #expect(utility.stderr.hasSuffix("optout: warning: 1 kept row has an invalid number (--keep-invalid)\n"))
        let optIn = sandbox.run(["filter-campaign", input, "--require-opt-in"])
        #expect(optIn.stdout == "name,phone,city\r\n")
        #expect(optIn.stderr.hasPrefix("5 rows: 0 kept, 5 skipped (2 not-opted-in, 1 blocked, 1 invalid-number, 1 opted-out)\n"))
        #expect(sandbox.run(["config", "set", "opt-out-applies-to", "all"]).status == 0)
        let all = sandbox.run(["filter-campaign", input, "--category", "service"])
        #expect(all.stderr.hasPrefix("5 rows: 2 kept, 3 skipped (1 blocked, 1 invalid-number, 1 opted-out)\n"))
    }

    @Test func scopesAreSeparate() {
        let sandbox = listed()
        let input = sandbox.write("in.csv", "phone\n+15550000001\n")
        #expect(sandbox.run(["block", "+15550000009", "--scope", "other"]).status == 0)
        #expect(sandbox.run(["filter-campaign", input, "--scope", "other"]).stdout == "phone\n+15550000001\n")
        #expect(sandbox.run(["filter-campaign", input]).stdout == "phone\n")
    }

    @Test func semicolonExcelExportWithBOMAndColumnOptions() {
        let sandbox = listed()
        let bytes = "\u{FEFF}Nombre;Celular;Otro\r\nAna;(555) 000-0001;+15550000009\r\nBeto;555.000.0009;x\r\n"
        let input = sandbox.write("excel.csv", bytes)
        let result = sandbox.run(["filter-campaign", input, "--default-country", "US"])
        #expect(result.stdout == "\u{FEFF}Nombre;Celular;Otro\r\nBeto;555.000.0009;x\r\n")
        let byColumn = sandbox.run(["filter-campaign", input, "--column", "3", "--delimiter", ";"])
        #expect(byColumn.stdout == "\u{FEFF}Nombre;Celular;Otro\r\nAna;(555) 000-0001;+15550000009\r\n")
        #expect(byColumn.stderr.hasPrefix("2 rows: 1 kept, 1 skipped (1 invalid-number)\n"))
    }

    @Test func headerOnlyFile() {
        let sandbox = Sandbox()
        let input = sandbox.write("in.csv", "name,phone\n")
        let result = sandbox.run(["filter-campaign", input, "-o", sandbox.file("out.csv")])
        #expect(result.status == 0)
        #expect(result.stderr == "0 rows: 0 kept, 0 skipped\nphone column: 'phone' (column 2)\n")
        #expect(sandbox.read("out.csv") == Data("name,phone\n".utf8))
    }

    @Test func missingPhoneColumnIsBadInputListingHeaders() {
        let sandbox = Sandbox()
        let input = sandbox.write("in.csv", "name,email\nAnn,a@example.com\n")
        let result = sandbox.run(["filter-campaign", input, "-o", sandbox.file("out.csv")])
        #expect(result.status == 65)
        #expect(result.stderr
            == "optout: error: no phone column found (use --column NAME or N); columns are: 'name', 'email'\n")
        #expect(files(sandbox) == ["in.csv"])
    }

    @Test func unterminatedQuoteLeavesNoOutputFile() {
        let sandbox = Sandbox()
        let input = sandbox.write("in.csv", "name,phone\nAnn,+15550000009\n\"Bob,+15550000008\nCy,+15550000007\n")
        let result = sandbox.run([
            "filter-campaign", input, "-o", sandbox.file("out.csv"), "--rejected", sandbox.file("rejected.csv"),
        ])
        #expect(result.status == 65)
        #expect(result.stderr == "optout: error: \(input): line 3: unterminated quoted field\n")
        #expect(result.stdout == "")
        #expect(files(sandbox) == ["in.csv"])
    }

    @Test func strayQuoteIsBadInputWithLine() {
        let sandbox = Sandbox()
        let input = sandbox.write("in.csv", "phone,note\n+15550000009,say \"hi\"\n")
        let result = sandbox.run(["filter-campaign", input, "-o", sandbox.file("out.csv")])
        #expect(result.status == 65)
        #expect(result.stderr == "optout: error: \(input): line 2: quote inside unquoted field\n")
        #expect(files(sandbox) == ["in.csv"])
    }

    @Test func missingInputAndUncreatableOutput() {
        let sandbox = Sandbox()
        let missing = sandbox.run(["filter-campaign", sandbox.file("nope.csv")])
        #expect(missing.status == 66)
        #expect(missing.stderr == "optout: error: cannot open \(sandbox.file("nope.csv")): No such file or directory\n")
        let input = sandbox.write("in.csv", "phone\n")
        let noFolder = sandbox.run(["filter-campaign", input, "-o", sandbox.file("no/out.csv")])
        #expect(noFolder.status == 73)
        #expect(noFolder.stderr == "optout: error: cannot create \(sandbox.file("no/out.csv")): No such file or directory\n")
    }

    @Test func usageErrors() {
        let sandbox = Sandbox()
        let input = sandbox.write("in.csv", "phone\n")
        let delimiter = sandbox.run(["filter-campaign", input, "--delimiter", "x"])
        #expect(delimiter.status == 64)
        #expect(delimiter.stderr.hasPrefix("optout: error: --delimiter must be ',', ';', '|' or 'tab'; got 'x'\n"))
        let same = sandbox.run(["filter-campaign", input, "-o", sandbox.file("a"), "--rejected", sandbox.file("a")])
        #expect(same.status == 64)
        #expect(sandbox.run(["filter-campaign", input, "--category", "promo"]).status == 64)
    }

    @Test func standardInputThroughTheBinary() throws {
        let sandbox = listed()
        let result = try sandbox.exec(["filter-campaign", "-", "--dedupe"], stdin: "phone\n+15550000001\n+15550000009\n+1 555 000 0009\n")
        #expect(result.status == 0)
        #expect(result.stdout == "phone\n+15550000009\n")
        #expect(result.stderr == "3 rows: 1 kept, 2 skipped (1 blocked, 1 duplicate)\nphone column: 'phone' (column 1)\n")
        let implicit = try sandbox.exec(["filter-campaign"], stdin: "phone\n+15550000002\n")
        #expect(implicit.stdout == "phone\n")
        let broken = try sandbox.exec(["filter-campaign", "-o", sandbox.file("out.csv")], stdin: "phone\n\"+1555")
        #expect(broken.status == 65)
        #expect(broken.stderr == "optout: error: standard input: line 2: unterminated quoted field\n")
        #expect(files(sandbox) == [])
    }
}
