import OptOutPlatform
import OptOutTestSupport
import Testing
@testable import OptOutCore

// MARK: - A generated campaign CSV

/// One data row of a generated campaign CSV, with what the filter must make of it.
struct GeneratedCampaignRow {
    /// Blank lines written before the record ("", "\n" or "\r\n").
    var blankBefore: String
    /// The record as written, terminator included (none on the last row).
    var raw: String
    /// The physical line the record starts on.
    var line: Int
    /// The person's E.164 number when the phone is valid, else nil.
    var person: String?
    /// The phone field's value when it is an Excel scientific-notation number.
    var excel: String?
    /// The phone field's value (without the CSV quotes).
    var phone: String = ""
}

/// A seeded recipient CSV mixing every kind of row, and an independent model of the filter's result.
struct GeneratedCampaign {
    static let header = "\u{FEFF}id,name,phone,note\r\n"
    /// The row where the first Excel-mangled number is placed (0-based); none comes before it.
    static let firstExcelRow = 777

    var rows: [GeneratedCampaignRow] = []
    var text = GeneratedCampaign.header
    /// Listed people (E.164) and the reason a marketing campaign drops them.
    var listed: [String: CampaignDropReason] = [:]
    /// The line the next piece of `text` starts on (the header is line 1).
    private var lines = 2

    /// The suppression set of `listed`.
    var suppressionSet: SuppressionSet {
        let facts: [CampaignDropReason: Facts] = [.blocked: .blocked, .optedOut: .optedOut,
                                                  .marketingStopped: .marketingStopped]
        return suppressions(listed.map { ($0.key, facts[$0.value]!) })
    }

    /// `rowCount` data rows from `seed`; `plainAfter` rows onwards hold no quote at all.
    init(rowCount: Int, seed: UInt64, plainAfter: Int = Int.max) {
        var random = SeededGenerator(seed: seed)
        for n in 0..<60 {
            listed["+1555000" + Self.digits(n, 4)] = [.blocked, .optedOut, .marketingStopped][n % 3]
        }
        for n in 0..<20 { listed["+52" + Self.mexican(n)] = .optedOut }
        let names = ["Ann", "\"Smith, J\"", "\"O\"\"Neil\"", "Bob", "Zoë"]
        let notes = ["", "plain", "\"a, b\"", "\"line1\nline2\"", "\"x\r\ny\"", "\"say \"\"hi\"\"\"", "\"\n\n\""]
        for index in 0..<rowCount {
            let plain = index >= plainAfter
            let blankBefore = random.chance(3) ? (random.chance(50) ? "\n" : "\r\n") : ""
            append(blankBefore)
            var phone: String
            var person: String?
            var excel: String?
            let kind = random.below(100)
            if index == Self.firstExcelRow || (index > Self.firstExcelRow && kind < 3 && !plain) {
                let forms = [("5.73E+11", "5.73E+11"), ("\"1,23457E+11\"", "1,23457E+11"), ("5.2E+11", "5.2E+11")]
                let form = index == Self.firstExcelRow ? forms[0] : forms[random.below(3)]
                phone = form.0
                excel = form.1
            } else if kind < 48 {
                // A small pool: many repeats, the first 60 listed.
                let n = random.below(600)
                person = "+1555000" + Self.digits(n, 4)
                let last4 = Self.digits(n, 4)
                phone = ["+1555000\(last4)", "+1 555 000 \(last4)", "+1 (555) 000-\(last4)"][random.below(3)]
            } else if kind < 68 {
                // Mexican mobiles written with and without the old 1, the first 20 listed.
                let n = random.below(200)
                let national = Self.mexican(n)
                person = "+52" + national
                let last4 = String(national.suffix(4))
                phone = ["+52\(national)", "+521\(national)", "+52 55 1234 \(last4)", "+52 1 55 1234 \(last4)"][random.below(4)]
            } else if kind < 78 {
                phone = ["N/A", "12345", "", "1-555-000-0010", "abc", "+1 555"][random.below(6)]
            } else {
                // A large pool: mostly unique.
                let n = 600 + random.below(9000)
                person = "+1555000" + Self.digits(n, 4)
                phone = "+1 555 000 " + Self.digits(n, 4)
            }
            let value = phone.hasPrefix("\"") ? String(phone.dropFirst().dropLast()) : phone
            if !plain && !phone.hasPrefix("\"") && random.chance(15) { phone = "\"\(phone)\"" }
            let name = plain ? "Plain" : names[random.below(names.count)]
            let note = plain ? "x" : notes[random.below(notes.count)]
            let terminator = index == rowCount - 1 ? "" : (random.chance(30) ? "\r\n" : "\n")
            let raw = "\(index),\(name),\(phone),\(note)\(terminator)"
            rows.append(GeneratedCampaignRow(
                blankBefore: blankBefore, raw: raw, line: lines, person: person, excel: excel, phone: value))
            append(raw)
        }
    }

