import Foundation
import OptOutPlatform
import OptOutTestSupport
import Testing
@testable import OptOutCore

/// `optout ingest-message --cgi` behind a real lighttpd on 127.0.0.1, driven with curl (contract §4).
///
/// `.ci/run` installs lighttpd and curl when missing and sets `OPTOUT_TEST_REQUIRE_WEB_SERVER`, so in CI a
/// missing server fails the test instead of skipping it; elsewhere it runs when lighttpd is installed.
@Suite(.enabled(if: WebServer.isWanted, "lighttpd is not installed (apt-get install lighttpd)"))
struct WebServerEndToEndTests {
    static let secrets = [
        "OPTOUT_META_APP_SECRET": "meta-secret", "OPTOUT_META_VERIFY_TOKEN": "verify-me",
        "OPTOUT_TWILIO_AUTH_TOKEN": "twilio-token", "OPTOUT_BUSY_TIMEOUT_MS": "300",
    ]

    @Test func everyAnswerThroughLighttpd() throws {
        let sandbox = Sandbox()
        let server = try WebServer(folder: sandbox.path, environment: Self.secrets.merging(["OPTOUT_DB": sandbox.database]) { $1 })
        defer { server.stop() }
        func events() throws -> Int {
            try sandbox.exec(["export", "--events", "--format", "csv"]).stdout.split(separator: "\n").count - 1
        }

        // Meta's handshake: the challenge for the right token only.
        let handshake = "hub.mode=subscribe&hub.challenge=31415&hub.verify_token="
        let good = try server.request(query: handshake + "verify-me")
        #expect(good.status == 200 && good.body == "31415", "\(good) \(server.errorLog)")
        #expect(try server.request(query: handshake + "guess").status == 403)

        // A signed Meta STOP is recorded and its reply queued; the same body with a byte changed is not.
        let body = Array(try Fixture.text("webhooks/meta_text_stop.json").utf8)
        let signature = metaSignature(body, secret: "meta-secret")
        var tampered = body
        tampered[tampered.count / 2] ^= 0x01
        let forged = try server.request(body: tampered, headers: ["Content-Type: application/json", "X-Hub-Signature-256: \(signature)"])
        #expect(forged.status == 403 && forged.body == "forbidden\n", "\(forged)")
        #expect(try events() == 0)
        let signed = try server.request(body: body, headers: ["Content-Type: application/json", "X-Hub-Signature-256: \(signature)"])
        #expect(signed.status == 200 && signed.body == "ok\n", "\(signed) \(server.errorLog)")
        #expect(try events() == 1)
        let outbox = try sandbox.exec(["outbox", "--format", "csv"]).stdout
        #expect(outbox.contains("15551234567") && outbox.contains("unsubscribed"), "\(outbox)")
        #expect(server.cgiLog.contains("cgi 403: Meta signature missing or wrong"), "refusals go to the server's log: \(server.cgiLog)")

        // A signed Twilio STOP, the URL rebuilt from what lighttpd passed: TwiML with the reply.
        let form = "Body=STOP&From=whatsapp%3A%2B15557654321&MessageSid=SM7&To=whatsapp%3A%2B15550001111"
        let signedText = server.url + "BodySTOPFromwhatsapp:+15557654321MessageSidSM7Towhatsapp:+15550001111"
        let twilioSignature = try MessageAuthentication.base64(
            MessageAuthentication.hmac(.sha1, key: Array("twilio-token".utf8), message: Array(signedText.utf8)))
        let twiml = try server.request(
            body: Array(form.utf8),
            headers: ["Content-Type: application/x-www-form-urlencoded", "X-Twilio-Signature: \(twilioSignature)"])
        #expect(twiml.status == 200 && twiml.headers.contains("Content-Type: application/xml"), "\(twiml) \(server.errorLog)")
        #expect(twiml.body.hasSuffix("<Response><Message>You have been unsubscribed and will receive no more marketing messages. Reply START to resubscribe.</Message></Response>"))
        #expect(try events() == 2)

        // Over the default 1 MiB limit: refused whole.
        let large = Array(repeating: UInt8(ascii: " "), count: (1 << 20) + 1)
        let largeSignature = metaSignature(large, secret: "meta-secret")
        let tooLarge = try server.request(body: large, headers: ["Content-Type: application/json", "X-Hub-Signature-256: \(largeSignature)"])
        #expect(tooLarge.status == 413, "\(tooLarge)")

        // Another process holds the write lock: 503 with Retry-After, so that Meta delivers again.
        let other = Array(try Fixture.text("webhooks/meta_text_stop.json").replacingOccurrences(of: "wamid.HBgL", with: "wamid.XBgL")
            .replacingOccurrences(of: "15551234567", with: "15551234568").utf8)
        let otherSignature = metaSignature(other, secret: "meta-secret")
        let holder = try OptOutStore(path: sandbox.database)
        try holder.database.executeScript("BEGIN IMMEDIATE")
        let busy = try server.request(body: other, headers: ["Content-Type: application/json", "X-Hub-Signature-256: \(otherSignature)"])
        try holder.database.executeScript("ROLLBACK")
        #expect(busy.status == 503 && busy.headers.contains("Retry-After: 30"), "\(busy)")
        #expect(try events() == 2)
        // Delivered again once the lock is free: recorded.
        let again = try server.request(body: other, headers: ["Content-Type: application/json", "X-Hub-Signature-256: \(otherSignature)"])
        #expect(again.status == 200, "\(again) \(server.errorLog)")
        #expect(try events() == 3)
    }
}

