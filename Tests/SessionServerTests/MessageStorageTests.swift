import Foundation
import GRDB
import SessionClient
import SessionModel
import Testing
import TestSupport
@testable import SessionServer

/// A message is stored once, in its event; databases written before are converted.
@Suite("Message storage")
struct MessageStorageTests {
    /// A room as the old schema stored it: Karim's "Bonjour" (clientId c1) in its event, in
    /// the message table and in the answer kept for c1; a deleted "Oups".
    struct OldRoom {
        static let token = "mt_oldtokenoldtokenoldtokenoldtoken"
        let room = sampleRoom("r_old", code: "OLDOLD")
        let karim = Participant(id: "p1", name: "Karim", role: .learner, joinedAt: at)
        var bonjour: ChatMessage { ChatMessage(id: "m1", seq: 2, authorId: "p1", text: "Bonjour", at: at, clientId: "c1") }
        var oups: ChatMessage { ChatMessage(id: "m2", seq: 3, authorId: "p1", text: "Oups", at: at, clientId: "c2") }
        var events: [RoomEvent] {
            [RoomEvent(seq: 1, at: at, actor: "p1", kind: .joined(karim)),
             RoomEvent(seq: 2, at: at, actor: "p1", kind: .message(bonjour)),
             RoomEvent(seq: 3, at: at, actor: "p1", kind: .message(oups)),
             RoomEvent(seq: 4, at: at, actor: "p1", kind: .messageDeleted(messageId: "m2"))]
        }
        var deletedOups: ChatMessage {
            var message = oups
            message.deleted = true
            message.text = ""
            return message
        }

        func json<T: Encodable>(_ value: T) throws -> String { String(decoding: try WireCoding.encoder().encode(value), as: UTF8.self) }
    }

    enum Kind: String, CaseIterable, Sendable { case sqlite, postgres }
    static var kinds: [Kind] { PostgresTestDatabase.available ? Kind.allCases : [.sqlite] }

    @Test(arguments: kinds)
    func aDatabaseWrittenByTheOldSchemaIsConvertedAndItsMessagesAndRetriesStillWork(kind: Kind) async throws {
        let old = OldRoom()
        let location = kind == .sqlite ? try Self.oldSQLite(old) : try Self.oldPostgres(old)
        let server = try await TestServer(databasePath: location)
        let credentials = RoomCredentials(roomId: "r_old", token: OldRoom.token)
        let history = try await server.api.messages(credentials, before: nil, limit: 50)
        #expect(history.messages == [old.bonjour, old.deletedOups])
        #expect(history.authors?.map(\.name) == ["Karim"])
        // The retry of c1 gets the first answer back, rebuilt from its event, and posts nothing.
        let retry = try await server.api.postMessage(credentials, PostMessageRequest(text: "Bonjour", clientId: "c1"))
        #expect(retry.message == old.bonjour)
        let fresh = try await server.api.postMessage(credentials, PostMessageRequest(text: "Encore", clientId: "c3"))
        let again = try await server.api.postMessage(credentials, PostMessageRequest(text: "Encore", clientId: "c3"))
        #expect(again == fresh)
        let state = try await server.api.state(credentials).state
        #expect(state.seq == 5)
        #expect(state.messages.map(\.text) == ["Bonjour", "", "Encore"])
        await server.stop()
    }

    @Test func aMessageIsStoredAboutOnce() async throws {
        let path = TestServer.temporaryDatabase()
        let server = try await TestServer(databasePath: path)
        let room = try await server.createRoom()
        let karim = try await server.join(room, "Karim")
        // 990 characters of 4 bytes: the heaviest text a message may hold, nearly.
        let text = String(repeating: "🚀", count: 990)
        let count = 100
        for n in 0..<count {
            _ = try await server.api.postMessage(karim.credentials, PostMessageRequest(text: text, clientId: "c\(n)"))
        }
        let written = count * text.utf8.count
        let database = try DatabaseQueue(path: path)
        let stored = try await database.read { db in
            try Int.fetchOne(db, sql: """
                SELECT (SELECT COALESCE(SUM(length(body)), 0) FROM event)
                     + (SELECT COALESCE(SUM(length(response)), 0) FROM request)
                     + (SELECT COALESCE(SUM(length(id) + 16), 0) FROM message)
                """) ?? 0
        }
        try database.close()
        // One copy and its envelope (ids, times, the JSON around it), not three.
        #expect(stored > written)
        #expect(Double(stored) < Double(written) * 1.2, "\(stored) bytes stored for \(written) bytes of text")
        await server.stop()
    }

