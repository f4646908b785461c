import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// The real `momentum join` in tmux at 80x24: a French learner asks privately with Alt-Q;
/// another learner's screen never shows it; the English expert answers from the Questions view.
@Suite("Private questions in tmux", .serialized)
struct QuestionsEndToEndTests {
    func screen(_ tmux: Tmux) -> String { tmux.capture().joined(separator: "\n") }

    func join(_ url: String, _ code: String, _ arguments: String, lang: String) -> String {
        let folder = NSTemporaryDirectory() + "momentum-machine-\(UUID().uuidString)"
        return "exec env LANG=C.UTF-8 XDG_CONFIG_HOME=\(folder)/config XDG_STATE_HOME=\(folder)/state \(ServerProcess.binary) join \(url) --code \(code) \(arguments) --lang \(lang)"
    }

    @Test func aLearnerAsksPrivatelyAndTheExpertAnswersFromTheView() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let karim = Tmux(), chloe = Tmux(), sarah = Tmux()
        defer {
            karim.kill()
            chloe.kill()
            sarah.kill()
        }
        try sarah.start(join(server.url, room.code, "--name Sarah --moderator-key \(room.moderatorKey)", lang: "en"), width: 80, height: 24)
        try karim.start(join(server.url, room.code, "--name Karim", lang: "fr"), width: 80, height: 24)
        try chloe.start(join(server.url, room.code, "--name Chloé", lang: "fr"), width: 80, height: 24)
        for tmux in [karim, chloe] {
            #expect(await eventually(within: 20) { screen(tmux).contains("Sarah (expert·e)") }, "\(screen(tmux))")
        }
        #expect(await eventually(within: 20) { screen(sarah).contains("Chloé") && screen(sarah).contains("Karim") }, "\(screen(sarah))")

        // Alt-Q, the question, Enter: it goes to the experts only.
        try karim.sendKeys("M-q")
        #expect(await eventually { screen(karim).contains("Question privée aux expert·e·s") }, "\(screen(karim))")
        try karim.type("Le DOM, c'est quoi ?")
        try karim.sendKeys("Enter")
        #expect(await eventually(within: 15) { screen(karim).contains("Ta question aux expert·e·s : Le DOM") }, "\(screen(karim))")
        #expect(await eventually(within: 15) { screen(sarah).contains("Karim asks (privately): Le DOM") }, "\(screen(sarah))")
        #expect(screen(sarah).contains("❓1"), "counted in the expert's header")

        // The expert: Tab to the Questions view, Enter, the answer, Enter.
        // Chat, then Agenda, People, Questions: three Tabs at 80 columns.
        try sarah.sendKeys("Tab", "Tab", "Tab")
        #expect(await eventually { screen(sarah).contains("Enter answer") }, "\(screen(sarah))")
        #expect(screen(sarah).contains("❓1 Karim: Le DOM"), "\(screen(sarah))")
        try sarah.sendKeys("Enter")
        #expect(await eventually { screen(sarah).contains("Private answer to Karim") }, "\(screen(sarah))")
        try sarah.type("The tree of the page")
        try sarah.sendKeys("Enter")
        #expect(await eventually(within: 15) { screen(karim).contains("Sarah répond à Karim (en privé)") }, "\(screen(karim))")
        #expect(await eventually(within: 15) { screen(sarah).contains("→ Sarah: The tree of the") }, "\(screen(sarah))")
        #expect(sarah.capture().count == 24 && karim.capture().count == 24)

        // Chloé's screen, even in her own Questions view, never showed the question or the answer.
        try chloe.sendKeys("Tab", "Tab", "Tab")
        #expect(await eventually { screen(chloe).contains("Entrée ou Alt-Q") }, "\(screen(chloe))")
        #expect(!screen(chloe).contains("DOM") && !screen(chloe).contains("tree"), "\(screen(chloe))")
        await server.stop()
    }
}