/// lighttpd serving one CGI script, `optout.cgi`, that runs `optout ingest-message --cgi`.
///
/// Started in the foreground (`-D`) with its output in files, never in pipes nobody reads; stopped by
/// `stop()` with SIGTERM, then SIGKILL if it has not gone within five seconds.
final class WebServer {
    static let executable = ["/usr/sbin/lighttpd", "/usr/local/sbin/lighttpd"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let curl = ["/usr/bin/curl", "/usr/local/bin/curl"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let isWanted = executable != nil || ProcessInfo.processInfo.environment["OPTOUT_TEST_REQUIRE_WEB_SERVER"] != nil

    let folder: String
    let port: Int
    private let process: Process
    var url: String { "http://127.0.0.1:\(port)/optout.cgi" }
    var errorLog: String { (try? String(contentsOfFile: folder + "/lighttpd-error.log", encoding: .utf8)) ?? "" }
    /// What the CGI programs wrote to standard error (`server.breakagelog`, as Docs/deploy.md configures).
    var cgiLog: String { (try? String(contentsOfFile: folder + "/lighttpd-cgi.log", encoding: .utf8)) ?? "" }

    /// What curl saw: the status, the header lines and the body.
    struct Answer: CustomStringConvertible {
        var status: Int
        var headers: [String]
        var body: String
        var description: String { "\(status) \(headers) \(body.prefix(300))" }
    }

    init(folder: String, environment: [String: String]) throws {
        guard let executable = Self.executable else { throw WebServerError("lighttpd is not installed; .ci/run installs it") }
        guard Self.curl != nil else { throw WebServerError("curl is not installed; .ci/run installs it") }
        self.folder = folder
        let root = folder + "/www"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let script = root + "/optout.cgi"
        try "#!/bin/sh\nexec '\(OptOutBinary.path)' ingest-message --cgi\n".write(toFile: script, atomically: true, encoding: .utf8)
        _ = chmod(script, 0o755)
        let variables = environment.sorted { $0.key < $1.key }.map { "\"\($0.key)\" => \"\($0.value)\"" }.joined(separator: ", ")
        // A port picked at random; another one when something already listens there.
        var started: (Process, Int)?
        for _ in 0..<8 where started == nil {
            let port = Int.random(in: 20000..<60000)
            let config = """
                server.modules = ("mod_cgi", "mod_setenv")
                server.document-root = "\(root)"
                server.bind = "127.0.0.1"
                server.port = \(port)
                server.errorlog = "\(folder)/lighttpd-error.log"
                server.breakagelog = "\(folder)/lighttpd-cgi.log"
                cgi.assign = (".cgi" => "")
                setenv.add-environment = (\(variables))
                """
            try config.write(toFile: folder + "/lighttpd.conf", atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["-D", "-f", folder + "/lighttpd.conf"]
            guard FileManager.default.createFile(atPath: folder + "/lighttpd-output.log", contents: nil) else {
                throw CocoaError(.fileWriteUnknown)
            }
            let output = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/lighttpd-output.log"))
            process.standardOutput = output
            process.standardError = output
            process.standardInput = FileHandle.nullDevice
            try process.run()
            // Ready when it accepts connections; gone when the port was taken or the config refused.
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline && !Self.accepts(port: port) { usleep(20_000) }
            if process.isRunning && Self.accepts(port: port) {
                started = (process, port)
            } else {
                Self.stop(process)
            }
        }
        guard let (process, port) = started else {
            let output = (try? String(contentsOfFile: folder + "/lighttpd-output.log", encoding: .utf8)) ?? ""
            throw WebServerError("lighttpd did not start: \(output) \((try? String(contentsOfFile: folder + "/lighttpd-error.log", encoding: .utf8)) ?? "")")
        }
        self.process = process
        self.port = port
    }

    deinit { Self.stop(process) }

    func stop() { Self.stop(process) }

    /// A GET with `query`, or a POST of `body` with `headers`, to the CGI script; curl gives up after 20 s.
    func request(query: String? = nil, body: [UInt8]? = nil, headers: [String] = []) throws -> Answer {
        var arguments = ["-sS", "--max-time", "20", "-i", "-H", "Expect:"]
        for header in headers { arguments += ["-H", header] }
        if let body {
            let file = folder + "/request-body"
            try Data(body).write(to: URL(fileURLWithPath: file))
            arguments += ["--data-binary", "@" + file]
        }
        arguments.append(url + (query.map { "?" + $0 } ?? ""))
        let result = try runProcess(Self.curl!, arguments, environment: [:])
        guard result.status == 0 else { throw WebServerError("curl failed (\(result.status)): \(result.stderr)") }
        let parts = result.stdout.components(separatedBy: "\r\n\r\n")
        let head = parts[0].components(separatedBy: "\r\n")
        let status = head.first.flatMap { $0.split(separator: " ").dropFirst().first.flatMap { Int($0) } } ?? 0
        return Answer(status: status, headers: Array(head.dropFirst()), body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    static func accepts(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    static func stop(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

struct WebServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
