import Foundation
import GRDB

/// Every stored row of one room, as `momentum migrate` copies it from one store to another.
/// Bodies are the JSON the stores keep, copied byte for byte.
struct RoomRows: Sendable {
    var room: StoredRoom
    var events: [(seq: Int64, body: Data)] = []
    /// The message index (`StoredMessage`): the messages themselves are in their events.
    var messages: [(seq: Int64, id: String, deleted: Bool)] = []
    var tokens: [(hash: String, participantId: String, revoked: String?)] = []
    var requests: [(participantId: String, key: String, response: Data)] = []
    var snapshots: [(seq: Int64, body: Data)] = []
}

extension SQLiteRoomStore {
    /// Every row of a room, for a migration.
    func rows(of room: StoredRoom) async throws -> RoomRows {
        let id = room.info.id
        return try await pool.read { db in
            var rows = RoomRows(room: room)
            rows.events = try Row.fetchAll(db, sql: "SELECT seq, body FROM event WHERE room_id = ? ORDER BY seq", arguments: [id]).map { ($0["seq"], $0["body"]) }
            rows.messages = try Row.fetchAll(db, sql: "SELECT seq, id, deleted FROM message WHERE room_id = ? ORDER BY seq", arguments: [id]).map { ($0["seq"], $0["id"], $0["deleted"]) }
            rows.tokens = try Row.fetchAll(db, sql: "SELECT hash, participant_id, revoked FROM token WHERE room_id = ?", arguments: [id]).map { ($0["hash"], $0["participant_id"], $0["revoked"]) }
            rows.requests = try Row.fetchAll(db, sql: "SELECT participant_id, key, response FROM request WHERE room_id = ?", arguments: [id]).map { ($0["participant_id"], $0["key"], $0["response"]) }
            rows.snapshots = try Row.fetchAll(db, sql: "SELECT seq, body FROM snapshot WHERE room_id = ? ORDER BY seq", arguments: [id]).map { ($0["seq"], $0["body"]) }
            return rows
        }
    }
}
