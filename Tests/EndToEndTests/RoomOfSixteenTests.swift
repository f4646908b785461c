import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// A real server on loopback and sixteen real clients over libcurl: one expert, fifteen learners.
@Suite("A room of sixteen")
struct RoomOfSixteenTests {
    @Test func everyoneSeesEverythingInTheSameOrder() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let expert = TestClient(url: server.url, name: "Sarah")
        expert.start(code: room.code, moderatorKey: room.moderatorKey)
        #expect(await eventually { expert.me != nil })
        let names = ["Karim", "Chloé", "Dominique", "Florent", "Aïcha", "Mathis", "Léa", "Yanis", "Inès", "Hugo", "Zoé", "Nabil", "Emma", "Théo", "Sofia"]
        let learners = names.map { TestClient(url: server.url, name: $0) }
        for learner in learners { learner.start(code: room.code) }
        let everyone = [expert] + learners
        #expect(await eventually(within: 30) { everyone.allSatisfy { $0.state?.present.count == 16 } }, "not everyone joined")

        // Everyone talks; some raise hands; the expert runs the agenda and gives the floor.
        for (index, learner) in learners.enumerated() {
            await learner.sender.enqueue(.message("Bonjour de \(learner.name) (1)"))
            await learner.sender.enqueue(.message("Bonjour de \(learner.name) (2)"))
            if index % 3 == 0 { await learner.sender.enqueue(.hand(raised: true)) }
        }
        await expert.sender.enqueue(.message("Bienvenue à tous !"))
        let sarah = try #require(expert.credentials)
        _ = try await server.api.moderate(sarah, .agenda, ModerationRequest(itemId: "a1"))
        for learner in learners { await learner.sender.drained() }
        let karim = try #require(learners[0].me)
        _ = try await server.api.moderate(sarah, .floor, ModerationRequest(participantId: karim.id))
        _ = try await server.api.moderate(sarah, .agenda, ModerationRequest(itemId: "a2"))

        // A learner's moderation attempt is refused and changes nothing.
        let chloe = try #require(learners[1].credentials)
        let headBefore = try await server.api.state(sarah).state.seq
        await #expect(throws: ClientError.self) {
            _ = try await server.api.moderate(chloe, .lock, ModerationRequest(locked: true))
        }
        #expect(try await server.api.state(sarah).state.seq == headBefore)

        let truth = try await server.api.state(sarah)
        #expect(await eventually(within: 30) { everyone.allSatisfy { $0.state?.seq == truth.state.seq } }, "not everyone caught up")

        // Every client folded the same events into the same state.
        for client in everyone {
            var mine = try #require(client.state)
            var theirs = truth.state
            // Presence is the only thing that may differ in flight; compare what people did.
            for i in mine.participants.indices { mine.participants[i].presence = .online }
            for i in theirs.participants.indices { theirs.participants[i].presence = .online }
            #expect(mine == theirs, "\(client.name)")
            #expect(client.record.events.map(\.seq) == Array((client.record.joined!.state.seq + 1)...truth.state.seq), "\(client.name) has a gap or a repeat")
        }
        let messages = truth.state.messages.map(\.text)
        #expect(messages.count == 31)
        #expect(Set(messages).count == 31)
        #expect(truth.state.floor == karim.id)
        #expect(truth.state.currentItemId == "a2")
        #expect(truth.state.hands.count == 4, "five raised hands, one given the floor")

        // The events after the last join are identical, in the same order, for everyone.
        let lastJoin = everyone.map { $0.record.joined!.state.seq }.max()!
        let reference = expert.record.events.filter { $0.seq > lastJoin }.map(\.seq)
        for client in everyone {
            #expect(client.record.events.filter { $0.seq > lastJoin }.map(\.seq) == reference)
        }
        for client in everyone { await client.stop() }
        await server.stop()
    }
}
