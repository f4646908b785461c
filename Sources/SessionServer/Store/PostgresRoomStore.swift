import Foundation
import Logging
import NIOSSL
import PostgresNIO
import SessionModel
import Synchronization

/// The store several servers share: PostgreSQL through postgres-nio's connection pool.
///
/// The `event` table is the truth. Its primary key `(room_id, seq)` lets exactly one
/// server append each `seq`; the loser gets `conflict`, and its ledger reads what it
/// missed and decides again. Each append notifies `momentum_events` with the room id in
/// the same transaction, so the notification is sent on commit; `PostgresListener` turns
/// notifications into `changes()`, a wake-up only.
final class PostgresRoomStore: RoomStore {
    let client: PostgresClient
    let logger: Logger
    var importLogger: Logger { logger }
    private let listener: PostgresListener
    private let runTask = Mutex<Task<Void, Never>?>(nil)
    /// Rooms whose last append lost a `seq` to another server: their appends take the
    /// room's lock until one goes through (`appendInOneStatement`).
    private let contended = Mutex<Set<String>>([])
    /// The last `writeProblem` answer and when it was read.
    let health = Mutex<(at: Date, problem: String?)?>(nil)
    static let channel = "momentum_events"

    init(url: PostgresURL, connections: Int, logger: Logger) throws {
        var pgLogger = logger
        // The pool warns when it is asked for a connection a moment before its run loop starts: not worth a line.
        pgLogger.logLevel = max(logger.logLevel, .error)
        self.logger = pgLogger
        let tls: PostgresClient.Configuration.TLS
        switch url.sslMode {
        case "require": tls = .require(.makeClientConfiguration())
        case "prefer": tls = .prefer(.makeClientConfiguration())
        default: tls = .disable
        }
        var configuration: PostgresClient.Configuration
        if let folder = url.socketFolder {
            configuration = .init(unixSocketPath: folder + "/.s.PGSQL.\(url.port)", username: url.user, password: url.password, database: url.database)
        } else {
            configuration = .init(host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: tls)
        }
        configuration.options.maximumConnections = max(2, connections)
        configuration.options.connectTimeout = .seconds(5)
        client = PostgresClient(configuration: configuration, backgroundLogger: pgLogger)
        listener = try PostgresListener(url: url, channel: Self.channel, logger: logger)
    }

    var isShared: Bool { true }

    /// Starts the pool and the listener, then applies the migrations.
    func start() async throws {
        do {
            let connection = try await listener.connect(id: 0)
            do {
                try await PostgresSchema.migrate(connection, logger: logger)
                try await connection.close()
            } catch {
                try? await connection.close()
                throw error
            }
        } catch {
            throw StoreError.unavailable(Self.describe(error))
        }
        let client = self.client
        runTask.withLock { $0 = Task { await client.run() } }
        listener.start()
    }

    func close() async {
        listener.stop()
        runTask.withLock { $0?.cancel() }
    }

    func changes() -> AsyncStream<String?> { listener.changes }

    // MARK: Rooms

    func createRoom(_ room: StoredRoom) async throws {
        let encoder = WireCoding.encoder()
        let info = try Self.text(encoder.encode(room.info))
        let agenda = try Self.text(encoder.encode(room.agenda))
        _ = try await run {
            try await client.query(
                "INSERT INTO room (id, code, moderator_key_hash, info, agenda) VALUES (\(room.info.id), \(room.code), \(room.moderatorKeyHash), \(info), \(agenda))",
                logger: logger)
        }
    }

    func rooms() async throws -> [StoredRoom] {
        try await run {
            var rooms: [StoredRoom] = []
            let rows = try await client.query("SELECT id, code, moderator_key_hash, info, agenda FROM room", logger: logger)
            for try await row in rows.decode((String, String, String, String, String).self) { rooms.append(try Self.room(row)) }
            return rooms
        }
    }

    func room(id: String) async throws -> StoredRoom? {
        try await run {
            let rows = try await client.query("SELECT id, code, moderator_key_hash, info, agenda FROM room WHERE id = \(id)", logger: logger)
            for try await row in rows.decode((String, String, String, String, String).self) { return try Self.room(row) }
            return nil
        }
    }

