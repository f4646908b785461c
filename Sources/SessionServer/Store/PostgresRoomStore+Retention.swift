import Foundation
import PostgresNIO

extension PostgresRoomStore {
    func storedBytes(roomId: String) async throws -> Int64 {
        try await run {
            // octet_length: the bytes of the JSON as stored, like SQLite's length() of a blob.
            let rows = try await client.query("SELECT COALESCE(SUM(octet_length(body)), 0)::bigint FROM event WHERE room_id = \(roomId)", logger: logger)
            for try await (bytes) in rows.decode(Int64.self) { return bytes }
            return 0
        }
    }

    func deleteRoom(id: String) async throws -> Int {
        let logger = self.logger
        return try await run {
            try await client.withTransaction(logger: logger) { connection in
                var events = 0
                let counted = try await connection.query("SELECT COUNT(*)::bigint FROM event WHERE room_id = \(id)", logger: logger)
                for try await (count) in counted.decode(Int64.self) { events = Int(count) }
                try await connection.query("DELETE FROM event WHERE room_id = \(id)", logger: logger)
                try await connection.query("DELETE FROM message WHERE room_id = \(id)", logger: logger)
                try await connection.query("DELETE FROM token WHERE room_id = \(id)", logger: logger)
                try await connection.query("DELETE FROM request WHERE room_id = \(id)", logger: logger)
                try await connection.query("DELETE FROM snapshot WHERE room_id = \(id)", logger: logger)
                try await connection.query("DELETE FROM activity WHERE room_id = \(id)", logger: logger)
                try await connection.query("DELETE FROM room WHERE id = \(id)", logger: logger)
                return events
            }
        }
    }
}
