import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport
@testable import SessionServer

/// Disk use is bounded: a quota of stored events per room, and retention of idle rooms.
@Suite("Room quota and retention")
struct RoomQuotaTests {
    @Test(arguments: StoreUnderTest.kinds)
    func storedBytesAreCountedAndSurviveARestart(kind: StoreUnderTest.Kind) async throws {
        let subject = try await StoreUnderTest.make(kind)
        let ledger = RoomLedger(store: subject.store, snapshotEvery: 10)
        try await ledger.createRoom(sampleRoom())
        #expect(ledger.usage(roomId: "r1")?.bytes == 0)
        let text = String(repeating: "é", count: 500)
        for n in 1...15 {
            _ = try await ledger.commit(roomId: "r1", idempotency: nil) { state in
                Decision(events: [messageEvent(state.seq + 1, text + "\(n)")], response: Data())
            }
        }
        let counted = try #require(ledger.usage(roomId: "r1"))
        // The ledger's running count is what the store holds, byte for byte.
        #expect(counted.bytes == (try await subject.store.storedBytes(roomId: "r1")))
        #expect(counted.bytes > 15 * 1_000)
        #expect(counted.lastEventAt == at)
        await subject.store.close()
        let reopened = try await subject.reopen()
        let restarted = RoomLedger(store: reopened, snapshotEvery: 10)
        try await restarted.loadAll()
        #expect(restarted.usage(roomId: "r1") == counted)
        await reopened.close()
    }

    @Test(arguments: StoreUnderTest.kinds)
    func retentionDeletesRoomsIdleSinceTheCutoffWithEverythingStoredForThem(kind: StoreUnderTest.Kind) async throws {
        let subject = try await StoreUnderTest.make(kind)
        let ledger = RoomLedger(store: subject.store)
        try await ledger.createRoom(sampleRoom("r_old", code: "OLDOLD"))
        try await ledger.createRoom(sampleRoom("r_new", code: "NEWNEW"))
        let karim = Participant(id: "p1", name: "Karim", role: .learner, joinedAt: at)
        let later = at.addingTimeInterval(40 * 86_400)
        for (roomId, time) in [("r_old", at), ("r_new", later)] {
            _ = try await ledger.commit(roomId: roomId, idempotency: nil) { _ in
                Decision(events: [RoomEvent(seq: 1, at: time, actor: "p1", kind: .joined(karim))],
                         grant: TokenGrant(tokenHash: Secrets.hash("t-" + roomId), participantId: "p1"), response: Data())
            }
            _ = try await ledger.commit(roomId: roomId, idempotency: IdempotencyKey(participantId: "p1", key: "message:c1")) { state in
                Decision(events: [RoomEvent(seq: 2, at: time, actor: "p1", kind: .message(ChatMessage(id: "m-" + roomId, seq: 2, authorId: "p1", text: "Bonjour", at: time)))],
                         response: Data("answer".utf8))
            }
        }
        // Thirty days before `later`: the old room has been silent longer, the new one not.
        let pruned = try await ledger.prune(idleBefore: later.addingTimeInterval(-30 * 86_400))
        #expect(pruned.rooms == 1)
        #expect(pruned.events == 2)
        #expect(try await ledger.room(id: "r_old") == nil)
        #expect(try await ledger.room(code: "OLDOLD") == nil)
        #expect(try await ledger.credential(token: "t-r_old") == nil)
        let store = subject.store
        #expect(try await store.room(id: "r_old") == nil)
        #expect(try await store.events(roomId: "r_old", after: 0, limit: 10).isEmpty)
        #expect(try await store.messages(roomId: "r_old", before: .max, limit: 10).messages.isEmpty)
        #expect(try await store.response(roomId: "r_old", key: IdempotencyKey(participantId: "p1", key: "message:c1")) == nil)
        #expect(try await store.storedBytes(roomId: "r_old") == 0)
        // The other room is untouched.
        #expect(try await store.messages(roomId: "r_new", before: .max, limit: 10).messages.map(\.text) == ["Bonjour"])
        #expect(try await ledger.credential(token: "t-r_new") == Credential(roomId: "r_new", participantId: "p1"))
        #expect(try await ledger.prune(idleBefore: later.addingTimeInterval(-30 * 86_400)).rooms == 0)
        await store.close()
        // A restart does not bring it back.
        let reopened = try await subject.reopen()
        let restarted = RoomLedger(store: reopened)
        try await restarted.loadAll()
        #expect(restarted.roomIds() == ["r_new"])
        await reopened.close()
    }

    @Test func aRoomPastItsQuotaRefusesNewMessagesWith507AndMetricsSayWhy() async throws {
        let server = try await TestServer { $0.roomQuotaBytes = 40_000 }
        let room = try await server.createRoom()
        let karim = try await server.join(room, "Karim")
        let text = String(repeating: "🚀", count: 900)
        var kept = 0
        var refusal: HTTPResponse?
        for n in 0..<40 {
            let body = String(decoding: try WireCoding.encoder().encode(PostMessageRequest(text: text, clientId: "c\(n)")), as: UTF8.self)
            let answer = try await server.raw("POST", "/v1/rooms/\(room.roomId)/messages", token: karim.token, body: body)
            if answer.status == 201 { kept += 1 } else { refusal = answer; break }
        }
        #expect((8...11).contains(kept), "\(kept) messages of about 3.8 KB fit in 40,000 bytes")
        #expect(refusal?.status == 507)
        #expect(refusal?.apiError?.error == "room_storage_full")
        // The refusal appended nothing; a retry of a message kept before still gets its answer.
        let state = try await server.api.state(karim.credentials).state
        #expect(state.messages.count == kept)
        let retry = try await server.api.postMessage(karim.credentials, PostMessageRequest(text: text, clientId: "c0"))
        #expect(retry.message.seq == state.messages.first?.seq)
        // The client takes it as a refusal to say, not a failure to retry.
        do {
            _ = try await server.api.postMessage(karim.credentials, PostMessageRequest(text: "encore", clientId: "c-late"))
            Issue.record("a message past the quota was kept")
        } catch {
            #expect(error.code == "room_storage_full")
            #expect(!error.isTransient)
        }
        // Hands and the rest still work: only what fills the disk is refused.
        _ = try await server.api.setHand(karim.credentials, HandRequest(raised: true, clientId: "h1"))
        let metrics = String(decoding: try await server.raw("GET", "/metrics").body, as: UTF8.self)
        #expect(metrics.contains("momentum_messages_over_quota_total 2"))
        #expect(metrics.contains("momentum_stored_bytes"))
        await server.stop()
    }
}
