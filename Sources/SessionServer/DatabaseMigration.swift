public import Foundation
public import Logging

/// `momentum migrate`: copies every room of a SQLite file into a PostgreSQL database, so
/// a programme that outgrew one server moves to several without losing a message, a
/// seat or a retry's answer.
public enum DatabaseMigration {
    /// What was copied.
    public struct Report: Sendable, Equatable {
        public var rooms = 0
        public var events = 0
        public var messages = 0
        public var tokens = 0
    }

    /// Copies `from` (a SQLite file) into `to` (a `postgres://` URL), room by room, each in
    /// one transaction, then reads every room back from PostgreSQL and checks that its
    /// state equals the SQLite one. Refuses a room that exists already in the target.
    public static func copy(from source: String, to target: String, logger: Logger) async throws -> Report {
        guard FileManager.default.fileExists(atPath: source) else {
            throw ServerError.database("there is no SQLite database at \(source)")
        }
        let url: PostgresURL
        do {
            guard case .postgres(let parsed) = try DatabaseLocation(target) else {
                throw ServerError.database("--to must be a postgres:// URL, not \(target)")
            }
            url = parsed
        } catch let error as DatabaseLocationError {
            throw ServerError.database(error.description)
        }
        let sqlite = try SQLiteRoomStore(path: source)
        let postgres = try PostgresRoomStore(url: url, connections: 2, logger: logger)
        do {
            let report = try await copy(sqlite, to: postgres, url: url, logger: logger)
            await postgres.close()
            await sqlite.close()
            return report
        } catch {
            await postgres.close()
            await sqlite.close()
            throw error
        }
    }

    private static func copy(_ sqlite: SQLiteRoomStore, to postgres: PostgresRoomStore, url: PostgresURL, logger: Logger) async throws -> Report {
        do {
            try await postgres.start()
            let sourceLedger = RoomLedger(store: sqlite)
            try await sourceLedger.loadAll()
            var report = Report()
            for room in try await sqlite.rooms().sorted(by: { $0.info.createdAt < $1.info.createdAt }) {
                let rows = try await sqlite.rows(of: room)
                do {
                    try await postgres.importRoom(rows)
                } catch StoreError.duplicateRoom {
                    throw ServerError.database("the room \"\(room.info.title)\" (\(room.info.id), code \(room.code)) is already in \(url.redacted): nothing more was copied")
                }
                report.rooms += 1
                report.events += rows.events.count
                report.messages += rows.messages.count
                report.tokens += rows.tokens.count
                logger.info("copied \(room.info.id): \(rows.events.count) events")
            }
            let targetLedger = RoomLedger(store: postgres)
            try await targetLedger.loadAll()
            for id in sourceLedger.roomIds() {
                let before = try await sourceLedger.state(roomId: id)
                let after = try await targetLedger.state(roomId: id)
                guard before == after else { throw ServerError.database("the room \(id) reads back differently from PostgreSQL: the copy is not trustworthy") }
            }
            return report
        } catch let error as StoreError {
            throw ServerError.database(error.description)
        }
    }
}