    /// The SQLite file of a server before messages were stored once (migrations v1 to v3).
    static func oldSQLite(_ old: OldRoom) throws -> String {
        let path = TestServer.temporaryDatabase()
        let database = try DatabaseQueue(path: path)
        try database.write { db in
            try db.execute(sql: """
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                INSERT INTO grdb_migrations VALUES ('v1'), ('v2-revoked-tokens'), ('v3-snapshots');
                CREATE TABLE room (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, moderator_key_hash TEXT NOT NULL, info BLOB NOT NULL, agenda BLOB NOT NULL);
                CREATE TABLE event (room_id TEXT NOT NULL, seq INTEGER NOT NULL, body BLOB NOT NULL, PRIMARY KEY (room_id, seq)) WITHOUT ROWID;
                CREATE TABLE message (room_id TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (room_id, seq)) WITHOUT ROWID;
                CREATE UNIQUE INDEX message_by_id ON message (room_id, id);
                CREATE TABLE token (hash TEXT PRIMARY KEY, room_id TEXT NOT NULL, participant_id TEXT NOT NULL) WITHOUT ROWID;
                CREATE INDEX token_by_participant ON token (room_id, participant_id);
                CREATE TABLE request (room_id TEXT NOT NULL, participant_id TEXT NOT NULL, key TEXT NOT NULL, response BLOB NOT NULL,
                    PRIMARY KEY (room_id, participant_id, key)) WITHOUT ROWID;
                ALTER TABLE token ADD COLUMN revoked TEXT;
                CREATE TABLE snapshot (room_id TEXT NOT NULL, seq INTEGER NOT NULL, body BLOB NOT NULL, PRIMARY KEY (room_id, seq)) WITHOUT ROWID;
                """)
            let encoder = WireCoding.encoder()
            try db.execute(sql: "INSERT INTO room VALUES (?, ?, ?, ?, ?)", arguments: [
                "r_old", old.room.code, old.room.moderatorKeyHash, try encoder.encode(old.room.info), try encoder.encode(old.room.agenda)])
            for event in old.events {
                try db.execute(sql: "INSERT INTO event VALUES ('r_old', ?, ?)", arguments: [event.seq, try encoder.encode(event)])
            }
            for message in [old.bonjour, old.deletedOups] {
                try db.execute(sql: "INSERT INTO message VALUES ('r_old', ?, ?, ?)", arguments: [message.seq, message.id, try encoder.encode(message)])
            }
            try db.execute(sql: "INSERT INTO token (hash, room_id, participant_id) VALUES (?, 'r_old', 'p1')", arguments: [Secrets.hash(OldRoom.token)])
            try db.execute(sql: "INSERT INTO request VALUES ('r_old', 'p1', 'message:c1', ?)", arguments: [try encoder.encode(PostMessageResponse(message: old.bonjour))])
        }
        try database.close()
        return path
    }

    /// A PostgreSQL database at schema version 2, with the old room in it.
    static func oldPostgres(_ old: OldRoom) throws -> String {
        let url = try PostgresTestDatabase.create()
        func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
        var sql = ["CREATE TABLE momentum_migration (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"]
        for migration in PostgresSchema.migrations where migration.version <= 2 {
            sql += migration.sql.map(\.sql)
            sql.append("INSERT INTO momentum_migration (version, name) VALUES (\(migration.version), \(literal(migration.name)))")
        }
        sql.append("INSERT INTO room VALUES ('r_old', \(literal(old.room.code)), \(literal(old.room.moderatorKeyHash)), \(literal(try old.json(old.room.info))), \(literal(try old.json(old.room.agenda))))")
        for event in old.events { sql.append("INSERT INTO event VALUES ('r_old', \(event.seq), \(literal(try old.json(event))))") }
        for message in [old.bonjour, old.deletedOups] {
            sql.append("INSERT INTO message VALUES ('r_old', \(message.seq), \(literal(message.id)), \(literal(try old.json(message))))")
        }
        sql.append("INSERT INTO token (hash, room_id, participant_id) VALUES (\(literal(Secrets.hash(OldRoom.token))), 'r_old', 'p1')")
        sql.append("INSERT INTO request VALUES ('r_old', 'p1', 'message:c1', \(literal(try old.json(PostMessageResponse(message: old.bonjour)))))")
        try PostgresTestDatabase.psql(url, sql.joined(separator: ";\n"))
        return url
    }
}
