import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// The real `momentum join` in tmux at 80x24: the expert types `/minuteur`, every learner's
/// header counts down and the chat says when time is up; the expert closes the last day and
/// the learners' chat is read-only, said in each learner's language.
@Suite("The timer and the end of the workshop in tmux", .serialized)
struct WorkshopRhythmEndToEndTests {
    func screen(_ tmux: Tmux) -> String { tmux.capture().joined(separator: "\n") }

    func join(_ tmux: Tmux, _ server: ServerProcess, _ arguments: String) throws {
        let folder = NSTemporaryDirectory() + "momentum-\(UUID().uuidString)"
        try tmux.start(
            "env LANG=C.UTF-8 XDG_CONFIG_HOME=\(folder)-config XDG_STATE_HOME=\(folder)-state \(ServerProcess.binary) join \(server.url) --code \(server.code ?? "") \(arguments)",
            width: 80, height: 24)
    }

    @Test func theExpertsTimerReachesEveryHeaderThenTheWorkshopEnds() async throws {
        let server = try await ServerProcess(database: TestServer.temporaryDatabase(), workshop: try temporaryWorkshopFile())
        defer { server.terminate() }
        let key = try #require(server.moderatorKey)
        let expert = Tmux(), karim = Tmux(), chloe = Tmux()
        defer { expert.kill(); karim.kill(); chloe.kill() }
        try join(expert, server, "--name Sarah --moderator-key \(key) --lang fr")
        try join(karim, server, "--name Karim --lang fr")
        try join(chloe, server, "--name Chloe --lang en")
        #expect(await eventually(within: 30) { screen(expert).contains("Chloe") && screen(expert).contains("Karim") }, "\(screen(expert))")

        try expert.type("/suivant")
        try expert.sendKeys("Enter")
        #expect(await eventually(within: 15) { karim.capture().first?.contains("▶ 09:00 Accueil") == true }, "\(screen(karim))")
        try expert.type("/minuteur 8s")
        try expert.sendKeys("Enter")
        // The learner's header counts down to the second, next to the day and the item's time left.
        #expect(await eventually(within: 15) { karim.capture().first?.contains("⏱ 00:0") == true }, "\(screen(karim))")
        let header = karim.capture().first ?? ""
        #expect(header.contains("jour 1/1") && header.contains("reste"), "\(header)")
        #expect(await eventually(within: 15) { screen(chloe).contains("⏱ Sarah starts the timer: 00:08") }, "\(screen(chloe))")
        #expect(await eventually(within: 30) { screen(karim).contains("⏰ Temps écoulé !") && screen(chloe).contains("⏰ Time is up!") },
                "\(screen(karim))\n\(screen(chloe))")
        #expect(await eventually(within: 5) { karim.capture().first?.contains("⏱") == false }, "the header drops the timer once it ended")

        // The only day closes: the workshop is over (asked twice, since it is the last day).
        try expert.type("/fin-journee")
        try expert.sendKeys("Enter")
        #expect(await eventually(within: 10) { screen(expert).contains("Clore le dernier jour termine l'atelier : /fin-journee encore pour confirmer.") }, "\(screen(expert))")
        try expert.type("/fin-journee")
        try expert.sendKeys("Enter")
        #expect(await eventually(within: 15) { karim.capture().first?.contains("atelier terminé") == true }, "\(screen(karim))")
        #expect(await eventually(within: 15) { screen(chloe).contains("🏁 The workshop is over") }, "\(screen(chloe))")
        try karim.type("Merci pour tout")
        try karim.sendKeys("Enter")
        #expect(await eventually(within: 10) { screen(karim).contains("L'atelier est terminé : la discussion est en lecture seule.") }, "\(screen(karim))")
        try chloe.type("Thanks")
        try chloe.sendKeys("Enter")
        #expect(await eventually(within: 10) { screen(chloe).contains("The workshop is over: the chat is read-only.") }, "\(screen(chloe))")
        // The expert can still write, and the learners read it.
        try expert.type("Merci à toutes et à tous")
        try expert.sendKeys("Enter")
        #expect(await eventually(within: 15) { screen(karim).contains("Merci à toutes et à tous") }, "\(screen(karim))")
        #expect(!screen(expert).contains("Merci pour tout"), "the learner's message was not sent")
    }
}
