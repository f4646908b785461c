import Foundation
import Logging
import SessionModel
import Synchronization
import Testing
import TestSupport
@testable import SessionServer

/// One store of each kind, and how to open it again as a restarted server would.
struct StoreUnderTest: Sendable, CustomTestStringConvertible {
    enum Kind: String, Sendable, CaseIterable { case memory, sqlite, postgres }
    let kind: Kind
    let store: any RoomStore
    let reopen: @Sendable () async throws -> any RoomStore

    var testDescription: String { kind.rawValue }

    static func make(_ kind: Kind) async throws -> StoreUnderTest {
        switch kind {
        case .memory:
            let store = MemoryRoomStore()
            // Nothing survives a restart in memory: "reopening" keeps the same contents.
            return StoreUnderTest(kind: kind, store: store, reopen: { store })
        case .sqlite:
            let path = TestServer.temporaryDatabase()
            return StoreUnderTest(kind: kind, store: try SQLiteRoomStore(path: path), reopen: { try SQLiteRoomStore(path: path) })
        case .postgres:
            let url = try PostgresTestDatabase.create()
            return StoreUnderTest(kind: kind, store: try await openPostgres(url), reopen: { try await openPostgres(url) })
        }
    }

    static func openPostgres(_ url: String) async throws -> any RoomStore {
        guard case .postgres(let location) = try DatabaseLocation(url) else { throw TestFailure("not a postgres URL: \(url)") }
        var logger = Logger(label: "momentum.test-store")
        logger.logLevel = .warning
        let store = try PostgresRoomStore(url: location, connections: 4, logger: logger)
        try await store.start()
        return store
    }

    /// Every kind this machine can run: PostgreSQL when `make test` started a cluster.
    static var kinds: [Kind] { PostgresTestDatabase.available ? Kind.allCases : [.memory, .sqlite] }
}

let at = WireCoding.wholeMilliseconds(Date(timeIntervalSince1970: 1_790_000_000))

func sampleRoom(_ id: String = "r1", code: String = "ABCDEF") -> StoredRoom {
    StoredRoom(
        info: RoomInfo(id: id, title: "Atelier", createdAt: at),
        agenda: [AgendaItem(id: "a1", title: "Accueil", day: 1, start: "09:00", minutes: 30)],
        code: code, moderatorKeyHash: "key-hash")
}

func lockEvent(_ seq: Int64) -> RoomEvent {
    RoomEvent(seq: seq, at: at, actor: nil, kind: .locked(seq % 2 == 1))
}

func messageEvent(_ seq: Int64, _ text: String, id: String? = nil) -> RoomEvent {
    RoomEvent(seq: seq, at: at, actor: "p1", kind: .message(ChatMessage(id: id ?? "m\(seq)", seq: seq, authorId: "p1", text: text, at: at)))
}

/// The rules every store follows, run against memory, SQLite and PostgreSQL.
@Suite("Store conformance")
struct StoreConformanceTests {
    @Test(arguments: StoreUnderTest.kinds)
    func eventsComeBackInOrderWithoutAGap(kind: StoreUnderTest.Kind) async throws {
        let subject = try await StoreUnderTest.make(kind)
        let store = subject.store
        try await store.createRoom(sampleRoom())
        var seq: Int64 = 0
        for size in [1, 3, 1, 5, 2] {
            let events = (1...size).map { lockEvent(seq + Int64($0)) }
            try await store.append(AppendBatch(roomId: "r1", after: seq, events: events))
            seq += Int64(size)
        }
        #expect(try await store.events(roomId: "r1", after: 0, limit: 100).map(\.seq) == Array(1...12))
        #expect(try await store.events(roomId: "r1", after: 4, limit: 3).map(\.seq) == [5, 6, 7])
        #expect(try await store.events(roomId: "r1", after: 12, limit: 10).isEmpty)
        #expect(try await store.allEvents(roomId: "r1", after: 2, page: 4).map(\.seq) == Array(3...12))
        await store.close()
    }

