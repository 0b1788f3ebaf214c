import Testing
@testable import OptOutCore

/// Runs the filter over `csv` in memory and returns what it wrote.
struct CampaignRun {
    var output: String
    var rejected: String
    var report: CampaignReport
}

func filterCampaign(
    _ csv: String, _ suppressions: SuppressionSet = SuppressionSet(), options: CampaignFilterOptions = CampaignFilterOptions(),
    chunkLimit: Int = Int.max, bufferSize: Int = 1 << 16
) throws(OptOutError) -> CampaignRun {
    let output = ByteSink()
    let rejected = ByteSink()
    let report = try CampaignFilter.run(
        source: MemoryByteSource(csv, chunkLimit: chunkLimit), suppressions: suppressions, options: options,
        output: output, rejected: rejected, bufferSize: bufferSize)
    return CampaignRun(
        output: String(decoding: output.contents, as: UTF8.self),
        rejected: String(decoding: rejected.contents, as: UTF8.self), report: report)
}

/// A suppression set from E.164 texts and facts.
func suppressions(_ entries: [(String, Facts)]) -> SuppressionSet {
    SuppressionSet(entries.map { (PhoneNumber(e164: $0.0)!.matchKey, $0.1) })
}

func report(
    rows: Int, kept: Int, skipped: [CampaignDropReason: Int], column: Int = 1, name: String = "phone",
    invalid: [(PhoneRejection, Int)] = [], examples: [String: [Int]] = [:]
) -> CampaignReport {
    var report = CampaignReport()
    report.rows = rows
    report.kept = kept
    report.skipped = skipped
    report.phoneColumn = column
    report.phoneColumnName = name
    report.invalidReasons = Dictionary(uniqueKeysWithValues: invalid.map { ($0.0.code, $0.1) })
    report.examples = examples
    return report
}

@Suite struct CampaignFilterTests {
    let listed = suppressions([
        ("+15550000001", .blocked),
        ("+15550000002", .optedOut),
        ("+15550000003", .marketingStopped),
        ("+15550000004", .optedIn),
        ("+15550000005", [.optedOut, .marketingStopped]),
    ])

    // MARK: - Drop reasons

