import Foundation
import GRDB
import SessionModel

/// The embedded store: one SQLite file in WAL mode, for one server.
///
/// Writes run on GRDB's writer queue, a thread of its own, so no commit blocks Swift's
/// cooperative pool. `seq` conflicts cannot happen with one writer process, but the
/// primary key `(room_id, seq)` would still refuse one.
final class SQLiteRoomStore: RoomStore {
    let pool: DatabasePool
    /// Appends that come while a transaction runs are committed together in the next one.
    let commits: GroupCommit
    private let buckets = TokenBuckets()
    private let serverLock: ServerLock

    /// Opens (or creates) the database at `path` and applies the migrations. Refuses a file
    /// another server has open: two servers on one SQLite file would each trust their own
    /// cache of the rooms (several servers share PostgreSQL instead).
    init(path: String) throws {
        serverLock = try ServerLock(path: path + ".lock")
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // WAL + NORMAL: a commit survives the process being killed; see docs/DECISIONS.md.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        commits = GroupCommit(pool: pool)
        try Self.migrator.migrate(pool)
    }

    var isShared: Bool { false }

    /// GRDB records applied migrations in its own table (`grdb_migrations`): the version table.
    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE room (
                    id TEXT PRIMARY KEY,
                    code TEXT NOT NULL UNIQUE,
                    moderator_key_hash TEXT NOT NULL,
                    info BLOB NOT NULL,
                    agenda BLOB NOT NULL
                );
                CREATE TABLE event (
                    room_id TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    body BLOB NOT NULL,
                    PRIMARY KEY (room_id, seq)
                ) WITHOUT ROWID;
                CREATE TABLE message (
                    room_id TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    id TEXT NOT NULL,
                    body BLOB NOT NULL,
                    PRIMARY KEY (room_id, seq)
                ) WITHOUT ROWID;
                CREATE UNIQUE INDEX message_by_id ON message (room_id, id);
                CREATE TABLE token (
                    hash TEXT PRIMARY KEY,
                    room_id TEXT NOT NULL,
                    participant_id TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX token_by_participant ON token (room_id, participant_id);
                CREATE TABLE request (
                    room_id TEXT NOT NULL,
                    participant_id TEXT NOT NULL,
                    key TEXT NOT NULL,
                    response BLOB NOT NULL,
                    PRIMARY KEY (room_id, participant_id, key)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2-revoked-tokens") { db in
            try db.execute(sql: "ALTER TABLE token ADD COLUMN revoked TEXT")
        }
        migrator.registerMigration("v3-snapshots") { db in
            try db.execute(sql: """
                CREATE TABLE snapshot (
                    room_id TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    body BLOB NOT NULL,
                    PRIMARY KEY (room_id, seq)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v4-messages-stored-once") { db in
            try storeMessagesOnce(db)
        }
        return migrator
    }

    func createRoom(_ room: StoredRoom) async throws {
        let encoder = WireCoding.encoder()
        let info = try encoder.encode(room.info)
        let agenda = try encoder.encode(room.agenda)
        do {
            try await pool.write { db in
                try db.execute(
                    sql: "INSERT INTO room (id, code, moderator_key_hash, info, agenda) VALUES (?, ?, ?, ?, ?)",
                    arguments: [room.info.id, room.code, room.moderatorKeyHash, info, agenda])
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StoreError.duplicateRoom
        } catch let error as DatabaseError {
            throw Self.storeError(error)
        }
    }

    /// A disk that is full, read-only or failing is the database being unavailable (503 with
    /// a retry, which succeeds once there is room again), not a bug (500). ABORT is what the
    /// other appends of a group get when one of those errors rolled their transaction back.
    static func storeError(_ error: DatabaseError) -> any Error {
        switch error.resultCode {
        case .SQLITE_FULL, .SQLITE_READONLY, .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_NOMEM, .SQLITE_ABORT:
            StoreError.unavailable("SQLite: \(error.resultCode) \(error.message ?? "")")
        default:
            error
        }
    }

    func rooms() async throws -> [StoredRoom] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, code, moderator_key_hash, info, agenda FROM room").map(Self.room(from:))
        }
    }

    func room(id: String) async throws -> StoredRoom? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT id, code, moderator_key_hash, info, agenda FROM room WHERE id = ?", arguments: [id]).map(Self.room(from:))
        }
    }

    func room(code: String) async throws -> StoredRoom? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT id, code, moderator_key_hash, info, agenda FROM room WHERE code = ?", arguments: [code]).map(Self.room(from:))
        }
    }

    private static func room(from row: Row) throws -> StoredRoom {
        let decoder = WireCoding.decoder()
        return StoredRoom(
            info: try decoder.decode(RoomInfo.self, from: row["info"] as Data),
            agenda: try decoder.decode([AgendaItem].self, from: row["agenda"] as Data),
            code: row["code"], moderatorKeyHash: row["moderator_key_hash"])
    }

    func append(
        roomId: String, after: Int64, request: IdempotencyKey?, _ make: @escaping @Sendable (_ missed: [RoomEvent]) throws -> AppendBatch?
    ) async throws {
        // GRDB's writer is the one writer: the transaction holds the room against everyone.
        // It may hold appends to other rooms too, each in its savepoint (`GroupCommit`).
        do {
            try await commits.run(roomId: roomId) { db in
                try Self.append(roomId: roomId, after: after, request: request, make, db: db)
            }
        } catch let error as DatabaseError {
            throw Self.storeError(error)
        }
    }

    /// One append's work, inside the writer's transaction (or a savepoint of it).
    private static func append(
        roomId: String, after: Int64, request: IdempotencyKey?,
        _ make: (_ missed: [RoomEvent]) throws -> AppendBatch?, db: Database
    ) throws {
        // A retry is answered before anything is decided.
        if let request, try isRecorded(request, roomId: roomId, db: db) { throw StoreError.duplicateRequest }
        // One read: the row at `after` proves the database is not behind; the rest were missed
        // (none, with one writer).
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT seq, body FROM event WHERE room_id = ? AND seq >= ? ORDER BY seq"), arguments: [roomId, after]
        ).map { (seq: $0[0] as Int64, body: $0[1] as Data) }
        let missed = try AppendBatch.missed(after: after, in: rows, roomId: roomId) { try WireCoding.decoder().decode(RoomEvent.self, from: $0) }
        guard let batch = try make(missed) else { return }
        try batch.checkFollows(head: missed.last?.seq ?? after)
        if let recorded = batch.request {
            if recorded.key != request, try isRecorded(recorded.key, roomId: roomId, db: db) { throw StoreError.duplicateRequest }
            try db.cachedStatement(sql: "INSERT INTO request (room_id, participant_id, key, response) VALUES (?, ?, ?, ?)")
                .execute(arguments: [roomId, recorded.key.participantId, recorded.key.key, recorded.response])
        }
        for (event, body) in zip(batch.events, batch.bodies) {
            try db.cachedStatement(sql: "INSERT INTO event (room_id, seq, body) VALUES (?, ?, ?)").execute(arguments: [roomId, event.seq, body])
            try Self.index(event, roomId: roomId, db: db)
        }
        if let grant = batch.grant {
            try db.execute(sql: "INSERT INTO token (hash, room_id, participant_id) VALUES (?, ?, ?)", arguments: [grant.tokenHash, roomId, grant.participantId])
        }
        for participantId in batch.revoke?.participants ?? [] {
            try db.execute(
                sql: "UPDATE token SET revoked = ? WHERE room_id = ? AND participant_id = ?",
                arguments: [batch.revoke?.reason, roomId, participantId])
        }
        if let state = batch.snapshot {
            try db.execute(sql: "INSERT OR REPLACE INTO snapshot (room_id, seq, body) VALUES (?, ?, ?)", arguments: [roomId, state.seq, try WireCoding.encoder().encode(state)])
            try db.execute(sql: "DELETE FROM snapshot WHERE room_id = ? AND seq < ?", arguments: [roomId, state.seq])
        }
    }

    /// Whether an answer is recorded for `key`.
    private static func isRecorded(_ key: IdempotencyKey, roomId: String, db: Database) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM request WHERE room_id = ? AND participant_id = ? AND key = ?"),
            arguments: [roomId, key.participantId, key.key]) ?? false
    }

    /// Keeps the message table (history and deletion) in step with the events.
    private static func index(_ event: RoomEvent, roomId: String, db: Database) throws {
        switch event.kind {
        case .message(let message):
            // An index into the event, which holds the message (`StoredMessage`).
            try db.cachedStatement(sql: "INSERT INTO message (room_id, seq, id) VALUES (?, ?, ?)").execute(arguments: [roomId, message.seq, message.id])
        case .messageDeleted(let messageId):
            try db.execute(sql: "UPDATE message SET deleted = 1 WHERE room_id = ? AND id = ?", arguments: [roomId, messageId])
        case .joined, .left, .removed, .presence, .handRaised, .handLowered, .allHandsLowered, .floor, .agenda, .muted, .locked, .seatClaimed, .seatGranted, .seatRefused,
                 .questionAsked, .questionAnswered, .pollOpened, .pollVoted, .pollClosed, .pollRevealed, .signal, .signalsCleared,
                 .reaction, .hidden, .unknown, .timer, .dayClosed:
            break
        }
    }

    func events(roomId: String, after seq: Int64, limit: Int) async throws -> [RoomEvent] {
        let bodies = try await pool.read { db in
            try Data.fetchAll(db, sql: "SELECT body FROM event WHERE room_id = ? AND seq > ? ORDER BY seq LIMIT ?", arguments: [roomId, seq, limit])
        }
        let decoder = WireCoding.decoder()
        return try bodies.map { try decoder.decode(RoomEvent.self, from: $0) }
    }

    func latestSnapshot(roomId: String) async throws -> RoomState? {
        let body = try await pool.read { db in
            try Data.fetchOne(db, sql: "SELECT body FROM snapshot WHERE room_id = ? ORDER BY seq DESC LIMIT 1", arguments: [roomId])
        }
        return try body.map { try WireCoding.decoder().decode(RoomState.self, from: $0) }
    }

    func response(roomId: String, key: IdempotencyKey) async throws -> Data? {
        try await pool.read { db in
            try Data.fetchOne(
                db, sql: "SELECT response FROM request WHERE room_id = ? AND participant_id = ? AND key = ?",
                arguments: [roomId, key.participantId, key.key])
        }
    }

    func credential(tokenHash: String) async throws -> Credential? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT room_id, participant_id, revoked FROM token WHERE hash = ?", arguments: [tokenHash]).map {
                Credential(roomId: $0["room_id"], participantId: $0["participant_id"], revoked: $0["revoked"])
            }
        }
    }

    func messages(roomId: String, before seq: Int64, limit: Int) async throws -> (messages: [ChatMessage], hasMore: Bool) {
        let rows = try await pool.read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT event.body, message.deleted FROM message JOIN event ON event.room_id = message.room_id AND event.seq = message.seq
                    WHERE message.room_id = ? AND message.seq < ? ORDER BY message.seq DESC LIMIT ?
                    """, arguments: [roomId, seq, limit + 1]
            ).map { (body: $0[0] as Data, deleted: $0[1] as Bool) }
        }
        let decoder = WireCoding.decoder()
        let page = try rows.prefix(limit).map { try StoredMessage.decode(event: $0.body, deleted: $0.deleted, decoder: decoder) }
        return (page.reversed(), rows.count > limit)
    }

    func message(roomId: String, id: String) async throws -> ChatMessage? {
        let row = try await pool.read { db in
            try Row.fetchOne(
                db, sql: """
                    SELECT event.body, message.deleted FROM message JOIN event ON event.room_id = message.room_id AND event.seq = message.seq
                    WHERE message.room_id = ? AND message.id = ?
                    """, arguments: [roomId, id]
            ).map { (body: $0[0] as Data, deleted: $0[1] as Bool) }
        }
        // Sendable values out of the read: GRDB's async read (its own thread), never a blocking one.
        return try row.map { try StoredMessage.decode(event: $0.body, deleted: $0.deleted, decoder: WireCoding.decoder()) }
    }

    func changes() -> AsyncStream<String?> { AsyncStream { $0.finish() } }

    func takeToken(_ key: String, burst: Int, refillSeconds: Double, now: Date, cost: Double) async throws -> Int? {
        buckets.take(key, burst: burst, refillSeconds: refillSeconds, now: now, cost: cost)
    }

    func shareActivity(_ seen: [String: [String: Date]]) async throws -> [String: [String: Date]] { seen }

    func close() async {
        try? pool.close()
        serverLock.release()
    }
}