    /// Replaces row `index` with `raw` (same terminator kind, no quoted line breaks).
    mutating func replaceRow(_ index: Int, with raw: String) {
        rows[index].raw = raw
        rebuild()
    }

    private mutating func rebuild() {
        text = Self.header
        lines = 2
        for index in rows.indices {
            append(rows[index].blankBefore)
            rows[index].line = lines
            append(rows[index].raw)
        }
    }

    private mutating func append(_ piece: String) {
        text += piece
        lines += piece.utf8.count(where: { $0 == CSVByte.lineFeed })
    }

    static func digits(_ n: Int, _ width: Int) -> String {
        let text = String(n)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// A Mexico City mobile, national significant number: 55 1234 5nnn.
    static func mexican(_ n: Int) -> String { "5512345" + digits(n, 3) }

    /// What `CampaignFilter` must produce with these options (marketing, default policy).
    func expected(dedupe: Bool, keepInvalid: Bool) -> (output: [UInt8], rejected: [UInt8], report: CampaignReport) {
        var output = Array(Self.header.utf8)
        var rejected = Array("\u{FEFF}id,name,phone,note,optout_reason\r\n".utf8)
        var report = CampaignReport()
        report.phoneColumn = 2
        report.phoneColumnName = "phone"
        report.delimiter = CSVByte.comma
        var seen = Set<String>()
        for row in rows {
            report.rows += 1
            if let excel = row.excel {
                report.excelMangled += 1
                if report.excelExample == nil { report.excelExample = (excel, row.line) }
            }
            var reason: CampaignDropReason?
            var specific: String?
            if let person = row.person {
                if let listedReason = listed[person] {
                    reason = listedReason
                } else if dedupe && !seen.insert(person).inserted {
                    reason = .duplicate
                }
            } else if keepInvalid {
                report.keptInvalid += 1
            } else {
                reason = .invalidNumber
                // The specific reason is the normaliser's (tested on its own); the model says which rows.
                guard case .failure(let rejection) = PhoneNormalizer().normalize(row.phone) else {
                    preconditionFailure("row \(row.line) has no person but a valid number")
                }
                report.invalidReasons[rejection.code, default: 0] += 1
                specific = CampaignReport.specificReason(invalid: rejection.code)
                if rejection == .needsDefaultCountry, report.nationalSamples.count < CampaignReport.nationalSampleLimit {
                    report.nationalSamples.append(Array(row.phone.utf8))
                }
            }
            if let reason {
                let key = specific ?? reason.rawValue
                if report.examples[key, default: []].count < 3 { report.examples[key, default: []].append(row.line) }
            }
            guard let reason else {
                report.kept += 1
                output += Array(row.raw.utf8)
                continue
            }
            report.skipped[reason, default: 0] += 1
            var body = Array(row.raw.utf8)
            var terminator: [UInt8] = [CSVByte.lineFeed]
            if body.last == CSVByte.lineFeed {
                body.removeLast()
                if body.last == CSVByte.carriageReturn {
                    body.removeLast()
                    terminator = [CSVByte.carriageReturn, CSVByte.lineFeed]
                }
            }
            let written = specific.map { Array($0.utf8).withUnsafeBytes { CSVWriter.needsQuoting($0, delimiter: CSVByte.comma) } ? "\"\($0)\"" : $0 } ?? reason.rawValue
            rejected += body + Array(",\(written)".utf8) + terminator
        }
        return (output, rejected, report)
    }
}

/// What one filter run wrote, byte for byte.
struct CampaignBytes: Equatable {
    var output: [UInt8]
    var rejected: [UInt8]
    var report: CampaignReport
}

/// Runs the filter over `text` in memory.
func filterCampaignBytes(
    _ text: String, _ suppressions: SuppressionSet, options: CampaignFilterOptions, bufferSize: Int,
    chunkLimit: Int = Int.max, progress: ((CampaignReport) -> Void)? = nil
) throws(OptOutError) -> CampaignBytes {
    let output = ByteSink()
    let rejected = ByteSink()
    let report = try CampaignFilter.run(
        source: MemoryByteSource(text, chunkLimit: chunkLimit), suppressions: suppressions, options: options,
        output: output, rejected: rejected, bufferSize: bufferSize, progress: progress)
    return CampaignBytes(output: output.contents, rejected: rejected.contents, report: report)
}

// MARK: - CampaignFilterParallelTests

@Suite struct CampaignFilterParallelTests {
    static let campaign = GeneratedCampaign(rowCount: 2000, seed: 0xCA4A)
    static let threadCounts = [0, 1, 2, 3]
    static let blockSizes = [1, 7, 100, 4096, 1 << 16]

