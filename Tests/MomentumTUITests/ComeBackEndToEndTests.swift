import Foundation
import Glibc
import SessionClient
import SessionModel
import Testing
import TestSupport

/// The real `momentum join` in tmux: killed with SIGKILL and started again, the learner is
/// themselves again (name, hand place, no "(2)"); after a clean quit, the name comes back too.
@Suite("Coming back as oneself, in tmux", .serialized)
struct ComeBackEndToEndTests {
    let binary = ServerProcess.binary

    func screen(_ tmux: Tmux) -> String { tmux.capture().joined(separator: "\n") }

    @Test func aKilledClientComesBackAsItselfAndACleanQuitKeepsTheName() async throws {
        let server = try await ServerProcess(database: TestServer.temporaryDatabase(), workshop: try temporaryWorkshopFile())
        defer { server.terminate() }
        let code = try #require(server.code)
        let folder = NSTemporaryDirectory() + "momentum-comeback-\(UUID().uuidString)"
        // The same state folder each time: the same machine.
        let command = "exec env LANG=C.UTF-8 XDG_CONFIG_HOME=\(folder)/config XDG_STATE_HOME=\(folder)/state \(binary) join \(server.url) --code \(code) --name Leo --lang fr"
        let chloe = TestClient(url: server.url, name: "Chloé")
        chloe.start(code: code)
        defer { Task { await chloe.stop() } }
        #expect(await eventually { chloe.credentials != nil })
        await chloe.sender.enqueue(.hand(raised: true))
        // Chloé's hand is first in the queue before Leo raises his: Leo is second.
        #expect(await eventually { chloe.state?.hands.count == 1 })

        let first = Tmux(), leo = Tmux(), again = Tmux()
        defer {
            first.kill()
            leo.kill()
            again.kill()
        }
        try first.start(command, width: 80, height: 24)
        #expect(await eventually(within: 20) { screen(first).contains("● en ligne") }, "\(screen(first))")
        try first.sendKeys("F2")
        try first.type("avant le crash")
        try first.sendKeys("Enter")
        #expect(await eventually { chloe.state?.messages.contains { $0.text == "avant le crash" } == true })
        #expect(await eventually { screen(first).contains("✋2 Leo") }, "\(screen(first))")

        // SIGKILL: the seat stays on disk and is taken back by the next run.
        let pid = try #require(Int32(first.display("#{pane_pid}")))
        kill(pid, SIGKILL)
        first.kill()
        try leo.start(command, width: 80, height: 24)
        #expect(await eventually(within: 20) { screen(leo).contains("● en ligne") && screen(leo).contains("✋2 Leo") }, "\(screen(leo))")
        #expect(!screen(leo).contains("Leo (2)"))
        #expect(chloe.state?.present.filter { $0.name.hasPrefix("Leo") }.count == 1)

        // A clean quit gives the seat up; joining again is "Leo" again, not "Leo (2)".
        try leo.sendKeys("F10")
        #expect(await eventually { screen(leo).contains("Quitter la salle ?") }, "\(screen(leo))")
        try leo.sendKeys("Enter")
        #expect(await eventually(within: 10) { chloe.state?.participants.contains { $0.name == "Leo" && $0.membership == .left } == true })
        leo.kill()
        try again.start(command, width: 80, height: 24)
        #expect(await eventually(within: 20) { screen(again).contains("● en ligne") && screen(again).contains("Leo (toi)") }, "\(screen(again))")
        #expect(!screen(again).contains("Leo (2)"))
        #expect(await eventually { chloe.state?.present.contains { $0.name == "Leo" } == true })
        // The earlier seat's message says so.
        #expect(await eventually { screen(again).contains("Leo (avant) avant le crash") }, "\(screen(again))")
    }
}
