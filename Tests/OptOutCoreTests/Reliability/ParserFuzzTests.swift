import OptOutPlatform
import Testing
import OptOutTestSupport
@testable import OptOutCore

/// Seeded fuzzing of every parser that reads outside input: each case must end in a value or a typed
/// error of the documented kind, with a one-line message that never repeats message text, in bounded
/// time. `OPTOUT_FUZZ_CASES` cases per format (500 in CI; the stress script runs 10,000 and more).
@Suite struct ParserFuzzTests {
    /// Checks an error message is one line and does not repeat message text.
    static func checkMessage(_ message: String, _ format: String, _ index: Int) {
        #expect(!message.contains("\n"), "\(format) case \(index): multi-line message")
        #expect(!message.contains(FuzzSeeds.marker), "\(format) case \(index): message text in '\(message)'")
        #expect(!message.isEmpty)
    }

    static func random(_ salt: UInt64) -> SeededGenerator {
        SeededGenerator(seed: FuzzConfiguration.seed &* 0x1000_0000_01B3 ^ salt)
    }

    // MARK: - CSV


    @Test func csvRecordsAreReadOrRefusedAndRawBytesRoundTrip() {
        let maker = FuzzInputMaker(seeds: FuzzSeeds.csv)
        var random = Self.random(1)
        var tally = FuzzTally("csv")
        for index in 0..<FuzzConfiguration.cases {
            let bytes = maker.make(&random)
            let chunk = 1 + random.below(random.chance(50) ? 8 : 4096)
            let buffer = 1 + random.below(128)
            tally.run {
                let reader = CSVReader(
                    source: MemoryByteSource(bytes, chunkLimit: chunk), delimiter: nil, bufferSize: buffer,
                    maximumRecordSize: 2048)
                var raw: [UInt8] = []
                do throws(CSVError) {
                    while try reader.next() {
                        #expect(reader.fieldCount >= 1)
                        for field in 0..<reader.fieldCount { _ = reader.field(field).count }
                        raw += reader.rawRecord
                    }
                } catch {
                    Self.checkMessage(error.message, "csv", index)
                    #expect(error.kind != .readFailed)
                    return "\(error.kind)"
                }
                #expect(raw == bytes, "csv case \(index): raw records do not concatenate back to the input")
                return nil
            }
        }
        tally.finish()
    }

    // MARK: - WhatsApp webhook bodies


    @Test func whatsAppBodiesAreReadOrRefusedAsBadInput() {
        let maker = FuzzInputMaker(seeds: FuzzSeeds.whatsApp + [WebhookBodies.batch, WebhookBodies.listReply, WebhookBodies.preferenceResume], tokens: ["\"from\":", "\"entry\":[", "\"type\":\"text\""])
        var random = Self.random(2)
        var tally = FuzzTally("whatsapp")
        for index in 0..<FuzzConfiguration.cases {
            let bytes = maker.make(&random)
            tally.run {
                do throws(OptOutError) {
                    _ = try WhatsAppWebhook.parse(bytes)
                    return nil
                } catch {
                    #expect(error.kind == .badInput)
                    #expect(error.message.hasPrefix("not a WhatsApp webhook body: "))
                    Self.checkMessage(error.message, "whatsapp", index)
                    return error.message.contains("not valid JSON") ? "json" : "shape"
                }
            }
        }
        tally.finish()
    }

    // MARK: - Twilio bodies


    @Test func twilioBodiesAreReadOrRefusedAsBadInput() {
        let maker = FuzzInputMaker(seeds: FuzzSeeds.twilio, tokens: ["From=", "Body=", "%2B", "%C3", "%E2%9C"])
        var random = Self.random(3)
        var tally = FuzzTally("twilio")
        for index in 0..<FuzzConfiguration.cases {
            let bytes = maker.make(&random)
            tally.run {
                do throws(OptOutError) {
                    _ = try TwilioWebhook.parse(bytes)
                    return nil
                } catch {
                    #expect(error.kind == .badInput)
                    #expect(error.message.hasPrefix("not a form-encoded body: ") || error.message.hasPrefix("not a Twilio webhook body: "))
                    Self.checkMessage(error.message, "twilio", index)
                    return error.message.hasPrefix("not a form") ? "form" : "no-from"
                }
            }
        }
        tally.finish()
    }

