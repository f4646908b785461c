import Foundation
import Synchronization
import Testing
import TestSupport

/// `momentum join` against an https server whose certificate is self-signed: refused once,
/// in the user's language, instead of "reconnecting" for ever; trusted with the school's
/// authority given by `--ca-file` or `SSL_CERT_FILE`; `--log-file` written in plain mode.
@Suite("Certificates", .serialized)
struct CertificateEndToEndTests {
    struct Run {
        var text: String
        var status: Int32?
    }

    /// Runs `momentum join URL --code ABC234 --name Karim --plain --lang fr` plus `extra`;
    /// everything it wrote, and its status (nil when it had not ended after `seconds`).
    func join(_ url: String, _ extra: [String] = [], environment more: [String: String] = [:], within seconds: Double = 20) async throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ServerProcess.binary)
        process.arguments = ["join", url, "--code", "ABC234", "--name", "Karim", "--plain", "--lang", "fr"] + extra
        var environment = ProcessInfo.processInfo.environment
        environment["SSL_CERT_FILE"] = nil
        environment["XDG_CONFIG_HOME"] = NSTemporaryDirectory() + "momentum-config-" + UUID().uuidString
        environment["XDG_STATE_HOME"] = NSTemporaryDirectory() + "momentum-state-" + UUID().uuidString
        process.environment = environment.merging(more) { _, new in new }
        let output = Pipe()
        process.standardInput = Pipe()
        process.standardOutput = output
        process.standardError = output
        let text = Mutex("")
        readUntilEnd(output.fileHandleForReading) { data in text.withLock { $0 += String(decoding: data, as: UTF8.self) } }
        try process.runAlone()
        let ended = await eventually(within: seconds) { !process.isRunning }
        if !ended {
            process.terminate()
            process.waitUntilExit()
        }
        // The last bytes may still be on their way through the pipe.
        _ = await eventually(within: 1) { text.withLock { $0.contains("\n") } }
        return Run(text: text.withLock { $0 }, status: ended ? process.terminationStatus : nil)
    }

    @Test func anUntrustedCertificateIsSaidOnceInTheUsersLanguage() async throws {
        let server = try await TLSStub()
        defer { server.stop() }
        let run = try await join(server.url, within: 15)
        #expect(run.status == 1, "it must end, not retry for ever: \(run.text)")
        #expect(run.text.contains("le certificat du serveur n'est pas reconnu"), "\(run.text)")
        #expect(run.text.contains("--ca-file"), "\(run.text)")
        #expect(!run.text.contains("certificate"), "no English: \(run.text)")
    }

    @Test func aSchoolsOwnAuthorityIsTrustedWithCaFileOrSSLCertFile() async throws {
        let server = try await TLSStub()
        defer { server.stop() }
        let log = NSTemporaryDirectory() + "momentum-join-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        // Through TLS to the server, which answers: the code matches no workshop.
        let withOption = try await join(server.url, ["--ca-file", server.certificate, "--log-file", log])
        #expect(withOption.status == 1)
        #expect(withOption.text.contains("Ce code ne correspond à aucun atelier"), "\(withOption.text)")
        let logged = String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self)
        #expect(logged.contains("connection:") && logged.contains("wrong_code"), "--log-file in plain mode: \(logged)")

        let withVariable = try await join(server.url, environment: ["SSL_CERT_FILE": server.certificate])
        #expect(withVariable.text.contains("Ce code ne correspond à aucun atelier"), "\(withVariable.text)")

        let missing = try await join(server.url, ["--ca-file", "/nonexistent/ca.pem"])
        #expect(missing.status != 0 && missing.text.contains("ne peut pas être lu"), "\(missing.text)")
    }
}