    @Test func everyDropReasonWithRejectedColumn() throws {
        let csv = """
            name,phone
            Ann,+1 555 000 0001
            Bob,+1 (555) 000-0002
            Cy,+15550000003
            Di,+15550000004
            Ed,+15550000009
            Fay,N/A
            Gus,+15550000009
            Hal,1-555-000-0010

            """
        let options = CampaignFilterOptions(policy: SendingPolicy(requireOptIn: true), dedupe: true)
        let run = try filterCampaign(csv, listed, options: options)
        #expect(run.output == "name,phone\nDi,+15550000004\n")
        #expect(run.rejected == """
            name,phone,optout_reason
            Ann,+1 555 000 0001,blocked
            Bob,+1 (555) 000-0002,opted-out
            Cy,+15550000003,marketing-stopped
            Ed,+15550000009,not-opted-in
            Fay,N/A,invalid-number: contains letters
            Gus,+15550000009,not-opted-in
            Hal,1-555-000-0010,invalid-number: national number needs a default country

            """)
        #expect(run.report == report(
            rows: 8, kept: 1, skipped: [.blocked: 1, .optedOut: 1, .marketingStopped: 1, .notOptedIn: 2, .invalidNumber: 2],
            invalid: [(.containsLetters, 1), (.needsDefaultCountry, 1)],
            examples: [
                "blocked": [2], "opted-out": [3], "marketing-stopped": [4], "not-opted-in": [6, 8],
                "invalid-number: contains letters": [7], "invalid-number: national number needs a default country": [9],
            ]))
        #expect(run.report.summary
            == "8 rows: 1 kept, 7 skipped (2 invalid-number, 2 not-opted-in, 1 blocked, 1 marketing-stopped, 1 opted-out)")
    }

    @Test func duplicateIsCountedOnlyAmongKeptRows() throws {
        let csv = "phone,n\n+15550000001,1\n+15550000009,2\n+1 555 000 0009,3\n+15550000001,4\n+15550000008,5\n"
        let run = try filterCampaign(csv, listed, options: CampaignFilterOptions(dedupe: true))
        #expect(run.output == "phone,n\n+15550000009,2\n+15550000008,5\n")
        #expect(run.rejected == "phone,n,optout_reason\n+15550000001,1,blocked\n+1 555 000 0009,3,duplicate\n+15550000001,4,blocked\n")
        #expect(run.report.summary == "5 rows: 2 kept, 3 skipped (2 blocked, 1 duplicate)")
    }

    @Test func withoutDedupeRepeatsAreKept() throws {
        let run = try filterCampaign("phone\n+15550000009\n+15550000009\n")
        #expect(run.output == "phone\n+15550000009\n+15550000009\n")
        #expect(run.report.summary == "2 rows: 2 kept, 0 skipped")
    }

    @Test func dedupeFoldsMexicanArgentineAndBrazilianForms() throws {
        let csv = """
            phone,form
            +5215512345678,mx old mobile
            +52 55 1234 5678,mx current
            +52 1 55 1234 5678,mx spaced old mobile
            +5491123456789,ar with 9
            +54 11 2345-6789,ar without 9
            +5511987654321,br with ninth digit
            +55 11 8765-4321,br without
            +551133334444,br landline
            +5511933334444,br mobile near landline

            """
        let run = try filterCampaign(csv, options: CampaignFilterOptions(dedupe: true))
        #expect(run.output == """
            phone,form
            +5215512345678,mx old mobile
            +5491123456789,ar with 9
            +5511987654321,br with ninth digit
            +551133334444,br landline
            +5511933334444,br mobile near landline

            """)
        #expect(run.rejected == """
            phone,form,optout_reason
            +52 55 1234 5678,mx current,duplicate
            +52 1 55 1234 5678,mx spaced old mobile,duplicate
            +54 11 2345-6789,ar without 9,duplicate
            +55 11 8765-4321,br without,duplicate

            """)
    }

    @Test func suppressionUnderOneFormSuppressesTheOthers() throws {
        let set = suppressions([("+525512345678", .optedOut), ("+5491123456789", .blocked), ("+551187654321", .blocked)])
        let csv = "phone\n+5215512345678\n+541123456789\n+5511987654321\n+15550000009\n"
        let run = try filterCampaign(csv, set)
        #expect(run.output == "phone\n+15550000009\n")
        #expect(run.rejected
            == "phone,optout_reason\n+5215512345678,opted-out\n+541123456789,blocked\n+5511987654321,blocked\n")
    }

    // MARK: - Categories

    /// For each category, which of the five listed numbers (and one unlisted) are kept.
    func kept(_ category: OptOutCore.Category, policy: SendingPolicy = SendingPolicy()) throws -> String {
        let csv = "phone\n+15550000001\n+15550000002\n+15550000003\n+15550000004\n+15550000005\n+15550000009\n"
        let run = try filterCampaign(csv, listed, options: CampaignFilterOptions(category: category, policy: policy))
        return run.output
    }

    @Test func marketingDropsBlockedOptedOutAndStopped() throws {
        #expect(try kept(.marketing) == "phone\n+15550000004\n+15550000009\n")
        #expect(try kept(.marketing, policy: SendingPolicy(requireOptIn: true)) == "phone\n+15550000004\n")
    }

    @Test func utilityAuthenticationServiceDropOnlyBlocked() throws {
        for category in [OptOutCore.Category.utility, .authentication, .service] {
            #expect(try kept(category) == "phone\n+15550000002\n+15550000003\n+15550000004\n+15550000005\n+15550000009\n")
            // --require-opt-in is about marketing only.
            #expect(try kept(category, policy: SendingPolicy(requireOptIn: true))
                == "phone\n+15550000002\n+15550000003\n+15550000004\n+15550000005\n+15550000009\n")
        }
    }

    @Test func optOutAppliesToAllDropsOptedOutInEveryCategory() throws {
        let all = SendingPolicy(optOutAppliesToAll: true)
        for category in [OptOutCore.Category.utility, .authentication, .service] {
            #expect(try kept(category, policy: all) == "phone\n+15550000003\n+15550000004\n+15550000009\n")
        }
        #expect(try kept(.marketing, policy: all) == "phone\n+15550000004\n+15550000009\n")
    }

    @Test func reasonForServiceCategoryUnderAllIsOptedOut() throws {
        let options = CampaignFilterOptions(category: .service, policy: SendingPolicy(optOutAppliesToAll: true))
        let run = try filterCampaign("phone\n+15550000005\n", listed, options: options)
        #expect(run.rejected == "phone,optout_reason\n+15550000005,opted-out\n")
    }

    // MARK: - Invalid numbers

    @Test func keepInvalidKeepsTheRowAndCountsIt() throws {
        let csv = "phone\n5.73E+11\nN/A\n+15550000001\n"
        let run = try filterCampaign(csv, listed, options: CampaignFilterOptions(keepInvalid: true))
        #expect(run.output == "phone\n5.73E+11\nN/A\n")
        #expect(run.rejected == "phone,optout_reason\n+15550000001,blocked\n")
        #expect(run.report.summary == "3 rows: 2 kept, 1 skipped (1 blocked)")
        #expect(run.report.keptInvalid == 2)
        #expect(run.report.excelMangled == 1)
        #expect(run.report.hints == [.excelMangled(count: 1, firstText: "5.73E+11", firstLine: 2), .keptInvalid(count: 2)])
        #expect(run.report.hints.map(\.description) == [
            "1 number is in Excel scientific notation (first: '5.73E+11' on line 2); the digits are lost: "
                + "format the phone column as text in the spreadsheet and export again",
            "2 kept rows have an invalid number",
        ])
    }

    @Test func excelNumbersAreInvalidWithAHint() throws {
        let csv = "name,phone\na,5.73E+11\nb,+15550000009\nc,\"1,23457E+11\"\nd,5.2E+11\n"
        let run = try filterCampaign(csv)
        #expect(run.output == "name,phone\nb,+15550000009\n")
        #expect(run.report.skipped == [.invalidNumber: 3])
        #expect(run.report.excelMangled == 3)
        #expect(run.report.excelExample?.text == "5.73E+11")
        #expect(run.report.excelExample?.line == 2)
        #expect(run.report.hints.first?.description.hasPrefix("3 numbers are in Excel scientific notation (first: '5.73E+11' on line 2)") == true)
        #expect(run.report.json.serialized
            == #"{"rows":4,"kept":1,"skipped":{"invalid-number":3},"#
            + #""reasons":{"invalid-number: looks like Excel scientific notation; format the column as text":3},"#
            + #""examples":{"invalid-number: looks like Excel scientific notation; format the column as text":[2,4,5]},"empty":0,"#
            + #""excel_mangled":3,"kept_invalid":0,"phone_column":"phone","phone_column_candidates":[],"user_id_column":null,"#
            + #""default_country_hint":null}"#)
    }

    @Test func defaultCountryAndWhatsAppIDsGoThroughTheNormaliser() throws {
        let csv = "phone\n(55) 1234 5678\n5215512345679\n"
        let set = suppressions([("+525512345678", .blocked), ("+525512345679", .optedOut)])
        let none = try filterCampaign(csv, set)
        #expect(none.rejected == "phone,optout_reason\n(55) 1234 5678,invalid-number: national number needs a default country\n"
            + "5215512345679,invalid-number: national number needs a default country\n")
        let mx = CampaignFilterOptions(normalizer: PhoneNormalizer(defaultRegion: Region(code: "MX")))
        #expect(try filterCampaign(csv, set, options: mx).rejected
            == "phone,optout_reason\n(55) 1234 5678,blocked\n5215512345679,opted-out\n")
        // As WhatsApp ids, "(55) 1234 5678" is the Brazilian +5512345678, which is not listed.
        let ids = CampaignFilterOptions(normalizer: PhoneNormalizer(whatsAppIDs: true))
        let run = try filterCampaign(csv, set, options: ids)
        #expect(run.output == "phone\n(55) 1234 5678\n")
        #expect(run.rejected == "phone,optout_reason\n5215512345679,opted-out\n")
    }

    // MARK: - CSV shapes

    @Test func semicolonExcelExportWithBOMAndCRLFIsCopiedExactly() throws {
        let csv = "\u{FEFF}Nombre;Teléfono;Ciudad\r\n\"García; Ana\";+52 55 1234 5678;\"Ciudad de México\"\r\n"
            + "\"Pérez \"\"Beto\"\"\";+52 55 8765 4321;Monterrey\r\n"
        let set = suppressions([("+525512345678", .optedOut)])
        let run = try filterCampaign(csv, set)
        #expect(run.output
            == "\u{FEFF}Nombre;Teléfono;Ciudad\r\n\"Pérez \"\"Beto\"\"\";+52 55 8765 4321;Monterrey\r\n")
        #expect(run.rejected
            == "\u{FEFF}Nombre;Teléfono;Ciudad;optout_reason\r\n\"García; Ana\";+52 55 1234 5678;\"Ciudad de México\";opted-out\r\n")
        #expect(run.report.delimiter == UInt8(ascii: ";"))
        #expect(run.report.phoneColumnName == "Teléfono")
    }

    @Test func quotedFieldsWithDelimitersQuotesAndLineBreaksStayAsRead() throws {
        let csv = "id,phone,note\n1,\"+1 555 000 0009\",\"a, \"\"b\"\"\nc\"\n2,+15550000001,\"x\r\ny\"\n3,+15550000008,plain"
        let run = try filterCampaign(csv, listed)
        #expect(run.output == "id,phone,note\n1,\"+1 555 000 0009\",\"a, \"\"b\"\"\nc\"\n3,+15550000008,plain")
        #expect(run.rejected == "id,phone,note,optout_reason\n2,+15550000001,\"x\r\ny\",blocked\n")
    }

    @Test func everyRecordSplitAcrossBufferBoundaries() throws {
        let csv = "\u{FEFF}id;phone;note\r\n1;\"+1 555 000 0009\";\"a; \"\"b\"\"\r\nc\"\r\n2;+15550000001;x\r\n\r\n"
            + "3;+52 1 55 1234 5678;\"é\"\r\n4;+525512345678;last"
        let expected = try filterCampaign(csv, listed, options: CampaignFilterOptions(dedupe: true))
        #expect(expected.output == "\u{FEFF}id;phone;note\r\n1;\"+1 555 000 0009\";\"a; \"\"b\"\"\r\nc\"\r\n3;+52 1 55 1234 5678;\"é\"\r\n")
        #expect(expected.report.summary == "4 rows: 2 kept, 2 skipped (1 blocked, 1 duplicate)")
        for chunk in 1...12 {
            for buffer in [1, 2, 3, 5, 8, 64] {
                let run = try filterCampaign(
                    csv, listed, options: CampaignFilterOptions(dedupe: true), chunkLimit: chunk, bufferSize: buffer)
                #expect(run.output == expected.output, "chunk \(chunk) buffer \(buffer)")
                #expect(run.rejected == expected.rejected, "chunk \(chunk) buffer \(buffer)")
                #expect(run.report == expected.report, "chunk \(chunk) buffer \(buffer)")
            }
        }
    }

    @Test func headerOnlyFileWritesTheHeader() throws {
        let run = try filterCampaign("name,phone\r\n")
        #expect(run.output == "name,phone\r\n")
        #expect(run.rejected == "name,phone,optout_reason\r\n")
        #expect(run.report.summary == "0 rows: 0 kept, 0 skipped")
        #expect(run.report.json.serialized
            == #"{"rows":0,"kept":0,"skipped":{},"reasons":{},"examples":{},"empty":0,"excel_mangled":0,"kept_invalid":0,"#
            + #""phone_column":"phone","phone_column_candidates":[],"user_id_column":null,"default_country_hint":null}"#)
    }

    @Test func blankLinesAreNotRows() throws {
        let run = try filterCampaign("phone\n\n+15550000009\n\n")
        #expect(run.output == "phone\n+15550000009\n")
        #expect(run.report.rows == 1)
    }

    @Test func shortRowsHaveAnEmptyPhone() throws {
        let run = try filterCampaign("name,phone\nAnn\n")
        #expect(run.rejected == "name,phone,optout_reason\nAnn,invalid-number: empty\n")
    }

    @Test func columnByNameOrNumberAndGivenDelimiter() throws {
        let csv = "mobile|backup\n+15550000009|+15550000001\n"
        let byNumber = CampaignFilterOptions(column: "2", delimiter: UInt8(ascii: "|"))
        #expect(try filterCampaign(csv, listed, options: byNumber).output == "mobile|backup\n")
        let byName = CampaignFilterOptions(column: "Backup")
        #expect(try filterCampaign(csv, listed, options: byName).report.phoneColumn == 1)
        #expect(try filterCampaign(csv, listed).output == "mobile|backup\n+15550000009|+15550000001\n")
    }

    // MARK: - Errors

    func failure(_ csv: String, options: CampaignFilterOptions = CampaignFilterOptions(inputName: "in.csv"))
        -> OptOutError?
    {
        do {
            _ = try filterCampaign(csv, options: options)
            return nil
        } catch {
            return error
        }
    }

    @Test func missingPhoneColumnListsTheHeaders() {
        #expect(failure("name,email\nAnn,a@x\n") == OptOutError(.badInput, .noPhoneColumn(columns: ["name", "email"])))
        #expect(failure("name,email\nAnn,a@x\n")?.message == "no phone column found; columns are: 'name', 'email'")
        #expect(failure("name,email\n", options: CampaignFilterOptions(column: "cell"))
            == OptOutError(.badInput, "no column 'cell' in the header; columns are: 'name', 'email'"))
    }

    @Test func malformedCSVStopsWithTheLine() {
        #expect(failure("phone,note\n+15550000009,ok\n+15550000008,\"never closed\n")
            == OptOutError(.badInput, "in.csv: line 3: unterminated quoted field"))
        #expect(failure("phone,note\n+15550000009,ok\n+1555\"0000008,x\n")
            == OptOutError(.badInput, "in.csv: line 3: quote inside unquoted field"))
        #expect(failure("") == OptOutError(.badInput, "in.csv: empty input, no header row"))
    }

    @Test func progressIsReportedEveryIntervalRows() throws {
        var seen: [Int] = []
        let csv = "phone\n" + String(repeating: "+15550000009\n", count: 7)
        _ = try CampaignFilter.run(
            source: MemoryByteSource(csv), suppressions: SuppressionSet(),
            options: CampaignFilterOptions(progressInterval: 3), output: ByteSink()
        ) { seen.append($0.rows) }
        #expect(seen == [3, 6])
    }
}
