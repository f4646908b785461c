import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// Fifteen learners vote in one poll and signal their pace through their outboxes, over
/// real long-polls, while the expert watches the counts converge.
@Suite("An engaged room of sixteen")
struct EngagedRoomTests {
    @Test func fifteenLearnersVoteAndSignalWhileTheExpertSeesTheCounts() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let expert = TestClient(url: server.url, name: "Sarah")
        expert.start(code: room.code, moderatorKey: room.moderatorKey)
        #expect(await eventually { expert.me != nil })
        let names = ["Karim", "Chloé", "Dominique", "Florent", "Aïcha", "Mathis", "Léa", "Yanis", "Inès", "Hugo", "Zoé", "Nabil", "Emma", "Théo", "Sofia"]
        let learners = names.map { TestClient(url: server.url, name: $0) }
        for learner in learners { learner.start(code: room.code) }
        #expect(await eventually(within: 30) { ([expert] + learners).allSatisfy { $0.state?.present.count == 16 } }, "not everyone joined")

        await expert.sender.enqueue(.engage(.openPoll(question: "Qui a déjà codé ?", options: ["oui", "non", "un peu"], anonymous: true)))
        #expect(await eventually(within: 30) { ([expert] + learners).allSatisfy { $0.state?.openPoll != nil } }, "not everyone sees the poll")
        let pollId = try #require(expert.state?.openPoll?.id)

        // Everyone votes (a third change their mind) and signals; five are lost.
        for (index, learner) in learners.enumerated() {
            await learner.sender.enqueue(.engage(.vote(pollId: pollId, option: index % 2)))
            if index % 3 == 0 { await learner.sender.enqueue(.engage(.vote(pollId: pollId, option: 2))) }
            await learner.sender.enqueue(.engage(.signal(index < 5 ? .lost : .ok)))
        }
        // Expected: indexes 0,3,6,9,12 vote 2; of the rest, even indexes 0 and odd 1.
        let expected = [5, 5, 5]
        #expect(await eventually(within: 30) { expert.state?.poll(pollId)?.counts == expected }, "the expert's counts did not converge: \(String(describing: expert.state?.poll(pollId)?.counts))")
        #expect(await eventually(within: 30) { expert.state?.signalCounts == [.lost: 5, .ok: 10] })
        #expect(expert.state?.poll(pollId)?.votes == [:], "an anonymous poll names nobody, even to the expert")

        // Learners see their own choice only, and the counts once revealed.
        for (index, learner) in learners.enumerated() {
            let mine = try #require(learner.state?.poll(pollId))
            #expect(mine.counts == nil)
            #expect(mine.votes == [learner.me!.id: index % 3 == 0 ? 2 : index % 2])
        }
        await expert.sender.enqueue(.engage(.revealPoll(pollId: pollId)))
        #expect(await eventually(within: 30) { learners.allSatisfy { $0.state?.poll(pollId)?.counts == expected } })

        // Every client's fold agrees with what the server shows it.
        for client in [expert] + learners {
            let truth = try await server.api.state(try #require(client.credentials)).state
            #expect(await eventually(within: 30) { client.state?.seq == truth.seq })
            var mine = try #require(client.state)
            var theirs = truth
            for i in mine.participants.indices { mine.participants[i].presence = .online }
            for i in theirs.participants.indices { theirs.participants[i].presence = .online }
            #expect(mine == theirs, "\(client.name)")
        }
        for client in [expert] + learners { await client.stop() }
        await server.stop()
    }
}