    func room(code: String) async throws -> StoredRoom? {
        try await run {
            let rows = try await client.query("SELECT id, code, moderator_key_hash, info, agenda FROM room WHERE code = \(code)", logger: logger)
            for try await row in rows.decode((String, String, String, String, String).self) { return try Self.room(row) }
            return nil
        }
    }

    private static func room(_ row: (String, String, String, String, String)) throws -> StoredRoom {
        let decoder = WireCoding.decoder()
        return StoredRoom(
            info: try decoder.decode(RoomInfo.self, from: Data(row.3.utf8)),
            agenda: try decoder.decode([AgendaItem].self, from: Data(row.4.utf8)),
            code: row.1, moderatorKeyHash: row.2)
    }

    // MARK: Appending

    func append(
        roomId: String, after: Int64, request: IdempotencyKey?, _ make: @escaping @Sendable (_ missed: [RoomEvent]) throws -> AppendBatch?
    ) async throws {
        let logger = self.logger
        if try await appendWithoutLock(roomId: roomId, after: after, request: request, make) { return }
        try await run {
            try await client.withTransaction(logger: logger) { connection in
                // The room's row lock: every server's appends to this room queue here, first come first
                // served. NO KEY: the foreign keys of rows inserted meanwhile by an append without
                // the lock (`appendWithoutLock`) take KEY SHARE on this row; FOR UPDATE would make
                // them wait for this transaction while it waits for their `seq`: a deadlock.
                let locked = try await connection.query("SELECT id FROM room WHERE id = \(roomId) FOR NO KEY UPDATE", logger: logger)
                var exists = false
                for try await _ in locked.decode(String.self) { exists = true }
                guard exists else { throw StoreError.unknownRoom(roomId) }
                if let request {
                    // Under the room's lock: a request another server recorded for this room has committed.
                    let recorded = try await connection.query(
                        "SELECT 1 FROM request WHERE room_id = \(roomId) AND participant_id = \(request.participantId) AND key = \(request.key)", logger: logger)
                    var seen = false
                    for try await _ in recorded { seen = true }
                    if seen { throw StoreError.duplicateRequest }
                }
                let decoder = WireCoding.decoder()
                // One read: the row at `after` proves the database is not behind; the rest were missed.
                var rows: [(seq: Int64, body: String)] = []
                let read = try await connection.query("SELECT seq, body FROM event WHERE room_id = \(roomId) AND seq >= \(after) ORDER BY seq", logger: logger)
                for try await (seq, body) in read.decode((Int64, String).self) { rows.append((seq, body)) }
                let missed = try AppendBatch.missed(after: after, in: rows, roomId: roomId) { try decoder.decode(RoomEvent.self, from: Data($0.utf8)) }
                guard let batch = try make(missed) else { return }
                try batch.checkFollows(head: missed.last?.seq ?? after)
                try await Self.write(batch, roomId: roomId, connection, logger)
            }
        }
        contended.withLock { _ = $0.remove(roomId) }
    }

