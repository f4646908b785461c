import Foundation
import PostgresNIO
import SessionModel

extension PostgresRoomStore {
    /// Writes every row of a room copied from another store, in one transaction: all of
    /// the room or none of it. A room whose id or code exists already is refused.
    func importRoom(_ rows: RoomRows) async throws {
        let room = rows.room
        let encoder = WireCoding.encoder()
        let info = String(decoding: try encoder.encode(room.info), as: UTF8.self)
        let agenda = String(decoding: try encoder.encode(room.agenda), as: UTF8.self)
        let id = room.info.id
        func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }
        let logger = self.importLogger
        do {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query(
                    "INSERT INTO room (id, code, moderator_key_hash, info, agenda) VALUES (\(id), \(room.code), \(room.moderatorKeyHash), \(info), \(agenda))",
                    logger: logger)
                for page in stride(from: 0, to: rows.events.count, by: 5_000) {
                    let slice = rows.events[page..<min(rows.events.count, page + 5_000)]
                    let seqs = slice.map(\.seq), bodies = slice.map { text($0.body) }
                    try await connection.query(
                        "INSERT INTO event (room_id, seq, body) SELECT \(id), s, b FROM UNNEST(\(seqs)::bigint[], \(bodies)::text[]) AS t(s, b)", logger: logger)
                }
                for page in stride(from: 0, to: rows.messages.count, by: 5_000) {
                    let slice = rows.messages[page..<min(rows.messages.count, page + 5_000)]
                    let seqs = slice.map(\.seq), ids = slice.map(\.id), deleted = slice.map(\.deleted)
                    try await connection.query(
                        "INSERT INTO message (room_id, seq, id, deleted) SELECT \(id), s, i, d FROM UNNEST(\(seqs)::bigint[], \(ids)::text[], \(deleted)::boolean[]) AS t(s, i, d)",
                        logger: logger)
                }
                for token in rows.tokens {
                    try await connection.query(
                        "INSERT INTO token (hash, room_id, participant_id, revoked) VALUES (\(token.hash), \(id), \(token.participantId), \(token.revoked))", logger: logger)
                }
                for request in rows.requests {
                    let response = text(request.response)
                    try await connection.query(
                        "INSERT INTO request (room_id, participant_id, key, response) VALUES (\(id), \(request.participantId), \(request.key), \(response))", logger: logger)
                }
                for snapshot in rows.snapshots {
                    let body = text(snapshot.body)
                    try await connection.query("INSERT INTO snapshot (room_id, seq, body) VALUES (\(id), \(snapshot.seq), \(body))", logger: logger)
                }
            }
        } catch let error as PostgresTransactionError {
            if let inner = error.closureError as? PSQLError, inner.serverInfo?[.sqlState] == "23505" { throw StoreError.duplicateRoom }
            throw StoreError.unavailable(Self.describe(error.closureError ?? error.commitError ?? error))
        }
    }
}
