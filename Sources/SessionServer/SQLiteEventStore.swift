import Foundation
import GRDB
import SessionModel
import Synchronization

/// The embedded store: one SQLite file in WAL mode, for one server.
///
/// Writes are serialised by GRDB's writer queue, a thread of its own, so no commit ever
/// blocks Swift's cooperative pool. Rooms, credentials and each room's folded state are
/// cached in memory; the cache changes only on the writer queue, after a commit.
final class SQLiteEventStore: EventStore {
    private let pool: DatabasePool
    private let cache = Mutex(Cache())
    private let commitHandler = Mutex<(@Sendable (String, [RoomEvent]) -> Void)?>(nil)

    private struct Cache {
        var rooms: [String: StoredRoom] = [:]
        var roomByCode: [String: String] = [:]
        var states: [String: RoomState] = [:]
        var credentials: [String: Credential] = [:]
    }

    /// Opens (or creates) the database at `path` and loads every room's state.
    init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // WAL + NORMAL: a commit survives the process being killed; see docs/DECISIONS.md.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
        try load()
    }

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
        return migrator
    }

    /// Rebuilds the cache by replaying every room's events.
    private func load() throws {
        let decoder = WireCoding.decoder()
        var fresh = Cache()
        try pool.read { db in
            for row in try Row.fetchAll(db, sql: "SELECT id, code, moderator_key_hash, info, agenda FROM room") {
                let info = try decoder.decode(RoomInfo.self, from: row["info"] as Data)
                let agenda = try decoder.decode([AgendaItem].self, from: row["agenda"] as Data)
                let room = StoredRoom(info: info, agenda: agenda, code: row["code"], moderatorKeyHash: row["moderator_key_hash"])
                fresh.rooms[info.id] = room
                fresh.roomByCode[room.code] = info.id
                var state = RoomState(room: info, agenda: agenda)
                let cursor = try Row.fetchCursor(db, sql: "SELECT body FROM event WHERE room_id = ? ORDER BY seq", arguments: [info.id])
                while let eventRow = try cursor.next() {
                    let event = try decoder.decode(RoomEvent.self, from: eventRow["body"] as Data)
                    state.apply(event)
                }
                fresh.states[info.id] = state
            }
            for row in try Row.fetchAll(db, sql: "SELECT hash, room_id, participant_id, revoked FROM token") {
                fresh.credentials[row["hash"]] = Credential(roomId: row["room_id"], participantId: row["participant_id"], revoked: row["revoked"])
            }
        }
        cache.withLock { $0 = fresh }
    }

    func setCommitHandler(_ handler: @escaping @Sendable (String, [RoomEvent]) -> Void) {
        commitHandler.withLock { $0 = handler }
    }

    func createRoom(_ room: StoredRoom, events: [RoomEvent]) async throws {
        let encoder = WireCoding.encoder()
        let info = try encoder.encode(room.info)
        let agenda = try encoder.encode(room.agenda)
        var state = RoomState(room: room.info, agenda: room.agenda)
        for event in events { state.apply(event) }
        let bodies = try events.map { try encoder.encode($0) }
        let finalState = state
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO room (id, code, moderator_key_hash, info, agenda) VALUES (?, ?, ?, ?, ?)",
                arguments: [room.info.id, room.code, room.moderatorKeyHash, info, agenda])
            for (event, body) in zip(events, bodies) {
                try db.execute(sql: "INSERT INTO event (room_id, seq, body) VALUES (?, ?, ?)", arguments: [room.info.id, event.seq, body])
            }
        }
        cache.withLock {
            $0.rooms[room.info.id] = room
            $0.roomByCode[room.code] = room.info.id
            $0.states[room.info.id] = finalState
        }
    }

    func room(id: String) async throws -> StoredRoom? { cache.withLock { $0.rooms[id] } }

    func room(code: String) async throws -> StoredRoom? {
        cache.withLock { cache in cache.roomByCode[code].flatMap { cache.rooms[$0] } }
    }

    func roomIds() async throws -> [String] { cache.withLock { Array($0.rooms.keys) } }

    func state(roomId: String) async throws -> RoomState? { cache.withLock { $0.states[roomId] } }

    func credential(tokenHash: String) async throws -> Credential? { cache.withLock { $0.credentials[tokenHash] } }

    func commit(
        roomId: String, idempotency: IdempotencyKey?,
        decide: @escaping @Sendable (RoomState) throws -> Decision
    ) async throws -> CommitResult {
        try await pool.writeWithoutTransaction { db in
            guard var state = self.cache.withLock({ $0.states[roomId] }) else {
                throw APIError.notFound("No workshop has the id \(roomId).")
            }
            var outcome: CommitResult?
            var decision: Decision?
            try db.inTransaction {
                if let idempotency, let stored = try Data.fetchOne(
                    db, sql: "SELECT response FROM request WHERE room_id = ? AND participant_id = ? AND key = ?",
                    arguments: [roomId, idempotency.participantId, idempotency.key])
                {
                    outcome = .replayed(response: stored)
                    return .commit
                }
                let decided = try decide(state)
                try self.write(decided, roomId: roomId, state: &state, db: db)
                if let idempotency {
                    try db.execute(
                        sql: "INSERT INTO request (room_id, participant_id, key, response) VALUES (?, ?, ?, ?)",
                        arguments: [roomId, idempotency.participantId, idempotency.key, decided.response])
                }
                decision = decided
                outcome = .committed(events: decided.events, response: decided.response)
                return .commit
            }
            // Committed: now, still on the writer queue and so in seq order, update the cache and wake the hub.
            if let decision {
                let finalState = state
                self.cache.withLock { cache in
                    cache.states[roomId] = finalState
                    if let grant = decision.grant {
                        cache.credentials[grant.tokenHash] = Credential(roomId: roomId, participantId: grant.participantId)
                    }
                    if !decision.revokeParticipants.isEmpty {
                        let revoked = Set(decision.revokeParticipants)
                        for (hash, credential) in cache.credentials where credential.roomId == roomId && revoked.contains(credential.participantId) {
                            cache.credentials[hash]?.revoked = decision.revocationReason
                        }
                    }
                }
                if !decision.events.isEmpty, let handler = self.commitHandler.withLock({ $0 }) {
                    handler(roomId, decision.events)
                }
            }
            return outcome!
        }
    }

    /// Appends a decision's rows inside the open transaction, folding each event into `state`.
    private func write(_ decision: Decision, roomId: String, state: inout RoomState, db: Database) throws {
        let encoder = WireCoding.encoder()
        for event in decision.events {
            guard state.apply(event) == .applied else {
                throw StoreError.outOfOrder(roomId: roomId, seq: event.seq)
            }
            try db.execute(sql: "INSERT INTO event (room_id, seq, body) VALUES (?, ?, ?)", arguments: [roomId, event.seq, try encoder.encode(event)])
            switch event.kind {
            case .message(let message):
                try db.execute(
                    sql: "INSERT INTO message (room_id, seq, id, body) VALUES (?, ?, ?, ?)",
                    arguments: [roomId, message.seq, message.id, try encoder.encode(message)])
            case .messageDeleted(let messageId):
                if let row = try Row.fetchOne(db, sql: "SELECT seq, body FROM message WHERE room_id = ? AND id = ?", arguments: [roomId, messageId]) {
                    var message = try WireCoding.decoder().decode(ChatMessage.self, from: row["body"] as Data)
                    message.deleted = true
                    message.text = ""
                    try db.execute(sql: "UPDATE message SET body = ? WHERE room_id = ? AND id = ?", arguments: [try encoder.encode(message), roomId, messageId])
                }
            default:
                break
            }
        }
        if let grant = decision.grant {
            try db.execute(sql: "INSERT INTO token (hash, room_id, participant_id) VALUES (?, ?, ?)", arguments: [grant.tokenHash, roomId, grant.participantId])
        }
        for participantId in decision.revokeParticipants {
            try db.execute(
                sql: "UPDATE token SET revoked = ? WHERE room_id = ? AND participant_id = ?",
                arguments: [decision.revocationReason, roomId, participantId])
        }
    }

    func events(roomId: String, after seq: Int64, limit: Int) async throws -> [RoomEvent] {
        let bodies = try await pool.read { db in
            try Data.fetchAll(db, sql: "SELECT body FROM event WHERE room_id = ? AND seq > ? ORDER BY seq LIMIT ?", arguments: [roomId, seq, limit])
        }
        let decoder = WireCoding.decoder()
        return try bodies.map { try decoder.decode(RoomEvent.self, from: $0) }
    }

    func messages(roomId: String, before seq: Int64, limit: Int) async throws -> (messages: [ChatMessage], hasMore: Bool) {
        let bodies = try await pool.read { db in
            try Data.fetchAll(db, sql: "SELECT body FROM message WHERE room_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?", arguments: [roomId, seq, limit + 1])
        }
        let decoder = WireCoding.decoder()
        let page = try bodies.prefix(limit).map { try decoder.decode(ChatMessage.self, from: $0) }
        return (page.reversed(), bodies.count > limit)
    }

    func message(roomId: String, id: String) async throws -> ChatMessage? {
        let body = try await pool.read { db in
            try Data.fetchOne(db, sql: "SELECT body FROM message WHERE room_id = ? AND id = ?", arguments: [roomId, id])
        }
        return try body.map { try WireCoding.decoder().decode(ChatMessage.self, from: $0) }
    }
}

/// Store failures that are bugs or broken files, never the caller's fault.
enum StoreError: Error, CustomStringConvertible {
    case outOfOrder(roomId: String, seq: Int64)

    var description: String {
        switch self {
        case .outOfOrder(let roomId, let seq): "event \(seq) of room \(roomId) does not follow the room's last event"
        }
    }
}