    static func options(threads: Int, dedupe: Bool = false, keepInvalid: Bool = false, progressInterval: Int = 100_000)
        -> CampaignFilterOptions
    {
        CampaignFilterOptions(dedupe: dedupe, keepInvalid: keepInvalid, inputName: "in.csv",
                              progressInterval: progressInterval, threads: threads)
    }

    /// The sequential run every other run must match.
    static func reference(dedupe: Bool, keepInvalid: Bool) throws -> CampaignBytes {
        try filterCampaignBytes(campaign.text, campaign.suppressionSet,
                                options: options(threads: 0, dedupe: dedupe, keepInvalid: keepInvalid),
                                bufferSize: 1 << 16)
    }

    // MARK: Reference

    @Test func referenceMatchesTheModelOfTheInput() throws {
        let campaign = Self.campaign
        #expect(campaign.rows.count == 2000)
        for dedupe in [false, true] {
            for keepInvalid in [false, true] {
                let run = try Self.reference(dedupe: dedupe, keepInvalid: keepInvalid)
                let model = campaign.expected(dedupe: dedupe, keepInvalid: keepInvalid)
                #expect(run.report == model.report, "dedupe \(dedupe) keepInvalid \(keepInvalid)")
                #expect(run.report.skipped == model.report.skipped, "dedupe \(dedupe) keepInvalid \(keepInvalid)")
                #expect(run.output == model.output, "dedupe \(dedupe) keepInvalid \(keepInvalid)")
                #expect(run.rejected == model.rejected, "dedupe \(dedupe) keepInvalid \(keepInvalid)")
            }
        }
    }

    @Test func referenceFacts() throws {
        let plain = try Self.reference(dedupe: false, keepInvalid: false)
        #expect(plain.report.rows == 2000)
        #expect(plain.report.kept == 1645)
        #expect(plain.report.excelMangled == 33)
        #expect(plain.report.excelExample?.text == "5.73E+11")
        #expect(plain.report.excelExample?.line == 1243)
        #expect(Self.campaign.rows[GeneratedCampaign.firstExcelRow].line == 1243)
        #expect(plain.report.phoneColumn == 2)
        #expect(plain.report.phoneColumnName == "phone")
        let deduped = try Self.reference(dedupe: true, keepInvalid: false)
        #expect(deduped.report.rows == 2000)
        #expect(deduped.report.kept == 973)
        #expect(deduped.report.skipped[.duplicate] == 672)
    }

    // MARK: Same result whatever the threads and blocks

    @Test(arguments: threadCounts)
    func everyThreadCountAndBlockSizeGivesTheReferenceBytes(threads: Int) throws {
        let campaign = Self.campaign
        for dedupe in [false, true] {
            for keepInvalid in [false, true] {
                let reference = try Self.reference(dedupe: dedupe, keepInvalid: keepInvalid)
                for blockSize in Self.blockSizes {
                    let run = try filterCampaignBytes(
                        campaign.text, campaign.suppressionSet,
                        options: Self.options(threads: threads, dedupe: dedupe, keepInvalid: keepInvalid),
                        bufferSize: blockSize)
                    let context = "threads \(threads) block \(blockSize) dedupe \(dedupe) keepInvalid \(keepInvalid)"
                    #expect(run.output == reference.output, "\(context)")
                    #expect(run.rejected == reference.rejected, "\(context)")
                    #expect(run.report == reference.report, "\(context)")
                }
            }
        }
    }

    @Test(arguments: [1, 5, 4093])
    func shortReadsGiveTheReferenceBytes(chunkLimit: Int) throws {
        let campaign = Self.campaign
        let reference = try Self.reference(dedupe: true, keepInvalid: false)
        for threads in [0, 2] {
            for blockSize in [7, 4096] {
                let run = try filterCampaignBytes(
                    campaign.text, campaign.suppressionSet, options: Self.options(threads: threads, dedupe: true),
                    bufferSize: blockSize, chunkLimit: chunkLimit)
                #expect(run == reference, "threads \(threads) block \(blockSize) chunk \(chunkLimit)")
            }
        }
    }

    // MARK: Errors at their line in the whole input

    /// Expects `expected` from filtering `text` with every thread count and block size.
    static func expectFailure(_ text: String, _ expected: OptOutError) {
        for threads in threadCounts {
            for blockSize in blockSizes {
                #expect(failure(text, threads: threads, blockSize: blockSize) == expected,
                        "threads \(threads) block \(blockSize)")
            }
        }
    }

