import Foundation
import Logging
import SessionClient
import SessionModel
import Testing
import TestSupport
@testable import SessionServer

/// Two servers in one process on one PostgreSQL database: what a client moving between
/// servers behind a load balancer relies on.
@Suite("Two servers, one database", .enabled(if: PostgresTestDatabase.available, "needs the cluster that make test starts"))
struct SharedDatabaseTests {
    @Test func aRetryThroughTheOtherServerAppendsNothing() async throws {
        let database = try PostgresTestDatabase.create()
        let a = try await TestServer(databasePath: database)
        let b = try await TestServer(databasePath: database)
        let room = try await a.createRoom()
        let karim = try await b.join(room, "Karim")
        let request = PostMessageRequest(text: "Bonjour", clientId: "retry-1")
        let first = try await a.api.postMessage(karim.credentials, request)
        let retry = try await b.api.postMessage(karim.credentials, request)
        #expect(retry == first)
        let hand = HandRequest(raised: true, clientId: "hand-1")
        _ = try await b.api.setHand(karim.credentials, hand)
        _ = try await a.api.setHand(karim.credentials, hand)
        let state = try await a.api.state(karim.credentials).state
        #expect(state.messages.map(\.text) == ["Bonjour"])
        #expect(state.seq == 3, "join, message, hand: nothing else")
        // The session follows the client: the token works on both, leaving on one ends it on
        // both (on the other as soon as its wake-up arrives), and a write through the other is refused at once.
        _ = try await b.api.leave(karim.credentials)
        await #expect(throws: ClientError.self) { _ = try await a.api.postMessage(karim.credentials, PostMessageRequest(text: "encore", clientId: "after-leave")) }
        #expect(await eventually { (try? await a.api.state(karim.credentials)) == nil })
        #expect(try await a.api.state(try await a.join(room, "Léa").credentials).state.seq == 5, "the refused message appended nothing")
        await a.stop()
        await b.stop()
    }

    @Test func anOfflineExpertTakesTheSeatBackThroughTheOtherServer() async throws {
        let database = try PostgresTestDatabase.create()
        let fast: (inout ServerConfig) -> Void = { $0.awayAfter = 0.05; $0.offlineAfter = 0.1; $0.presenceInterval = 0.1 }
        let a = try await TestServer(databasePath: database, configure: fast)
        let b = try await TestServer(databasePath: database, configure: fast)
        let room = try await a.createRoom()
        let sarah = try await a.join(room, "Sarah", expert: true)
        #expect(await eventually { (try? await a.api.state(sarah.credentials))?.state.participant(sarah.participant.id)?.presence == .offline })
        let again = try await b.join(room, "Sarah", expert: true)
        #expect(again.participant.id == sarah.participant.id)
        #expect(try await a.api.state(again.credentials).participant.id == sarah.participant.id, "the new token works on both servers")
        await a.stop()
        await b.stop()
    }

    @Test func someonePollingOnlyTheOtherServerStaysOnline() async throws {
        let database = try PostgresTestDatabase.create()
        let fast: (inout ServerConfig) -> Void = { $0.awayAfter = 3; $0.offlineAfter = 4; $0.presenceInterval = 0.2 }
        let a = try await TestServer(databasePath: database, configure: fast)
        let b = try await TestServer(databasePath: database, configure: fast)
        let room = try await a.createRoom()
        let sarah = try await a.join(room, "Sarah", expert: true)
        let karim = try await b.join(room, "Karim")
        // Karim keeps a long-poll open on B only; A must not call him away.
        let polling = Task {
            var cursor = karim.cursor
            while !Task.isCancelled {
                guard let answer = try? await b.api.events(karim.credentials, after: cursor, timeout: 1) else { break }
                cursor = answer.cursor
            }
        }
        // Sarah never polls: both servers agree she is gone, which shows the sweeps ran.
        #expect(await eventually(within: 15) { (try? await a.api.state(sarah.credentials).state.participant(sarah.participant.id)?.presence) == .offline })
        let karimOnA = try await a.api.state(sarah.credentials).state.participant(karim.participant.id)
        #expect(karimOnA?.presence == .online)
        let presenceEvents = try await a.api.events(sarah.credentials, after: "c0", timeout: 0).events.filter {
            if case .presence(karim.participant.id, _) = $0.kind { return true }
            return false
        }
        #expect(presenceEvents.isEmpty, "Karim's presence flapped: \(presenceEvents)")
        polling.cancel()
        await a.stop()
        await b.stop()
    }

    @Test(arguments: [StoreUnderTest.Kind.sqlite, .postgres].filter { StoreUnderTest.kinds.contains($0) })
    func aRestartOnARoomOfAHundredThousandEventsReplaysOnlyTheTail(kind: StoreUnderTest.Kind) async throws {
        let subject = try await StoreUnderTest.make(kind)
        let ledger = RoomLedger(store: subject.store, snapshotEvery: 1_000)
        try await ledger.createRoom(sampleRoom())
        // 100,000 events in batches, then a tail of 500 after the last snapshot.
        for size in Array(repeating: 1_000, count: 100) + [500] {
            _ = try await ledger.commit(roomId: "r1", idempotency: nil) { state in
                Decision(events: (1...size).map { lockEvent(state.seq + Int64($0)) }, response: Data())
            }
        }
        let before = try #require(try await ledger.state(roomId: "r1"))
        #expect(before.seq == 100_500)
        await subject.store.close()

        let reopened = try await subject.reopen()
        let snapshot = try #require(try await reopened.latestSnapshot(roomId: "r1"))
        #expect(snapshot.seq == 100_000, "the newest snapshot is at \(snapshot.seq)")
        let start = ContinuousClock.now
        let restarted = RoomLedger(store: reopened)
        try await restarted.loadAll()
        let took = ContinuousClock.now - start
        #expect(try await restarted.state(roomId: "r1") == before)
        // Timing is for make bench; here, the number of events replayed is what matters.
        print("\(kind): a restart on 100,500 events replayed \(before.seq - snapshot.seq) events in \(took)")
        await reopened.close()
    }
}
