import Foundation
import Synchronization
import Testing
import TestSupport

/// `momentum join --expert` with no key given asks for it on the terminal, without echo, so
/// the key shows neither in `ps` nor on the screen; without a terminal it says where to put it.
@Suite("The moderator key prompt", .serialized)
struct ModeratorKeyPromptTests {
    @Test func theKeyIsAskedWithoutEchoAndMakesAnExpert() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let chloe = TestClient(url: server.url, name: "Chloé")
        chloe.start(code: room.code)
        defer { Task { await chloe.stop() } }
        let folder = NSTemporaryDirectory() + "momentum-prompt-\(UUID().uuidString)"
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start(
            "exec env LANG=C.UTF-8 MOMENTUM_MODERATOR_KEY= XDG_CONFIG_HOME=\(folder)/config XDG_STATE_HOME=\(folder)/state "
                + "\(ServerProcess.binary) join \(server.url) --code \(room.code) --name Sarah --expert --plain --lang fr",
            width: 100, height: 24)
        let screen = { tmux.capture().joined(separator: "\n") }
        #expect(await eventually(within: 15) { screen().contains("Clé de modération (elle ne s'affiche pas) :") }, "\(screen())")
        try tmux.type(room.moderatorKey)
        try tmux.sendKeys("Enter")
        #expect(await eventually(within: 15) {
            chloe.state?.participants.first { $0.name == "Sarah" }?.role == .expert
        }, "Sarah joined as the expert: \(screen())")
        #expect(!screen().contains(room.moderatorKey), "the key was echoed: \(screen())")
        await server.stop()
    }

    @Test func withoutATerminalTheErrorSaysWhereTheKeyGoes() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ServerProcess.binary)
        process.arguments = ["join", "http://127.0.0.1:9", "--code", "ABC234", "--name", "Sarah", "--expert", "--plain", "--lang", "fr"]
        var environment = ProcessInfo.processInfo.environment
        environment["MOMENTUM_MODERATOR_KEY"] = nil
        process.environment = environment
        let output = Pipe()
        process.standardInput = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.runAlone()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(text.contains("--expert demande la clé de modération") && text.contains("--moderator-key-file"), "\(text)")
    }
}
