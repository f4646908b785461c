import Dispatch
import Foundation
import GRDB
import SessionModel
import Synchronization
import Testing
import TestSupport
@testable import SessionServer

/// SQLite commits the appends that wait for its writer together (`GroupCommit`).
@Suite("Group commit")
struct GroupCommitTests {
    /// A store with `rooms` rooms, r0 to r(rooms-1).
    func store(rooms: Int) async throws -> (SQLiteRoomStore, String) {
        let path = TestServer.temporaryDatabase()
        let store = try SQLiteRoomStore(path: path)
        for n in 0..<rooms { try await store.createRoom(sampleRoom("r\(n)", code: "CODE\(n)")) }
        return (store, path)
    }

    /// Holds the writer in an append to r0 until `release`, so that the appends started meanwhile queue.
    final class HeldWriter: Sendable {
        final class Flag: Sendable {
            private let value = Mutex(false)
            func set() { value.withLock { $0 = true } }
            var isSet: Bool { value.withLock { $0 } }
        }

        let gate = DispatchSemaphore(value: 0)
        let entered = Flag()
        let task: Task<Void, any Error>

        init(_ store: SQLiteRoomStore) {
            let gate = self.gate, entered = self.entered
            task = Task {
                try await store.append(roomId: "r0", after: 0) { _ in
                    entered.set()
                    gate.wait()
                    return try AppendBatch(roomId: "r0", after: 0, events: [lockEvent(1)])
                }
            }
        }

        func release() async throws {
            gate.signal()
            try await task.value
        }
    }

