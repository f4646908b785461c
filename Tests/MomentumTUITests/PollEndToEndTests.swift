import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// The real `momentum join` in tmux at 80x24: a learner answers the expert's poll with one key.
@Suite("A poll in tmux against a real server", .serialized)
struct PollEndToEndTests {
    func screen(_ tmux: Tmux) -> String { tmux.capture().joined(separator: "\n") }

    @Test func aLearnerAnswersAPollWithOneKeyAt80x24() async throws {
        let server = try await ServerProcess(database: TestServer.temporaryDatabase(), workshop: try temporaryWorkshopFile())
        defer { server.terminate() }
        let code = try #require(server.code), key = try #require(server.moderatorKey)
        let learner = Tmux()
        defer { learner.kill() }
        try learner.start(
            "env LANG=C.UTF-8 XDG_CONFIG_HOME=\(NSTemporaryDirectory())momentum-config-\(UUID().uuidString) XDG_STATE_HOME=\(NSTemporaryDirectory())momentum-state-\(UUID().uuidString) \(ServerProcess.binary) join \(server.url) --code \(code) --name Karim --lang fr",
            width: 80, height: 24)
        let sarah = TestClient(url: server.url, name: "Sarah")
        sarah.start(code: code, moderatorKey: key)
        defer { Task { await sarah.stop() } }
        #expect(await eventually(within: 20) { screen(learner).contains("Sarah (expert·e)") && sarah.state?.present.count == 2 }, "\(screen(learner))")

        await sarah.sender.enqueue(.engage(.openPoll(question: "Qui a déjà codé ?", options: ["oui", "non", "un peu"], anonymous: true)))
        #expect(await eventually(within: 15) { screen(learner).contains("[3] un peu") }, "\(screen(learner))")
        #expect(learner.capture().count == 24)

        // One key, the input empty: the vote goes out, the learner sees their choice, the expert the count.
        try learner.sendKeys("3")
        #expect(await eventually(within: 15) { screen(learner).contains("un peu ✓") }, "\(screen(learner))")
        // The expert's own client may hear of the poll after the learner's.
        #expect(await eventually(within: 15) { sarah.state?.openPoll != nil })
        let pollId = try #require(sarah.state?.openPoll?.id)
        #expect(await eventually(within: 15) { sarah.state?.poll(pollId)?.counts == [0, 0, 1] })
        #expect(!screen(learner).contains("> 3"), "the digit voted; it was not typed")
        // Changeable until closed.
        try learner.sendKeys("1")
        #expect(await eventually(within: 15) { sarah.state?.poll(pollId)?.counts == [1, 0, 0] })
    }
}