    @Test(arguments: StoreUnderTest.kinds)
    func aTakenSeqIsAConflictAndAppendsNothing(kind: StoreUnderTest.Kind) async throws {
        let store = try await StoreUnderTest.make(kind).store
        try await store.createRoom(sampleRoom())
        try await store.append(AppendBatch(roomId: "r1", after: 0, events: [lockEvent(1), lockEvent(2)]))
        var late = try AppendBatch(roomId: "r1", after: 1, events: [messageEvent(2, "trop tard")])
        late.grant = TokenGrant(tokenHash: "late-token", participantId: "p9")
        late.request = (IdempotencyKey(participantId: "p9", key: "message:late"), Data("{}".utf8))
        await #expect(throws: StoreError.self) { try await store.append(late) }
        #expect(try await store.events(roomId: "r1", after: 0, limit: 10) == [lockEvent(1), lockEvent(2)])
        #expect(try await store.credential(tokenHash: "late-token") == nil)
        #expect(try await store.response(roomId: "r1", key: IdempotencyKey(participantId: "p9", key: "message:late")) == nil)
        #expect(try await store.messages(roomId: "r1", before: .max, limit: 10).messages.isEmpty)
        // A gap is refused too: the batch must follow the room's last event.
        await #expect(throws: StoreError.self) {
            try await store.append(AppendBatch(roomId: "r1", after: 3, events: [lockEvent(4)]))
        }
        #expect(try await store.events(roomId: "r1", after: 2, limit: 10).isEmpty)
        await store.close()
    }

    /// The row at the ledger's `seq` proves the database is not behind (a file replaced by
    /// an older copy): without it nothing is decided. With it, `make` gets exactly the events
    /// after that `seq`, decoded, and the row itself is never among them.
    @Test(arguments: StoreUnderTest.kinds)
    func aDatabaseBehindTheLedgerIsRefusedAndOnlyTheEventsAfterItAreMissed(kind: StoreUnderTest.Kind) async throws {
        let store = try await StoreUnderTest.make(kind).store
        try await store.createRoom(sampleRoom())
        try await store.append(AppendBatch(roomId: "r1", after: 0, events: [lockEvent(1), messageEvent(2, "Bonjour"), lockEvent(3)]))
        await #expect(throws: StoreError.outOfOrder(roomId: "r1", seq: 5)) {
            try await store.append(roomId: "r1", after: 4) { _ in
                Issue.record("a batch was decided on a database behind the ledger")
                return nil
            }
        }
        let seen = Mutex<[Int64: [RoomEvent]]>([:])
        for after in Int64(0)...3 {
            try await store.append(roomId: "r1", after: after) { missed in
                seen.withLock { $0[after] = missed }
                return nil
            }
        }
        let all = [lockEvent(1), messageEvent(2, "Bonjour"), lockEvent(3)]
        #expect(seen.withLock { $0 } == [0: all, 1: Array(all[1...]), 2: [lockEvent(3)], 3: []])
        await store.close()
    }

    @Test(arguments: StoreUnderTest.kinds)
    func aRecordedRequestIsRefusedTheSecondTime(kind: StoreUnderTest.Kind) async throws {
        let store = try await StoreUnderTest.make(kind).store
        try await store.createRoom(sampleRoom())
        let key = IdempotencyKey(participantId: "p1", key: "message:abc")
        var first = try AppendBatch(roomId: "r1", after: 0, events: [messageEvent(1, "Bonjour")])
        first.request = (key, Data(#"{"seq":1}"#.utf8))
        try await store.append(first)
        var retry = try AppendBatch(roomId: "r1", after: 1, events: [messageEvent(2, "Bonjour")])
        retry.request = (key, Data(#"{"seq":2}"#.utf8))
        await #expect(throws: StoreError.duplicateRequest) { try await store.append(retry) }
        #expect(try await store.response(roomId: "r1", key: key) == Data(#"{"seq":1}"#.utf8))
        #expect(try await store.events(roomId: "r1", after: 0, limit: 10).count == 1)
        // The same clientId from someone else is another request.
        #expect(try await store.response(roomId: "r1", key: IdempotencyKey(participantId: "p2", key: "message:abc")) == nil)
        await store.close()
    }

    /// A retry is looked up in the append's transaction before anything is decided: it gets
    /// its first answer even when the command would now be refused (a rate limit the first
    /// request used up), and from a ledger that never saw the first request (another server).
    @Test(arguments: StoreUnderTest.kinds)
    func aRetryGetsItsFirstAnswerWithoutBeingDecidedAgain(kind: StoreUnderTest.Kind) async throws {
        let store = try await StoreUnderTest.make(kind).store
        let a = RoomLedger(store: store)
        try await a.createRoom(sampleRoom())
        let b = RoomLedger(store: store)
        try await b.loadAll()
        let key = IdempotencyKey(participantId: "p1", key: "message:once")
        let first = try await a.commit(roomId: "r1", idempotency: key) { state in
            Decision(events: [messageEvent(state.seq + 1, "Bonjour")], response: Data("first".utf8))
        }
        #expect(first.response == Data("first".utf8))
        for ledger in [a, b] {
            let retry = try await ledger.commit(roomId: "r1", idempotency: key) { _ in
                Issue.record("a retry was decided again")
                throw APIError.rateLimited(retryAfter: 30)
            }
            guard case .replayed(let response) = retry else {
                Issue.record("the retry was not replayed: \(retry)")
                continue
            }
            #expect(response == Data("first".utf8))
        }
        #expect(try await store.events(roomId: "r1", after: 0, limit: 10).count == 1)
        await store.close()
    }

    @Test(arguments: StoreUnderTest.kinds)
    func tokensAreGrantedAndRevokedWithTheirEvents(kind: StoreUnderTest.Kind) async throws {
        let store = try await StoreUnderTest.make(kind).store
        try await store.createRoom(sampleRoom())
        let karim = Participant(id: "p1", name: "Karim", role: .learner, joinedAt: at)
        var join = try AppendBatch(roomId: "r1", after: 0, events: [RoomEvent(seq: 1, at: at, actor: "p1", kind: .joined(karim))])
        join.grant = TokenGrant(tokenHash: "t1", participantId: "p1")
        try await store.append(join)
        #expect(try await store.credential(tokenHash: "t1") == Credential(roomId: "r1", participantId: "p1"))
        var removal = try AppendBatch(roomId: "r1", after: 1, events: [RoomEvent(seq: 2, at: at, actor: "p0", kind: .removed(participantId: "p1"))])
        removal.revoke = (["p1"], "removed")
        try await store.append(removal)
        #expect(try await store.credential(tokenHash: "t1")?.revoked == "removed")
        #expect(try await store.credential(tokenHash: "nobody") == nil)
        await store.close()
    }

    @Test(arguments: StoreUnderTest.kinds)
    func messagesArePagedAndDeletedMessagesLoseTheirText(kind: StoreUnderTest.Kind) async throws {
        let store = try await StoreUnderTest.make(kind).store
        try await store.createRoom(sampleRoom())
        for seq in Int64(1)...7 {
            try await store.append(AppendBatch(roomId: "r1", after: seq - 1, events: [messageEvent(seq, "message \(seq)")]))
        }
        try await store.append(AppendBatch(roomId: "r1", after: 7, events: [RoomEvent(seq: 8, at: at, actor: "p0", kind: .messageDeleted(messageId: "m3"))]))
        let latest = try await store.messages(roomId: "r1", before: .max, limit: 3)
        #expect(latest.messages.map(\.seq) == [5, 6, 7])
        #expect(latest.hasMore)
        let older = try await store.messages(roomId: "r1", before: 5, limit: 10)
        #expect(older.messages.map(\.seq) == [1, 2, 3, 4])
        #expect(!older.hasMore)
        let deleted = try #require(try await store.message(roomId: "r1", id: "m3"))
        #expect(deleted.deleted && deleted.text.isEmpty)
        #expect(try await store.message(roomId: "r1", id: "m99") == nil)
        await store.close()
    }

    @Test(arguments: StoreUnderTest.kinds)
    func roomsAreUniqueByIdAndCode(kind: StoreUnderTest.Kind) async throws {
        let store = try await StoreUnderTest.make(kind).store
        try await store.createRoom(sampleRoom("r1", code: "ABCDEF"))
        await #expect(throws: StoreError.duplicateRoom) { try await store.createRoom(sampleRoom("r2", code: "ABCDEF")) }
        await #expect(throws: StoreError.duplicateRoom) { try await store.createRoom(sampleRoom("r1", code: "GHJKLM")) }
        #expect(try await store.room(code: "ABCDEF") == sampleRoom())
        #expect(try await store.room(id: "r1") == sampleRoom())
        #expect(try await store.room(code: "GHJKLM") == nil)
        #expect(try await store.rooms() == [sampleRoom()])
        await store.close()
    }

    @Test(arguments: StoreUnderTest.kinds)
    func everythingSurvivesARestartAndTheSnapshotShortensTheReplay(kind: StoreUnderTest.Kind) async throws {
        let subject = try await StoreUnderTest.make(kind)
        let ledger = RoomLedger(store: subject.store, snapshotEvery: 10)
        try await ledger.createRoom(sampleRoom())
        let karim = Participant(id: "p1", name: "Karim", role: .learner, joinedAt: at)
        _ = try await ledger.commit(roomId: "r1", idempotency: nil) { state in
            Decision(events: [RoomEvent(seq: 1, at: at, actor: "p1", kind: .joined(karim))], grant: TokenGrant(tokenHash: Secrets.hash("t1"), participantId: "p1"), response: Data())
        }
        for n in 1...24 {
            _ = try await ledger.commit(roomId: "r1", idempotency: IdempotencyKey(participantId: "p1", key: "message:\(n)")) { state in
                Decision(events: [messageEvent(state.seq + 1, "message \(n)")], response: Data("\(n)".utf8))
            }
        }
        let before = try #require(try await ledger.state(roomId: "r1"))
        #expect(before.seq == 25)
        #expect(try await subject.store.latestSnapshot(roomId: "r1")?.seq == 20)
        await subject.store.close()

        let reopened = try await subject.reopen()
        let restarted = RoomLedger(store: reopened, snapshotEvery: 10)
        try await restarted.loadAll()
        #expect(try await restarted.state(roomId: "r1") == before)
        #expect(try await restarted.credential(token: "t1") == Credential(roomId: "r1", participantId: "p1"))
        #expect(try await restarted.room(code: "ABCDEF") == sampleRoom())
        let replay = try await restarted.commit(roomId: "r1", idempotency: IdempotencyKey(participantId: "p1", key: "message:7")) { _ in
            Issue.record("a known request was decided again")
            return Decision(response: Data())
        }
        #expect(replay.response == Data("7".utf8))
        await reopened.close()
    }

    @Test(arguments: StoreUnderTest.kinds)
    func aRefusedCommandAppendsNothing(kind: StoreUnderTest.Kind) async throws {
        let store = try await StoreUnderTest.make(kind).store
        let ledger = RoomLedger(store: store)
        try await ledger.createRoom(sampleRoom())
        await #expect(throws: APIError.muted) {
            _ = try await ledger.commit(roomId: "r1", idempotency: IdempotencyKey(participantId: "p1", key: "message:x")) { _ in
                throw APIError.muted
            }
        }
        #expect(try await store.events(roomId: "r1", after: 0, limit: 10).isEmpty)
        #expect(try await store.response(roomId: "r1", key: IdempotencyKey(participantId: "p1", key: "message:x")) == nil)
        #expect(try await ledger.state(roomId: "r1")?.seq == 0)
        await store.close()
    }

    @Test(arguments: StoreUnderTest.kinds)
    func sharedTokenBucketsRefuseAfterTheBurst(kind: StoreUnderTest.Kind) async throws {
        let store = try await StoreUnderTest.make(kind).store
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        for _ in 0..<3 { #expect(try await store.takeToken("join:10.0.0.1", burst: 3, refillSeconds: 2, now: now) == nil) }
        #expect(try await store.takeToken("join:10.0.0.1", burst: 3, refillSeconds: 2, now: now) == 2)
        #expect(try await store.takeToken("join:10.0.0.2", burst: 3, refillSeconds: 2, now: now) == nil)
        #expect(try await store.takeToken("join:10.0.0.1", burst: 3, refillSeconds: 2, now: now + 2) == nil)
        await store.close()
    }

    /// A cost of 0 asks whether a token is there without taking it: the wrong-code budget is
    /// looked at by every join and spent by wrong codes only.
    @Test(arguments: StoreUnderTest.kinds)
    func aTokenCanBeAskedForWithoutTakingIt(kind: StoreUnderTest.Kind) async throws {
        let store = try await StoreUnderTest.make(kind).store
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        for _ in 0..<5 { #expect(try await store.takeToken("join-failures", burst: 2, refillSeconds: 4, now: now, cost: 0) == nil) }
        #expect(try await store.takeToken("join-failures", burst: 2, refillSeconds: 4, now: now) == nil)
        #expect(try await store.takeToken("join-failures", burst: 2, refillSeconds: 4, now: now) == nil)
        #expect(try await store.takeToken("join-failures", burst: 2, refillSeconds: 4, now: now, cost: 0) == 4)
        #expect(try await store.takeToken("join-failures", burst: 2, refillSeconds: 4, now: now + 4, cost: 0) == nil)
        await store.close()
    }

    /// A store with the sample room, and two ledgers on it: two servers on one database.
    private func twoServers(_ kind: StoreUnderTest.Kind) async throws -> (any RoomStore, RoomLedger, RoomLedger) {
        let store = try await StoreUnderTest.make(kind).store
        try await store.createRoom(sampleRoom())
        let a = RoomLedger(store: store), b = RoomLedger(store: store)
        try await a.loadAll()
        try await b.loadAll()
        return (store, a, b)
    }

    /// Two ledgers on one store are two servers on one database: each appends at once,
    /// the store refuses the taken seq, the loser reads what it missed and decides again.
    @Test(arguments: StoreUnderTest.kinds)
    func twoLedgersAppendingToOneRoomInterleaveWithoutAGap(kind: StoreUnderTest.Kind) async throws {
        let (store, a, b) = try await twoServers(kind)
        let perLedger = 40
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (name, ledger) in [("a", a), ("b", b)] {
                group.addTask {
                    for n in 1...perLedger {
                        _ = try await ledger.commit(roomId: "r1", idempotency: IdempotencyKey(participantId: "p1", key: "message:\(name)\(n)")) { state in
                            Decision(events: [messageEvent(state.seq + 1, "\(name) \(n)", id: "m-\(name)\(n)")], response: Data())
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let events = try await store.allEvents(roomId: "r1", after: 0)
        #expect(events.map(\.seq) == Array(1...Int64(2 * perLedger)))
        try await a.refresh(roomId: "r1")
        try await b.refresh(roomId: "r1")
        let seenByA = try await a.state(roomId: "r1"), seenByB = try await b.state(roomId: "r1")
        #expect(seenByA == seenByB)
        #expect(seenByA?.messages.count == 2 * perLedger)
        await store.close()
    }

    /// A notification names the last `seq` of its append: the server that has it already
    /// (its own append) skips the re-read; one that does not re-reads the room.
    @Test(arguments: StoreUnderTest.kinds)
    func aNoticeThroughASeqAlreadyFoldedInIsSkipped(kind: StoreUnderTest.Kind) async throws {
        let (store, a, b) = try await twoServers(kind)
        for n in 1...2 {
            _ = try await a.commit(roomId: "r1", idempotency: nil) { state in
                Decision(events: [messageEvent(state.seq + 1, "a \(n)", id: "m-a\(n)")], response: Data())
            }
        }
        // b is behind by two; a notice through 0 (nothing new to b) leaves it where it is.
        try await b.refresh(roomId: "r1", through: 0)
        #expect(try await b.state(roomId: "r1")?.seq == 0)
        try await b.refresh(roomId: "r1", through: 2)
        #expect(try await b.state(roomId: "r1")?.seq == 2)
        try await a.refresh(roomId: "r1", through: 2)
        #expect(try await a.state(roomId: "r1")?.seq == 2)
        await store.close()
    }
}

@Suite("Change notices")
struct ChangeNoticeTests {
    @Test func theRoomAndItsLastSeqGoAndComeBack() {
        let notice = ChangeNotice(roomId: "r_abc123", seq: 4_051)
        #expect(notice.payload == "r_abc123 4051")
        #expect(ChangeNotice(payload: notice.payload) == notice)
        #expect(ChangeNotice(payload: "r_abc123") == ChangeNotice(roomId: "r_abc123", seq: nil), "an earlier server's payload")
        #expect(ChangeNotice(payload: "r_abc123 x") == ChangeNotice(roomId: "r_abc123 x", seq: nil))
        #expect(ChangeNotice(roomId: "r1", seq: nil).payload == "r1")
    }
}