    /// An append without the room's lock or a transaction of its own: one statement reads
    /// (the request's check, the event at `after` and any after it), one writes (the rows in
    /// one statement of CTEs, a transaction of its own; the rarer rows with them in a
    /// transaction). A post was six round trips to PostgreSQL (BEGIN, the room's lock, the
    /// request's check, the read of missed events, the rows, COMMIT), each statement parsed
    /// and planned there; it is two.
    ///
    /// It is optimistic, as `seq` allows: an event another server appended between the read
    /// and the write fails the write on `event_pkey` (`conflict`: the ledger reads what it
    /// missed and decides again), a request recorded meanwhile on `request_pkey` (the retry
    /// gets the first answer). As before, a retry is answered before anything is decided,
    /// and nothing is decided on a database behind the ledger. False: nothing was read into
    /// the room or decided, and the caller takes the locked transaction: a room's first
    /// event, no event at `after` (an unknown room, a database behind), or a room that
    /// conflicted just before (its appends queue on the room's lock rather than race).
    private func appendWithoutLock(
        roomId: String, after: Int64, request: IdempotencyKey?, _ make: @Sendable (_ missed: [RoomEvent]) throws -> AppendBatch?
    ) async throws -> Bool {
        guard after > 0, !contended.withLock({ $0.contains(roomId) }) else { return false }
        let logger = self.logger
        do {
            return try await run {
                let read = AppendRead(roomId: roomId, request: request, after: after)
                var rows: [(seq: Int64, body: String)] = []
                var seen = false
                for try await (isRecorded, seq, body) in try await client.execute(read, logger: logger) {
                    seen = seen || isRecorded
                    rows.append((seq, body))
                }
                guard rows.first?.seq == after else { return false }
                if seen { throw StoreError.duplicateRequest }
                let decoder = WireCoding.decoder()
                let missed = try AppendBatch.missed(after: after, in: rows, roomId: roomId) { try decoder.decode(RoomEvent.self, from: Data($0.utf8)) }
                guard let batch = try make(missed) else { return true }
                try batch.checkFollows(head: missed.last?.seq ?? after)
                if batch.hasCommonRowsOnly {
                    // The statement's error (a taken `seq`) comes with its rows: read them all.
                    for try await _ in try await client.execute(AppendWrite(batch, roomId: roomId), logger: logger) {}
                } else {
                    try await client.withTransaction(logger: logger) { connection in try await Self.write(batch, roomId: roomId, connection, logger) }
                }
                return true
            }
        } catch StoreError.conflict(let room, let seq) {
            contended.withLock { _ = $0.insert(roomId) }
            throw StoreError.conflict(roomId: room, seq: seq)
        }
    }

    /// The batch's rows, inside the open transaction.
    ///
    /// The common rows (the request's answer, the events, the messages' index) and the
    /// wake-up go in one prepared statement of data-modifying CTEs (`AppendWrite`). The
    /// rare rows follow, one statement each.
    private static func write(_ batch: AppendBatch, roomId: String, _ connection: PostgresConnection, _ logger: Logger) async throws {
        if batch.request != nil || !batch.events.isEmpty {
            // Its error (a `seq` taken by an append without the lock) comes after its row: an
            // error not read would leave the transaction aborted, and PostgreSQL answers the
            // COMMIT of an aborted transaction with a ROLLBACK, not an error.
            for try await _ in try await connection.execute(AppendWrite(batch, roomId: roomId), logger: logger) {}
        }
        for event in batch.events {
            if case .messageDeleted(let messageId) = event.kind {
                try await connection.query("UPDATE message SET deleted = true WHERE room_id = \(roomId) AND id = \(messageId)", logger: logger)
            }
        }
        if let grant = batch.grant {
            try await connection.query(
                "INSERT INTO token (hash, room_id, participant_id) VALUES (\(grant.tokenHash), \(roomId), \(grant.participantId))", logger: logger)
        }
        if let revoke = batch.revoke {
            try await connection.query(
                "UPDATE token SET revoked = \(revoke.reason) WHERE room_id = \(roomId) AND participant_id = ANY(\(revoke.participants))", logger: logger)
        }
        if let state = batch.snapshot {
            let body = text(try WireCoding.encoder().encode(state))
            try await connection.query(
                "INSERT INTO snapshot (room_id, seq, body) VALUES (\(roomId), \(state.seq), \(body)) ON CONFLICT (room_id, seq) DO UPDATE SET body = EXCLUDED.body",
                logger: logger)
            try await connection.query("DELETE FROM snapshot WHERE room_id = \(roomId) AND seq < \(state.seq)", logger: logger)
        }
    }

    // MARK: Errors

    /// Runs a database operation, turning postgres-nio's errors into the store's own.
    func run<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw Self.translate(error)
        }
    }

    private static func translate(_ error: any Error) -> any Error {
        switch error {
        case let error as StoreError: return error
        case let error as PSQLError: return translate(error)
        case let error as PostgresTransactionError:
            // A refusal inside the transaction is the closure's error; a failed COMMIT has
            // an unknown outcome, which the client's retry with the same clientId settles.
            if let inner = error.closureError { return translate(inner) }
            return StoreError.unavailable(describe(error.commitError ?? error.beginError ?? error))
        // A refusal decided inside the transaction goes back to the caller as it was.
        case is CancellationError, is APIError, is DecodingError: return error
        default: return StoreError.unavailable(describe(error))
        }
    }

    private static func translate(_ error: PSQLError) -> StoreError {
        if let state = error.serverInfo?[.sqlState], state == "23505" {
            let constraint = error.serverInfo?[.constraintName] ?? ""
            // A taken `seq`: the event's, or the message index's when its insert ran first.
            if constraint.hasPrefix("event") || constraint == "message_pkey" { return .conflict(roomId: "", seq: 0) }
            if constraint.hasPrefix("request") { return .duplicateRequest }
            if constraint.hasPrefix("room") { return .duplicateRoom }
            return .corrupt("unique constraint \(constraint)")
        }
        return .unavailable(describe(error))
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return "\(error.code): \(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }

    private static func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }
}