    // MARK: - JSON Lines


    @Test func jsonLinesAreReadOrRefusedAsBadInput() throws {
        let maker = FuzzInputMaker(seeds: FuzzSeeds.jsonLines, tokens: ["\"from\":", "\"text\":", "\"at\":"])
        var random = Self.random(4)
        var tally = FuzzTally("jsonl")
        for index in 0..<FuzzConfiguration.cases {
            let bytes = maker.make(&random)
            var ends: [Int32] = [0, 0]
            try #require(pipe(&ends) == 0)
            // Inputs stay under the pipe's buffer (64 KiB), so the whole case fits before reading.
            bytes.prefix(60_000).withUnsafeBytes { _ = write(ends[1], $0.baseAddress, $0.count) }
            close(ends[1])
            tally.run {
                var lines = 0
                do throws(OptOutError) {
                    try LineReader.forEachLine(descriptor: ends[0], name: "fuzz.jsonl", maxLineBytes: 1 << 20) {
                        (line, number) throws(OptOutError) -> Bool in
                        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return true }
                        _ = try JSONLinesReplay.item(line, lineNumber: number)
                        lines += 1
                        return true
                    }
                    return nil
                } catch {
                    #expect(error.kind == .badInput)
                    Self.checkMessage(error.message, "jsonl", index)
                    return error.message.hasPrefix("not valid JSON") ? "json" : "shape"
                }
            }
            close(ends[0])
        }
        tally.finish()
    }

    // MARK: - Phone numbers


    @Test func phoneNumbersAreNormalizedOrRejectedAndNormalFormsAreStable() {
        let maker = FuzzInputMaker(seeds: FuzzSeeds.phone, tokens: ["+", "00", "(", ")", "-", " ", "ext", "0"])
        let normalizers = [
            PhoneNormalizer(), PhoneNormalizer(defaultRegion: Region(code: "US")),
            PhoneNormalizer(defaultRegion: Region(code: "MX")), PhoneNormalizer(whatsAppIDs: true),
        ]
        var random = Self.random(5)
        var tally = FuzzTally("phone")
        for index in 0..<FuzzConfiguration.cases {
            let bytes = maker.make(&random)
            let normalizer = normalizers[random.below(normalizers.count)]
            tally.run {
                let result = bytes.withUnsafeBytes { normalizer.normalize($0) }
                switch result {
                case .success(let number):
                    let e164 = number.e164
                    #expect(e164.hasPrefix("+") && e164.utf8.count >= 8 && e164.utf8.count <= 16, "case \(index): \(e164)")
                    // Known: a national number that still starts with the trunk 0 after one was stripped
                    // ("+44 (0)00 7946 0018" → +440079460018) loses that 0 when read again, as in
                    // libphonenumber (the prefix is stripped once). Anything else must be stable.
                    let again = (try? PhoneNormalizer().normalize(e164).get())?.e164
                    let lostOneZero = again.map { again in
                        e164.indices.contains { position in
                            var copy = e164
                            copy.remove(at: position)
                            return e164[position] == "0" && copy == again
                        }
                    } ?? false
                    #expect(again == e164 || lostOneZero, "case \(index): \(e164) unstable, from \(String(decoding: bytes, as: UTF8.self).debugDescription)")
                    return nil
                case .failure(let rejection):
                    #expect(!rejection.description.contains("\n"))
                    return Self.rejectionName(rejection)
                }
            }
        }
        tally.finish()
    }

    /// The case name of a rejection, without its payload.
    static func rejectionName(_ rejection: PhoneRejection) -> String {
        String(describing: Mirror(reflecting: rejection).children.first?.label ?? "\(rejection)")
            .split(separator: "(").first.map(String.init) ?? "other"
    }
}
