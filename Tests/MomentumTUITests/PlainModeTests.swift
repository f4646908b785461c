import Foundation
import SessionClient
import SessionModel
import Synchronization
import Testing
import TestSupport

/// `momentum join --plain` driven through pipes, as a screen reader user or a script would.
@Suite("Plain mode through a pipe")
struct PlainModeTests {
    final class Output: Sendable {
        let text = Mutex("")
        var value: String { text.withLock { $0 } }
    }

    /// A server, a room, Chloé in it over the API, and `momentum join --plain` as Karim, not started yet.
    func setUp() async throws -> (TestServer, CreateRoomResponse, TestClient, Process) {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let chloe = TestClient(url: server.url, name: "Chloé")
        chloe.start(code: room.code)
        #expect(await eventually { chloe.credentials != nil })
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ServerProcess.binary)
        process.arguments = ["join", server.url, "--code", room.code, "--name", "Karim", "--plain", "--lang", "fr"]
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = NSTemporaryDirectory() + "momentum-config-" + UUID().uuidString
        environment["XDG_STATE_HOME"] = NSTemporaryDirectory() + "momentum-state-" + UUID().uuidString
        process.environment = environment
        return (server, room, chloe, process)
    }

    @Test func sentencesOutCommandsIn() async throws {
        let (server, _, chloe, process) = try await setUp()
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        let seen = Output()
        readUntilEnd(output.fileHandleForReading) { data in
            seen.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        try process.runAlone()
        func send(_ line: String) { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }

        #expect(await eventually(within: 15) { seen.value.contains("Les métiers du Web") }, "\(seen.value)")
        await chloe.sender.enqueue(.message("Salut Karim"))
        #expect(await eventually { seen.value.contains("Chloé : Salut Karim") }, "\(seen.value)")
        send("Bonjour Chloé")
        #expect(await eventually { chloe.state?.messages.contains { $0.text == "Bonjour Chloé" } == true })
        send("/main")
        #expect(await eventually { seen.value.contains("Karim lève la main (1re dans la file)") }, "\(seen.value)")
        #expect(await eventually { chloe.state?.hands.count == 1 })
        send("/qui")
        #expect(await eventually { seen.value.contains("- Karim") && seen.value.contains("- Chloé") })
        send("/verrouiller")
        #expect(await eventually { seen.value.contains("Commande inconnue : /verrouiller") }, "a learner cannot lock")
        #expect(!seen.value.contains("\u{1B}"), "plain mode writes no escape sequence")
        send("/quitter")
        #expect(await eventually { !process.isRunning })
        #expect(process.terminationStatus == 0)
        #expect(await eventually { chloe.state?.participants.first { $0.name == "Karim" }?.membership == .left })
        await chloe.stop()
        await server.stop()
    }

    @Test func ctrlCLeavesTheRoomSoTheNameIsFreeAgain() async throws {
        let (server, room, chloe, process) = try await setUp()
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        try process.runAlone()
        #expect(await eventually(within: 15) { chloe.state?.present.contains { $0.name == "Karim" } == true })
        kill(process.processIdentifier, SIGINT)
        #expect(await eventually { !process.isRunning })
        #expect(process.terminationStatus == 0)
        #expect(await eventually { chloe.state?.participants.first { $0.name == "Karim" }?.membership == .left })
        _ = try await server.join(room, "Karim")
        await chloe.stop()
        await server.stop()
    }

    @Test func aClientKilledTakesItsSeatBackWhenRunAgain() async throws {
        let (server, _, chloe, first) = try await setUp()
        let firstOutput = Pipe(), firstSeen = Output()
        first.standardInput = Pipe()
        first.standardOutput = firstOutput
        readUntilEnd(firstOutput.fileHandleForReading) { data in
            firstSeen.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        try first.runAlone()
        // In the room, and told so: the seat (its token) is on disk from then on.
        #expect(await eventually(within: 15) { firstSeen.value.contains("Les métiers du Web") })
        kill(first.processIdentifier, SIGKILL)
        #expect(await eventually { !first.isRunning })

        let again = Process()
        again.executableURL = first.executableURL
        again.arguments = first.arguments
        again.environment = first.environment
        let input = Pipe(), output = Pipe()
        again.standardInput = input
        again.standardOutput = output
        again.standardError = output
        let seen = Output()
        readUntilEnd(output.fileHandleForReading) { data in
            seen.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        try again.runAlone()
        #expect(await eventually(within: 15) { seen.value.contains("Les métiers du Web") }, "\(seen.value)")
        #expect(!seen.value.contains("déjà ce nom"), "the seat was taken back, the name with it")
        try? input.fileHandleForWriting.write(contentsOf: Data("/quitter\n".utf8))
        #expect(await eventually { !again.isRunning })
        #expect(again.terminationStatus == 0)
        #expect(await eventually { chloe.state?.participants.first { $0.name == "Karim" }?.membership == .left })
        #expect(chloe.state?.participants.filter { $0.name.hasPrefix("Karim") }.count == 1, "one Karim, not Karim (2)")
        await chloe.stop()
        await server.stop()
    }
}
