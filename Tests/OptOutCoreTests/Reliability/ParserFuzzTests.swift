#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import OptOutCore

/// Seeded fuzzing of every parser that reads outside input: each case must end in a value or a typed
/// error of the documented kind, with a one-line message that never repeats message text, in bounded
/// time. `OPTOUT_FUZZ_CASES` cases per format (500 in CI; the stress script runs 10,000 and more).
@Suite struct ParserFuzzTests {
    /// A marker put into every message text of the seeds: no error message may contain it.
    static let marker = "ZQXJ"

    /// Checks an error message is one line and does not repeat message text.
    static func checkMessage(_ message: String, _ format: String, _ index: Int) {
        #expect(!message.contains("\n"), "\(format) case \(index): multi-line message")
        #expect(!message.contains(marker), "\(format) case \(index): message text in '\(message)'")
        #expect(!message.isEmpty)
    }

    static func random(_ salt: UInt64) -> SeededGenerator {
        SeededGenerator(seed: FuzzConfiguration.seed &* 0x1000_0000_01B3 ^ salt)
    }

    // MARK: - CSV

    static let csvSeeds = [
        "phone,name,note\n+15551234567,Ana,ZQXJ hello\n5551234568,\"Ben, Jr.\",\"said \"\"hi\"\"\"\n",
        "\u{FEFF}Telefono;Nombre\r\n+52 55 1234 5678;Luz\r\n;\r\n",
        "wa_id\t\"multi\nline\"\n15551234567\t\n",
        "a|b|c\n1|2|3\n\"x\"|\"\"|z",
        "number\n\"+1 555 123 4567\"\n\n\n",
    ]

    @Test func csvRecordsAreReadOrRefusedAndRawBytesRoundTrip() {
        let maker = FuzzInputMaker(seeds: Self.csvSeeds)
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

    static let whatsAppSeeds = [
        WebhookBodies.batch, WebhookBodies.listReply, WebhookBodies.preferenceResume,
        #"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messages":[{"from":"15551234567","id":"wamid.A","timestamp":"1767261600","type":"text","text":{"body":"STOP ZQXJ"}}]}}]}]}"#,
        #"{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"statuses":[{"status":"failed","recipient_id":"15551234567","errors":[{"code":131050}]}]}}]}]}"#,
    ]

    @Test func whatsAppBodiesAreReadOrRefusedAsBadInput() {
        let maker = FuzzInputMaker(seeds: Self.whatsAppSeeds, tokens: ["\"from\":", "\"entry\":[", "\"type\":\"text\""])
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

    static let twilioSeeds = [
        "SmsMessageSid=SM1&NumMedia=0&Body=STOP+ZQXJ&From=whatsapp%3A%2B15551234567&To=whatsapp%3A%2B14155238886&MessageSid=SM1",
        "From=%2B15551234567&ButtonText=Stop+ZQXJ&ButtonPayload=promo_off&MessageSid=SM2",
        "MessageStatus=delivered&From=whatsapp%3A%2B15551234567&MessageSid=SM3\r\n",
        "From=5551234567&Body=%E2%9C%8B+%C3%B1+ZQXJ",
    ]

    @Test func twilioBodiesAreReadOrRefusedAsBadInput() {
        let maker = FuzzInputMaker(seeds: Self.twilioSeeds, tokens: ["From=", "Body=", "%2B", "%C3", "%E2%9C"])
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

    static let jsonLinesSeeds = [
        #"{"from":"+15551234567","text":"STOP ZQXJ","id":"m1","at":"2026-03-01T09:30:00Z"}"# + "\n"
            + #"{"from":15551234568,"text":"hola ZQXJ","id":7,"at":1767261600}"# + "\r\n\n",
        #"{"from":"5551234567","text":"\u00f1 \ud83d\ude00 ZQXJ","extra":{"a":[1,2,{"b":null}]}}"# + "\n",
        #"{"text":"ZQXJ","from":"whatsapp:+15551234567","at":null,"id":null}"#,
    ]

    @Test func jsonLinesAreReadOrRefusedAsBadInput() throws {
        let maker = FuzzInputMaker(seeds: Self.jsonLinesSeeds, tokens: ["\"from\":", "\"text\":", "\"at\":"])
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

    static let phoneSeeds = [
        "+1 (555) 123-4567", "5551234567", "+52 55 1234 5678", "00 44 20 7946 0018", "1.5551234567E10",
        "whatsapp:+15551234567", "+44 (0)20 7946 0018", "tel:+55-11-91234-5678", "+1 555 123 4567 ext. 89",
        "15551234567", "+٥٥٥١٢٣٤٥٦٧", "＋１ ５５５ １２３ ４５６７",
    ]

    @Test func phoneNumbersAreNormalizedOrRejectedAndNormalFormsAreStable() {
        let maker = FuzzInputMaker(seeds: Self.phoneSeeds, tokens: ["+", "00", "(", ")", "-", " ", "ext", "0"])
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
                    #expect((try? PhoneNormalizer().normalize(e164).get())?.e164 == e164, "case \(index): \(e164) unstable")
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
