import Foundation
import GRDB

extension SQLiteRoomStore {
    func storedBytes(roomId: String) async throws -> Int64 {
        try await pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(length(body)), 0) FROM event WHERE room_id = ?", arguments: [roomId]) ?? 0
        }
    }

    func deleteRoom(id: String) async throws -> Int {
        do {
            return try await pool.write { db in
                let events = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event WHERE room_id = ?", arguments: [id]) ?? 0
                for table in ["event", "message", "token", "request", "snapshot"] {
                    try db.execute(sql: "DELETE FROM \(table) WHERE room_id = ?", arguments: [id])
                }
                try db.execute(sql: "DELETE FROM room WHERE id = ?", arguments: [id])
                return events
            }
        } catch let error as DatabaseError {
            throw Self.storeError(error)
        }
    }
}
