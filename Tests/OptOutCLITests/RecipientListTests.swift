import Foundation
import Testing
@testable import OptOutCore

/// Recipient lists as Excel, Google Sheets and CRMs export them, through the built binary (contract §3,
/// §6): Excel's text forms, `sep=` lines, empty rows, Windows-1252, national numbers, and the report.
@Suite struct RecipientListTests {
    /// A sandbox whose list has +525587654321 opted out and +447700900123 blocked.
    func listed() throws -> Sandbox {
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["block", "--opt-out", "+525587654321"]).status == 0)
        #expect(try sandbox.exec(["block", "+447700900123"]).status == 0)
        return sandbox
    }

    func write(_ sandbox: Sandbox, _ name: String, _ bytes: [UInt8]) throws -> String {
        let path = sandbox.file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// An Excel "CSV (semicolon)" export: BOM, `sep=;`, CRLF, `="…"` text cells, empty rows.
    static let excel = "\u{FEFF}sep=;\r\nNombre;Teléfono;Notas\r\nAna;=\"5215587654321\";VIP\r\n;;\r\n"
        + "Beto;\"+44 7700 900123\";\r\nCruz;+4915112345678,0;\r\nDora;+44 20 7946 0958 #12;x\r\n;;\r\nEva;++447700900124;\r\n"

    @Test func anExcelExportIsReadAsExcelMeantIt() throws {
        let sandbox = try listed()
        let input = sandbox.write("excel.csv", Self.excel)
        let result = try sandbox.exec([
            "filter-campaign", input, "--default-country", "MX", "--output", sandbox.file("ok.csv"), "--rejected",
            sandbox.file("rejected.csv"),
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == """
            5 rows: 3 kept, 2 skipped (1 blocked, 1 opted-out); 2 empty rows skipped
            phone column: 'Teléfono' (column 2)

            """)
        // Kept rows byte for byte, after the same BOM, sep line and header.
        #expect(sandbox.read("ok.csv") == Data(
            "\u{FEFF}sep=;\r\nNombre;Teléfono;Notas\r\nCruz;+4915112345678,0;\r\nDora;+44 20 7946 0958 #12;x\r\nEva;++447700900124;\r\n".utf8))
        #expect(sandbox.read("rejected.csv") == Data(
            "\u{FEFF}sep=;\r\nNombre;Teléfono;Notas;optout_reason\r\nAna;=\"5215587654321\";VIP;opted-out\r\nBeto;\"+44 7700 900123\";;blocked\r\n".utf8))
        // `block --file` of the same export: all or nothing, and the empty rows are no error.
        let blocked = try sandbox.exec(["block", "--file", input, "--default-country", "MX"])
        #expect(blocked.status == 0, "\(blocked.stderr)")
        for number in ["+4915112345678", "+442079460958", "+447700900124"] {
            #expect(try sandbox.exec(["check", number]).status == 1, "\(number) is blocked now")
        }
    }

    @Test func aWindows1252FileStopsWithWhereAndWhyOrIsReadWhenSaid() throws {
        let sandbox = try listed()
        // "Teléfono" and "José" in Windows-1252, and a number with its no-break space (0xA0).
        let bytes: [UInt8] = Array("Nombre;Tel".utf8) + [0xE9] + Array("fono\r\nJos".utf8) + [0xE9]
            + Array(";+44".utf8) + [0xA0] + Array("7700 900123\r\nLuz;+57 300 123 4567\r\n".utf8)
        let input = try write(sandbox, "latin.csv", bytes)
        let refused = try sandbox.exec(["filter-campaign", input, "--output", sandbox.file("ok.csv")])
        #expect(refused.status == 65)
        #expect(refused.stderr == "optout: error: \(input): line 1, byte offset 10: not valid UTF-8; it looks like Windows-1252; "
            + "convert it with iconv -f WINDOWS-1252 -t UTF-8, or give --encoding windows-1252\n")
        #expect(sandbox.read("ok.csv") == nil, "nothing written")
        let read = try sandbox.exec(["filter-campaign", input, "--encoding", "windows-1252", "--output", sandbox.file("ok.csv")])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stderr == "2 rows: 1 kept, 1 skipped (1 blocked)\nphone column: 'Teléfono' (column 2)\n")
        // Rows are copied as read: the kept file is still Windows-1252.
        #expect(sandbox.read("ok.csv") == Data(Array("Nombre;Tel".utf8) + [0xE9] + Array("fono\r\nLuz;+57 300 123 4567\r\n".utf8)))
        // A bad byte further down is reported with its own line and offset.
        let late = try write(sandbox, "late.csv", Array("phone\n+573001234567\n+57300".utf8) + [0xFF] + Array("1234568\n".utf8))
        let lateResult = try sandbox.exec(["filter-campaign", late])
        #expect(lateResult.status == 65)
        #expect(lateResult.stderr.hasPrefix("optout: error: \(late): line 3, byte offset 26: not valid UTF-8; it looks like Windows-1252"))
        // On standard output the header had gone; the block with the bad byte was not written.
        #expect(lateResult.stdout == "phone\n")
    }

    @Test func nationalNumbersWithoutADefaultCountrySayWhichCountryWouldReadThem() throws {
        let sandbox = Sandbox()
        var csv = "name,phone,mobile\n"
        for index in 10..<40 { csv += "P\(index),(201) 555-01\(index),\n" }
        csv += "Q,+442079460958,\n"
        let input = sandbox.write("us.csv", csv)
        let result = try sandbox.exec(["filter-campaign", input, "--summary-only", "--report", "json"])
        #expect(result.status == 0)
        #expect(result.stderr == """
            31 rows: 1 kept, 30 skipped (30 invalid-number)
            phone column: 'phone' (column 2); also looked like one: 'mobile'
            optout: warning: 30 of 31 rows are national numbers without a country code and were dropped; they read as \
            numbers of US: give --default-country US

            """)
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(report?["default_country_hint"] as? String == "US")
        #expect(report?["phone_column_candidates"] as? [String] == ["mobile"])
        #expect((report?["reasons"] as? [String: Int]) == ["invalid-number: national number needs a default country": 30])
        #expect((report?["examples"] as? [String: [Int]]) == ["invalid-number: national number needs a default country": [2, 3, 4]])
        // With the country it names, every row reads.
        let read = try sandbox.exec(["filter-campaign", input, "--summary-only", "--default-country", "US"])
        #expect(read.stderr.hasPrefix("31 rows: 31 kept, 0 skipped\n"))
        // Fewer than half national: no hint.
        let few = sandbox.write("few.csv", "phone\n2015550110\n+442079460958\n+442079460959\n")
        #expect(try sandbox.exec(["filter-campaign", few, "--summary-only"]).stderr == "3 rows: 2 kept, 1 skipped (1 invalid-number)\nphone column: 'phone' (column 1)\n")
    }

    @Test func theRejectedFileAndTheReportGiveTheSpecificReason() throws {
        let sandbox = Sandbox()
        let input = sandbox.write("in.csv", "phone\n+57 300 123\n3001234567\n+57 300 123 4567\nN/A\n+57 300 124\n")
        let result = try sandbox.exec([
            "filter-campaign", input, "--output", sandbox.file("ok.csv"), "--rejected", sandbox.file("rejected.csv"), "--report", "json",
        ])
        #expect(result.status == 0)
        #expect(sandbox.read("rejected.csv") == Data("""
            phone,optout_reason
            +57 300 123,"invalid-number: too short for +57 (needs 8, 10 or 11 digits)"
            3001234567,invalid-number: national number needs a default country
            N/A,invalid-number: contains letters
            +57 300 124,"invalid-number: too short for +57 (needs 8, 10 or 11 digits)"

            """.utf8))
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect((report?["skipped"] as? [String: Int]) == ["invalid-number": 4])
        #expect((report?["reasons"] as? [String: Int]) == [
            "invalid-number: too short for +57 (needs 8, 10 or 11 digits)": 2,
            "invalid-number: national number needs a default country": 1, "invalid-number: contains letters": 1,
        ])
        #expect((report?["examples"] as? [String: [Int]])?["invalid-number: too short for +57 (needs 8, 10 or 11 digits)"] == [2, 6])
        #expect(!result.stdout.contains("300 123"), "the report never repeats the numbers")
    }

    @Test func optionsThatWouldNotDoWhatWasAskedAreRefusedBeforeAnyWork() throws {
        let sandbox = Sandbox()
        let input = sandbox.write("in.csv", "phone\n+573001234567\n")
        let json = try sandbox.exec(["filter-campaign", input, "--report", "json"])
        #expect(json.status == 64)
        #expect(json.stdout.isEmpty)
        #expect(json.stderr.hasPrefix("optout: error: --report json prints the report on standard output, where the kept rows go without --output: give --output FILE, or --summary-only\n"))
        // Refused before the input is even opened.
        #expect(try sandbox.exec(["filter-campaign", sandbox.file("missing.csv"), "--report", "json"]).status == 64)
        let same = try sandbox.exec(["filter-campaign", input, "--output", sandbox.file("x.csv"), "--rejected", sandbox.file("./x.csv")])
        #expect(same.status == 64 && same.stderr.contains("name the same file"))
        #expect(sandbox.read("x.csv") == nil)
        let summaryOnly = try sandbox.exec(["filter-campaign", input, "--summary-only", "--output", sandbox.file("y.csv")])
        #expect(summaryOnly.status == 64 && summaryOnly.stderr.contains("--summary-only writes no rows"))
        let counts = try sandbox.exec(["filter-campaign", input, "--summary-only"])
        #expect(counts.status == 0 && counts.stdout.isEmpty && counts.stderr.hasPrefix("1 row: 1 kept, 0 skipped\n"))
        // A --file with no numbers says so, and changes nothing.
        let empty = sandbox.write("empty.txt", "\n\n")
        let blocked = try sandbox.exec(["block", "--file", empty])
        #expect(blocked.status == 65)
        #expect(blocked.stderr == "optout: error: \(empty) holds no numbers (every line is blank or empty)\n")
        let emptyRows = sandbox.write("empty.csv", "name;phone\r\n;\r\n;\r\n")
        #expect(try sandbox.exec(["block", "--file", emptyRows]).stderr.contains("holds no numbers"))
    }

    @Test func theNormaliserReadsWhatAPersonMeantAndRefusesWhatIsAmbiguous() throws {
        let sandbox = Sandbox(withDatabase: false)
        let cases: [(String, String?, String)] = [
            ("=\"5215587654321\"", "MX", "+525587654321"),
            ("=+447700900123", nil, "+447700900123"),
            ("\"+44 7700 900123\"", nil, "+447700900123"),
            ("4915112345678,0", "DE", "+4915112345678"),
            ("+44 20 7946 0958 #12", nil, "+442079460958"),
            ("+44 20 7946 0958 x", nil, "+442079460958"),
            ("+44 20 7946 0958 ext.", nil, "+442079460958"),
            ("+44 20 7946 0958;ext=", nil, "+442079460958"),
            ("++447700900123", nil, "+447700900123"),
            ("+290 1234", nil, "+2901234"),
        ]
        for (input, region, expected) in cases {
            let result = try sandbox.exec(["normalize", input] + (region.map { ["--default-country", $0] } ?? []))
            #expect(result.stdout == "\(input)\t\(expected)\n", "\(input): \(result.stdout) \(result.stderr)")
        }
        let refused = try sandbox.exec(["normalize", "+44 7700 900123 / +44 7700 900124", "+44 7700 900123 x 1234567890"])
        #expect(refused.stdout.split(separator: "\n").allSatisfy { $0.contains("\trejected: ") }, "\(refused.stdout)")
        // A control character a copy-paste leaves at the end is trimmed; one that is corruption is not.
        let pasted = try write(sandbox, "pasted.txt", Array("+447700900123".utf8) + [0x1F] + Array("\n+447700900124".utf8) + [0x1B, 0x0A])
        let read = try sandbox.exec(["normalize", "--file", pasted])
        #expect(read.stdout.contains("\t+447700900123\n"), "\(read.stdout)")
        #expect(read.stdout.contains("rejected: contains a control character (U+001B)"), "\(read.stdout)")
    }
}
