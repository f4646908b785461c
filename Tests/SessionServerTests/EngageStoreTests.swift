import Foundation
import SessionModel
import Testing
import TestSupport
@testable import SessionServer

/// Questions, polls, signals and reactions survive a restart on every store, from the
/// events and from a snapshot that holds them.
@Suite("Store conformance: engaging the room")
struct EngageStoreTests {
    @Test(arguments: StoreUnderTest.kinds)
    func engagementSurvivesARestartThroughEventsAndSnapshots(kind: StoreUnderTest.Kind) async throws {
        let subject = try await StoreUnderTest.make(kind)
        let ledger = RoomLedger(store: subject.store, snapshotEvery: 4)
        try await ledger.createRoom(sampleRoom())
        var poll = Poll(id: "v1", question: "Qui a déjà codé ?", options: ["oui", "non"], anonymous: true, openedBy: "p0", openedAt: at, counts: [0, 0])
        var vote = poll
        vote.votes = ["p1": 1]
        vote.counts = [0, 1]
        poll.revealed = true
        let kinds: [RoomEvent.Kind] = [
            .joined(Participant(id: "p0", name: "Sarah", role: .expert, joinedAt: at)),
            .joined(Participant(id: "p1", name: "Karim", role: .learner, joinedAt: at)),
            .questionAsked(Question(id: "q1", askerId: "p1", text: "Une question privée", anonymous: true, askedAt: at)),
            .pollOpened(poll), .pollVoted(vote),
            .signal(participantId: "p1", signal: .lost),
            messageEvent(7, "Bonjour").kind,
            .reaction(ReactionChange(messageId: "m7", emoji: .clap, on: true, participantId: "p0")),
            .signal(participantId: "p1", signal: .ok),
        ]
        for kind in kinds {
            _ = try await ledger.commit(roomId: "r1", idempotency: nil) { state in
                Decision(events: [RoomEvent(seq: state.seq + 1, at: at, actor: "p1", kind: kind)], response: Data())
            }
        }
        let before = try #require(try await ledger.state(roomId: "r1"))
        #expect(before.questions.count == 1 && before.poll("v1")?.votes == ["p1": 1] && before.reactions["m7"] != nil)
        #expect(try await subject.store.latestSnapshot(roomId: "r1")?.seq == 8)
        await subject.store.close()

        let reopened = try await subject.reopen()
        let restarted = RoomLedger(store: reopened, snapshotEvery: 4)
        try await restarted.loadAll()
        #expect(try await restarted.state(roomId: "r1") == before)
        await reopened.close()
    }
}