extension AppendBatch {
    /// Whether `PostgresRoomStore.commonRows` writes the whole batch: no token granted or
    /// revoked, no snapshot, no message deleted.
    var hasCommonRowsOnly: Bool {
        grant == nil && revoke == nil && snapshot == nil && !events.contains { event in
            if case .messageDeleted = event.kind { return true }
            return false
        }
    }
}

/// The read of an append without the lock, prepared once per connection: whether the
/// request is recorded (false without one), and the events from `after` on.
struct AppendRead: PostgresPreparedStatement {
    static let name = "momentum_append_read"
    static let sql = """
        SELECT EXISTS (SELECT 1 FROM request WHERE room_id = $1 AND participant_id = $2 AND key = $3), seq, body \
        FROM event WHERE room_id = $1 AND seq >= $4 ORDER BY seq
        """
    static let bindingDataTypes: [PostgresDataType] = [.text, .text, .text, .int8]
    typealias Row = (Bool, Int64, String)

    var roomId: String
    var request: IdempotencyKey?
    var after: Int64

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 4)
        bindings.append(roomId)
        if let request {
            bindings.append(request.participantId)
            bindings.append(request.key)
        } else {
            bindings.appendNull()
            bindings.appendNull()
        }
        bindings.append(after)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// The write of an append, prepared once per connection: the common rows of any batch (one
/// shape for all: a missing request or empty arrays insert nothing) and the wake-up when
/// there are events (`ChangeNotice`). One row when it notified.
struct AppendWrite: PostgresPreparedStatement {
    static let name = "momentum_append_write"
    static let sql = """
        WITH request_row AS (INSERT INTO request (room_id, participant_id, key, response) SELECT $1, $2, $3, $4 WHERE $2 IS NOT NULL), \
        event_rows AS (INSERT INTO event (room_id, seq, body) SELECT $1, s, b FROM UNNEST($5::bigint[], $6::text[]) AS t(s, b)), \
        message_rows AS (INSERT INTO message (room_id, seq, id) SELECT $1, s, i FROM UNNEST($7::bigint[], $8::text[]) AS t(s, i)) \
        SELECT pg_notify('\(PostgresRoomStore.channel)', $9) WHERE cardinality($5::bigint[]) > 0
        """
    static let bindingDataTypes: [PostgresDataType] = [.text, .text, .text, .text, .int8Array, .textArray, .int8Array, .textArray, .text]
    typealias Row = Void

    let roomId: String
    let batch: AppendBatch

    init(_ batch: AppendBatch, roomId: String) {
        self.batch = batch
        self.roomId = roomId
    }

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 8)
        bindings.append(roomId)
        if let request = batch.request {
            bindings.append(request.key.participantId)
            bindings.append(request.key.key)
            bindings.append(String(decoding: request.response, as: UTF8.self))
        } else {
            bindings.appendNull()
            bindings.appendNull()
            bindings.appendNull()
        }
        bindings.append(batch.events.map(\.seq))
        bindings.append(batch.bodies.map { String(decoding: $0, as: UTF8.self) })
        // An index into the events, which hold the messages (`StoredMessage`).
        let messages: [ChatMessage] = batch.events.compactMap { event in
            guard case .message(let message) = event.kind else { return nil }
            return message
        }
        bindings.append(messages.map(\.seq))
        bindings.append(messages.map(\.id))
        bindings.append(ChangeNotice(roomId: roomId, seq: batch.events.last?.seq).payload)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws {}
}
