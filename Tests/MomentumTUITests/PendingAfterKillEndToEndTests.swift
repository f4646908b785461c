import Foundation
import Glibc
import SessionClient
import SessionModel
import Synchronization
import Testing
import TestSupport

/// The real `momentum join --plain`, killed with SIGKILL while a message waits for a server
/// that is down: the message is on disk with the seat, and the next run sends it, once.
@Suite("A send pending at kill -9", .serialized)
struct PendingAfterKillEndToEndTests {
    /// What a client wrote, shared with the thread that reads it.
    final class Seen: Sendable {
        let text = Mutex("")
    }

    final class Client {
        let process = Process()
        let input = Pipe()
        let seen = Seen()
        var output: String { seen.text.withLock { $0 } }

        let log: String

        init(url: String, code: String, state: String, log: String) throws {
            self.log = log
            process.executableURL = URL(fileURLWithPath: ServerProcess.binary)
            process.arguments = ["join", url, "--code", code, "--name", "Karim", "--plain", "--lang", "fr", "--log-file", log]
            var environment = ProcessInfo.processInfo.environment
            environment["XDG_CONFIG_HOME"] = state + "/config"
            // The same state folder for both runs: the same machine.
            environment["XDG_STATE_HOME"] = state
            process.environment = environment
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = output
            readUntilEnd(output.fileHandleForReading) { [seen] data in seen.text.withLock { $0 += String(decoding: data, as: UTF8.self) } }
            try process.runAlone()
        }

        func type(_ line: String) { try? input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8)) }
    }

    /// The seat files' text: where the pending sends are kept.
    func seats(in state: String) -> String {
        let folder = state + "/momentum/seats"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.map { String(decoding: FileManager.default.contents(atPath: folder + "/" + $0) ?? Data(), as: UTF8.self) }.joined()
    }

    @Test(.timeLimit(.minutes(2)))
    func aMessageTypedWhileTheServerIsDownIsDeliveredOnceAfterTheClientIsKilled() async throws {
        let database = TestServer.temporaryDatabase()
        let first = try await ServerProcess(database: database, workshop: try temporaryWorkshopFile())
        let code = try #require(first.code)
        let state = NSTemporaryDirectory() + "momentum-state-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let before = try Client(url: first.url, code: code, state: state, log: state + "/before.log")
        defer { if before.process.isRunning { kill(before.process.processIdentifier, SIGKILL) } }
        #expect(await eventually(within: 15) { before.output.contains("Atelier durabilité") }, "\(before.output)")

        first.kill()
        before.type("pendant la coupure")
        #expect(await eventually { seats(in: state).contains("pendant la coupure") }, "the pending send is kept with the seat")
        kill(before.process.processIdentifier, SIGKILL)
        before.process.waitUntilExit()

        let second = try await ServerProcess(database: database, port: first.port)
        defer { second.terminate() }
        let seatAtRestart = seats(in: state)
        let after = try Client(url: second.url, code: code, state: state, log: state + "/after.log")
        defer { if after.process.isRunning { kill(after.process.processIdentifier, SIGKILL) } }
        // Sent once the seat is taken back (with its clientId: a retry would change nothing).
        let delivered = await eventually(within: 20) { after.output.contains("Karim : pendant la coupure") }
        #expect(delivered, """
            \(after.output)
            seat at restart: \(seatAtRestart)
            seat now: \(seats(in: state))
            first run's log: \(String((try? String(contentsOfFile: before.log, encoding: .utf8))?.suffix(3000) ?? ""))
            second run's log: \(String((try? String(contentsOfFile: after.log, encoding: .utf8))?.suffix(3000) ?? ""))
            """)
        let engine = CurlEngine()
        defer { engine.shutdown() }
        let api = SessionAPI(baseURL: second.url, transport: engine)
        let chloe = try await api.join(JoinRequest(code: code, name: "Chloé"))
        #expect(chloe.state.messages.filter { $0.text == "pendant la coupure" }.count == 1, "delivered once: \(chloe.state.messages.map(\.text))")
        #expect(chloe.state.present.filter { $0.name.hasPrefix("Karim") }.count == 1, "one Karim, the seat taken back")
        after.type("/quitter")
        #expect(await eventually { !after.process.isRunning })
    }
}