    static func failure(_ text: String, threads: Int, blockSize: Int) -> OptOutError? {
        do {
            _ = try filterCampaignBytes(text, SuppressionSet(), options: options(threads: threads), bufferSize: blockSize)
            return nil
        } catch {
            return error
        }
    }

    @Test func quoteInAnUnquotedFieldDeepInTheFileGivesItsLine() {
        var campaign = GeneratedCampaign(rowCount: 2000, seed: 0xBAD)
        campaign.replaceRow(1500, with: "1500,Bad,+1555\"0001234,x\n")
        let line = campaign.rows[1500].line
        #expect(line == 2412)
        let expected = OptOutError(.badInput, "in.csv: line \(line): quote inside unquoted field")
        Self.expectFailure(campaign.text, expected)
    }

    @Test func unterminatedQuoteNearTheEndGivesItsLine() {
        var campaign = GeneratedCampaign(rowCount: 2000, seed: 0xE0F, plainAfter: 1990)
        campaign.replaceRow(1991, with: "1991,Open,+15550001991,\"never closed\n")
        let line = campaign.rows[1991].line
        #expect(line == 3196)
        let expected = OptOutError(.badInput, "in.csv: line \(line): unterminated quoted field")
        Self.expectFailure(campaign.text, expected)
    }

    @Test func readFailureIsTheIOError() {
        let campaign = Self.campaign
        for threads in Self.threadCounts {
            for blockSize in [7, 4096] {
                let source = FailingByteSource(bytes: Array(campaign.text.utf8.prefix(30_000)), chunkLimit: 1000)
                var error: OptOutError?
                do {
                    _ = try CampaignFilter.run(source: source, suppressions: campaign.suppressionSet,
                                               options: Self.options(threads: threads), output: ByteSink(),
                                               bufferSize: blockSize)
                } catch let failure {
                    error = failure
                }
                #expect(error == OptOutError(FailingByteSource.failure), "threads \(threads) block \(blockSize)")
            }
        }
    }

    @Test func quoteInAnUnquotedFieldBeforeAMegabyteWithoutQuotesGivesItsLine() {
        // A sequential read stops at the stray quote on line 5. Cut into blocks, the stray quote makes
        // every later line feed look quoted, so the block that starts on line 5 grows past
        // `CampaignFilter.maximumRecordSize` (1 MiB) without a record end; parsing it still finds the
        // stray quote first.
        let text = "phone,note\n+15550000001,a\n+15550000002,b\n+15550000003,c\n+1555\"0000004,d\n"
            + String(repeating: "+15550000009,x\n", count: 80_000)
        let expected = OptOutError(.badInput, "in.csv: line 5: quote inside unquoted field")
        for threads in [0, 2] {
            for blockSize in [4096, 1 << 16] {
                #expect(Self.failure(text, threads: threads, blockSize: blockSize) == expected,
                        "threads \(threads) block \(blockSize)")
            }
        }
        // A record that really is longer than the limit is reported as such, at its first line.
        let long = "phone,note\n+15550000001,a\n+15550000002,\"" + String(repeating: "n", count: 1 << 20) + "\"\n"
        for threads in [0, 2] {
            #expect(Self.failure(long, threads: threads, blockSize: 4096)
                == OptOutError(.badInput, "in.csv: line 3: record longer than 1048576 bytes"))
        }
        // Short of the limit, the stray quote is found.
        let short = "phone,note\n+15550000001,a\n+1555\"0000004,d\n" + String(repeating: "+15550000009,x\n", count: 1000)
        for threads in [0, 2] {
            #expect(Self.failure(short, threads: threads, blockSize: 4096)
                == OptOutError(.badInput, "in.csv: line 3: quote inside unquoted field"))
        }
    }

    // MARK: Progress

    @Test(arguments: threadCounts)
    func progressComesEveryIntervalInOrderOnTheCallersThread(threads: Int) throws {
        let campaign = Self.campaign
        let caller = currentThread()
        for blockSize in [7, 4096] {
            var seen: [Int] = []
            var consistent = true
            var onCaller = true
            _ = try filterCampaignBytes(
                campaign.text, campaign.suppressionSet,
                options: Self.options(threads: threads, dedupe: true, progressInterval: 100), bufferSize: blockSize
            ) { report in
                seen.append(report.rows)
                if report.kept + report.skippedCount != report.rows { consistent = false }
                if currentThread() != caller { onCaller = false }
            }
            #expect(seen == Array(stride(from: 100, through: 2000, by: 100)), "threads \(threads) block \(blockSize)")
            #expect(consistent)
            #expect(onCaller)
        }
    }
}