    @Test func appendsThatWaitForTheWriterAreOneTransactionAndEachLandsAtItsSeq() async throws {
        let (store, _) = try await store(rooms: 20)
        let held = HeldWriter(store)
        let holding = await eventually { held.entered.isSet }
        let before = store.commits.transactions
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 1..<20 {
                group.addTask {
                    try await store.append(AppendBatch(roomId: "r\(n)", after: 0, events: (1...Int64(n % 3 + 1)).map(lockEvent)))
                }
            }
            let queued = await eventually { store.commits.waiting == 19 }
            try await held.release()
            #expect(holding && queued, "the appends did not queue behind the held writer")
            try await group.waitForAll()
        }
        #expect(store.commits.transactions == before + 2, "the held append, then the nineteen that waited, together")
        #expect(try await store.events(roomId: "r0", after: 0, limit: 10) == [lockEvent(1)])
        for n in 1..<20 {
            #expect(try await store.events(roomId: "r\(n)", after: 0, limit: 10).map(\.seq) == Array(1...Int64(n % 3 + 1)))
        }
        await store.close()
    }

    /// In one group: a refused decision, a duplicate request and a constraint that fails each
    /// roll back their own savepoint only, and answer their own error; the others commit.
    @Test func aFailingAppendRollsBackAloneAndTheRestOfItsGroupCommits() async throws {
        let (store, _) = try await store(rooms: 6)
        let known = IdempotencyKey(participantId: "p1", key: "message:known")
        var recorded = try AppendBatch(roomId: "r3", after: 0, events: [messageEvent(1, "premier")])
        recorded.request = (known, Data("first".utf8))
        try await store.append(recorded)
        var granted = try AppendBatch(roomId: "r4", after: 0, events: [lockEvent(1)])
        granted.grant = TokenGrant(tokenHash: "taken-hash", participantId: "p1")
        try await store.append(granted)

        @Sendable func keep() async throws {
            var batch = try AppendBatch(roomId: "r1", after: 0, events: [messageEvent(1, "gardé")])
            batch.request = (IdempotencyKey(participantId: "p1", key: "message:new"), Data("new".utf8))
            try await store.append(batch)
        }
        @Sendable func retry() async throws {
            var retry = try AppendBatch(roomId: "r3", after: 1, events: [messageEvent(2, "premier")])
            retry.request = (known, Data("second".utf8))
            try await store.append(retry)
        }
        @Sendable func takenToken() async throws {
            // Its event goes in first, then its token hits the primary key: both must go.
            var batch = try AppendBatch(roomId: "r4", after: 1, events: [lockEvent(2)])
            batch.grant = TokenGrant(tokenHash: "taken-hash", participantId: "p2")
            try await store.append(batch)
        }
        let held = HeldWriter(store)
        let holding = await eventually { held.entered.isSet }
        let kept = Task { try await keep() }
        let refused = Task { try await store.append(roomId: "r2", after: 0) { _ in throw APIError.muted } }
        let duplicate = Task { try await retry() }
        let constraint = Task { try await takenToken() }
        let alsoKept = Task { try await store.append(AppendBatch(roomId: "r5", after: 0, events: [lockEvent(1), lockEvent(2)])) }
        let queued = await eventually { store.commits.waiting == 5 }
        let before = store.commits.transactions
        try await held.release()
        #expect(holding && queued, "the appends did not queue behind the held writer")

        try await kept.value
        await #expect(throws: APIError.muted) { try await refused.value }
        await #expect(throws: StoreError.duplicateRequest) { try await duplicate.value }
        await #expect(throws: (any Error).self) { try await constraint.value }
        try await alsoKept.value
        #expect(store.commits.transactions == before + 2)

        #expect(try await store.events(roomId: "r1", after: 0, limit: 10).map(\.seq) == [1])
        #expect(try await store.response(roomId: "r1", key: IdempotencyKey(participantId: "p1", key: "message:new")) == Data("new".utf8))
        #expect(try await store.events(roomId: "r2", after: 0, limit: 10).isEmpty)
        #expect(try await store.events(roomId: "r3", after: 0, limit: 10).map(\.seq) == [1])
        #expect(try await store.response(roomId: "r3", key: known) == Data("first".utf8))
        #expect(try await store.events(roomId: "r4", after: 0, limit: 10).map(\.seq) == [1])
        #expect(try await store.credential(tokenHash: "taken-hash") == Credential(roomId: "r4", participantId: "p1"))
        #expect(try await store.events(roomId: "r5", after: 0, limit: 10).map(\.seq) == [1, 2])
        await store.close()
    }

    /// When SQLite rolls a group's whole transaction back by itself (it does on a full disk or
    /// an I/O error; a ROLLBACK stands in for it here), no append of the group is kept and
    /// every one of them fails, including those whose work had gone through before, and none
    /// after it runs in a transaction of its own.
    @Test func aTransactionSQLiteRollsBackFailsTheWholeGroup() async throws {
        let (store, _) = try await store(rooms: 0)
        let commits = GroupCommit(pool: store.pool)
        try await store.pool.write { try $0.execute(sql: "CREATE TABLE probe (n INTEGER)") }
        let gate = DispatchSemaphore(value: 0)
        let entered = HeldWriter.Flag()
        let held = Task {
            try await commits.run(roomId: "r0") { db in
                entered.set()
                gate.wait()
                try db.execute(sql: "INSERT INTO probe (n) VALUES (0)")
            }
        }
        let holding = await eventually { entered.isSet }
        let group = (1...3).map { n in
            Task {
                try await commits.run(roomId: "r\(n)") { db in
                    try db.execute(sql: "INSERT INTO probe (n) VALUES (?)", arguments: [n])
                    if n == 2 {
                        try db.execute(sql: "ROLLBACK")
                        throw StoreError.unavailable("disk full")
                    }
                }
            }
        }
        let queued = await eventually { commits.waiting == 3 }
        gate.signal()
        try await held.value
        #expect(holding && queued, "the appends did not queue behind the held writer")
        for task in group {
            await #expect(throws: (any Error).self) { try await task.value }
            // What a caller of the store gets: "unavailable", a 503 the client retries, not a 500.
            if case .failure(let error as DatabaseError) = await task.result {
                #expect(SQLiteRoomStore.storeError(error) is StoreError, "\(error)")
            }
        }
        #expect(try await store.pool.read { try Int.fetchAll($0, sql: "SELECT n FROM probe ORDER BY n") } == [0])
        await store.close()
    }

    /// The oldest waiting append leads the next group: its request being cancelled (its
    /// client went away) must not interrupt the transaction that holds the others' appends.
    @Test func aCancelledLeaderDoesNotFailItsGroup() async throws {
        let (store, _) = try await store(rooms: 4)
        let held = HeldWriter(store)
        let holding = await eventually { held.entered.isSet }
        var tasks: [Task<Void, any Error>] = []
        var queued = true
        for n in 1...3 {
            // One after another, so that r1 is the oldest and leads.
            tasks.append(Task { try await store.append(AppendBatch(roomId: "r\(n)", after: 0, events: [lockEvent(1)])) })
            queued = await eventually { store.commits.waiting == n } && queued
        }
        tasks[0].cancel()
        try await held.release()
        #expect(holding && queued, "the appends did not queue behind the held writer")
        for (n, task) in tasks.enumerated() {
            try await task.value
            #expect(try await store.events(roomId: "r\(n + 1)", after: 0, limit: 10).map(\.seq) == [1])
        }
        await store.close()
    }

    /// Thirty rooms commit through one ledger at once, ten messages each: every message at
    /// its seq, the same after a restart.
    @Test func manyRoomsCommittingAtOnceKeepTheirOrderAcrossARestart() async throws {
        let (store, path) = try await store(rooms: 0)
        let ledger = RoomLedger(store: store)
        let rooms = (0..<30).map { "r\($0)" }
        for (n, id) in rooms.enumerated() { try await ledger.createRoom(sampleRoom(id, code: "CODE\(n)")) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in rooms {
                group.addTask {
                    for k in 1...10 {
                        _ = try await ledger.commit(roomId: id, idempotency: IdempotencyKey(participantId: "p1", key: "message:\(k)")) { state in
                            Decision(events: [messageEvent(state.seq + 1, "\(id) \(k)", id: "m-\(id)-\(k)")], response: Data("\(k)".utf8))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        await store.close()

        let reopened = try SQLiteRoomStore(path: path)
        let restarted = RoomLedger(store: reopened)
        try await restarted.loadAll()
        for id in rooms {
            let messages = try #require(try await restarted.state(roomId: id)).messages
            #expect(messages.map(\.seq) == Array(1...10))
            #expect(messages.map(\.text) == (1...10).map { "\(id) \($0)" })
            #expect(try await reopened.response(roomId: id, key: IdempotencyKey(participantId: "p1", key: "message:10")) == Data("10".utf8))
        }
        await reopened.close()
    }
}
