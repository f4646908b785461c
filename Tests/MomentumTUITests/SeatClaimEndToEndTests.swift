import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// The real `momentum join` in tmux, on "another machine" (an empty state folder), with the
/// name of an offline learner: the expert, in tmux too, answers with one key.
@Suite("Seat claims, in tmux", .serialized)
struct SeatClaimEndToEndTests {
    let binary = ServerProcess.binary

    func screen(_ tmux: Tmux) -> String { tmux.capture().joined(separator: "\n") }

    /// A fresh machine: its own, empty, config and state folders.
    func machine(_ url: String, _ code: String, _ arguments: String) -> String {
        let folder = NSTemporaryDirectory() + "momentum-machine-\(UUID().uuidString)"
        return "exec env LANG=C.UTF-8 XDG_CONFIG_HOME=\(folder)/config XDG_STATE_HOME=\(folder)/state \(binary) join \(url) --code \(code) \(arguments) --lang fr"
    }

    /// A server whose learners go offline within seconds; Chloé follows the room (and keeps
    /// her hand first); the expert Sarah is in tmux; `name` joined over the API, raised a hand
    /// second, wrote a message and went silent: offline.
    func room(offline name: String) async throws -> (TestServer, CreateRoomResponse, TestClient, Tmux, JoinResponse) {
        let server = try await TestServer { $0.awayAfter = 1; $0.offlineAfter = 2; $0.presenceInterval = 0.2 }
        let room = try await server.createRoom()
        let chloe = TestClient(url: server.url, name: "Chloé")
        chloe.start(code: room.code)
        #expect(await eventually { chloe.credentials != nil })
        await chloe.sender.enqueue(.hand(raised: true))
        #expect(await eventually { chloe.state?.hands.count == 1 })
        let sarah = Tmux()
        try sarah.start(machine(server.url, room.code, "--name Sarah --moderator-key \(room.moderatorKey)"), width: 80, height: 24)
        #expect(await eventually(within: 20) { screen(sarah).contains("● en ligne") }, "\(screen(sarah))")
        let learner = try await server.join(room, name)
        _ = try await server.api.setHand(learner.credentials, HandRequest(raised: true, clientId: "h"))
        _ = try await server.api.postMessage(learner.credentials, PostMessageRequest(text: "avant la panne", clientId: "m"))
        #expect(await eventually { chloe.state?.participant(learner.participant.id)?.presence == .offline })
        return (server, room, chloe, sarah, learner)
    }

    @Test func theExpertGivesTheSeatBackInOneKey() async throws {
        let (server, room, chloe, sarah, karim) = try await room(offline: "Karim")
        let newcomer = Tmux()
        defer {
            newcomer.kill()
            sarah.kill()
        }
        try newcomer.start(machine(server.url, room.code, "--name Karim"), width: 80, height: 24)
        #expect(await eventually(within: 20) { screen(newcomer).contains("En attente de la réponse de l'expert·e") }, "\(screen(newcomer))")
        #expect(await eventually { screen(sarah).contains("Karim revient d'un autre ordinateur ? Alt-O rendre sa place") }, "\(screen(sarah))")
        try sarah.sendKeys("M-o")
        #expect(await eventually(within: 20) { screen(newcomer).contains("● en ligne") && screen(newcomer).contains("Karim (toi)") }, "\(screen(newcomer))")
        let seen = screen(newcomer)
        #expect(seen.contains("✋2 Karim"), "same place in the queue: \(seen)")
        #expect(seen.contains("Karim avant la panne"), "history kept: \(seen)")
        #expect(seen.contains("L'expert·e t'a rendu ta place"))
        #expect(!seen.contains("Karim (2)"))
        // The same participant, online again, and nobody else named Karim.
        #expect(await eventually { chloe.state?.participant(karim.participant.id)?.presence == .online })
        #expect(chloe.state?.present.filter { $0.name.hasPrefix("Karim") }.map(\.id) == [karim.participant.id])
        #expect(await eventually { screen(sarah).contains("Sarah rend sa place à Karim") }, "\(screen(sarah))")
        await chloe.stop()
        await server.stop()
    }

    @Test func aRefusalGivesTheNewcomerASuffixedName() async throws {
        let (server, room, chloe, sarah, lea) = try await room(offline: "Léa")
        let newcomer = Tmux()
        defer {
            newcomer.kill()
            sarah.kill()
        }
        try newcomer.start(machine(server.url, room.code, "--name Léa"), width: 80, height: 24)
        #expect(await eventually { screen(sarah).contains("Léa revient d'un autre ordinateur ?") }, "\(screen(sarah))")
        try sarah.sendKeys("M-r")
        #expect(await eventually(within: 20) { screen(newcomer).contains("Léa (2) (toi)") }, "\(screen(newcomer))")
        #expect(screen(newcomer).contains("tu es « Léa (2) »"), "\(screen(newcomer))")
        #expect(await eventually { chloe.state?.present.map(\.name).sorted() == ["Chloé", "Léa", "Léa (2)", "Sarah"] })
        #expect(chloe.state?.participant(lea.participant.id)?.presence == .offline, "the seat stays Léa's")
        await chloe.stop()
        await server.stop()
    }
}
