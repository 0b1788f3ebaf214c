import Testing
import OptOutPlatform
@testable import OptOutCore

@Suite struct JSONLinesReplayTests {
    func replay(_ text: String, fixture: IngestFixture, batchSize: Int = 2) throws
        -> (JSONLinesReplay.Summary, [IngestResult])
    {
        let path = fixture.folder.write("replay.jsonl", text)
        var results: [IngestResult] = []
        let ingester = try fixture.ingester()
        let summary = try JSONLinesReplay.run(path: path, standardInput: -1, ingester: ingester, batchSize: batchSize) {
            results += $0
        }
        return (summary, results)
    }

    @Test func replaysLinesInBatches() throws {
        let fixture = try IngestFixture()
        let text = """
            {"from":"+15551234567","text":"STOP","id":"1","at":"2026-01-01T00:00:00Z"}

            {"from":"+15551234568","text":"hello","id":2,"at":1767225600}\r
            {"from":"+15551234567","text":"START","at":"1767229200","extra":true}
            {"from":"+15551234569","text":"HELP","id":null,"at":null}
            """
        let (summary, results) = try replay(text, fixture: fixture)
        #expect(summary == JSONLinesReplay.Summary(messages: 4, batches: 2))
        #expect(results.map(\.action) == [.optedOut, IngestAction.none, .optedIn, IngestAction.none])
        #expect(results.map(\.origin) == ["line 1", "line 3", "line 4", "line 5"])
        #expect(results.map(\.messageID) == ["1", "2", nil, nil])
        #expect(try fixture.status("+15551234567") == .optedIn)
    }

    @Test func badLineStopsAfterRecordingEveryLineBeforeIt() throws {
        let fixture = try IngestFixture()
        let text = """
            {"from":"+15551234561","text":"STOP","id":"1"}
            {"from":"+15551234562","text":"STOP","id":"2"}
            {"from":"+15551234563","text":"STOP","id":"3"}
            {"from":"+15551234564","text":"STOP secret"
            {"from":"+15551234565","text":"STOP","id":"5"}
            """
        var results: [IngestResult] = []
        do {
            let path = fixture.folder.write("bad.jsonl", text)
            _ = try JSONLinesReplay.run(path: path, standardInput: -1, ingester: try fixture.ingester(), batchSize: 2) {
                results += $0
            }
            Issue.record("a malformed line must stop the replay")
        } catch let error as OptOutError {
            #expect(error.exitCode == 65)
            #expect(error.message.hasSuffix("bad.jsonl line 4: not valid JSON: expected ',' or '}' after an object member at byte 43"))
            #expect(!error.message.contains("secret"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(results.map(\.messageID) == ["1", "2", "3"])
        #expect(try fixture.eventCount() == 3)
        #expect(try fixture.status("+15551234565") == .active)
    }

    @Test func lineFieldErrors() {
        let cases: [(String, String)] = [
            (#"[1]"#, "not a JSON object"),
            (#"{"text":"x"}"#, "neither 'from' nor 'user_id' is given"),
            (#"{"from":true,"text":"x"}"#, "'from' is not a string"),
            (#"{"user_id":7,"text":"x"}"#, "'user_id' is not a string"),
            (#"{"from":"+15551234567"}"#, "'text' is missing or not a string"),
            (#"{"from":"+15551234567","text":"x","id":[1]}"#, "'id' is not a string"),
            (#"{"from":"+15551234567","text":"x","at":"yesterday"}"#, "'at' is not a time (ISO 8601 with a zone, or Unix seconds)"),
        ]
        for (line, message) in cases {
            var bytes = Array(line.utf8)
            do {
                _ = try bytes.withUnsafeMutableBytes { raw in
                    try JSONLinesReplay.item(UnsafeRawBufferPointer(raw), lineNumber: 1)
                }
                Issue.record("accepted \(line)")
            } catch let error as OptOutError {
                #expect(error == OptOutError(.badInput, message))
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func readsLinesAcrossChunkBoundaries() throws {
        let fixture = try IngestFixture()
        // 30,000 lines (~1.9 MB) cross the 1 MiB read size.
        var text = ""
        for index in 0..<30_000 {
            text += #"{"from":"+1555\#(String(1_000_000 + index).suffix(7))","text":"\#(index % 3 == 0 ? "STOP" : "hi")","id":"m\#(index)"}"# + "\n"
        }
        let (summary, results) = try replay(text, fixture: fixture, batchSize: 1000)
        #expect(summary == JSONLinesReplay.Summary(messages: 30_000, batches: 30))
        #expect(results.count == 30_000)
        #expect(results.filter { $0.action == .optedOut }.count == 10_000)
        #expect(results.last?.messageID == "m29999")
        #expect(try fixture.eventCount() == 10_000)
    }
}
