import Logging
import NIOCore
import NIOSSL
import PostgresNIO
import Synchronization

/// One connection that LISTENs for appends by any server, reconnecting by itself.
///
/// It yields the payload of each notification (`ChangeNotice`), and `nil` each time it (re)connects: a
/// notification may have been missed while it was away, so every room must be re-read.
/// The table stays the truth; a lost wake-up costs at most one re-read.
final class PostgresListener: Sendable {
    let changes: AsyncStream<String?>
    private let continuation: AsyncStream<String?>.Continuation
    private let configuration: PostgresConnection.Configuration
    private let channel: String
    private let logger: Logger
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(url: PostgresURL, channel: String, logger: Logger) throws {
        (changes, continuation) = AsyncStream.makeStream(of: String?.self, bufferingPolicy: .bufferingNewest(4096))
        var configuration: PostgresConnection.Configuration
        if let folder = url.socketFolder {
            configuration = .init(unixSocketPath: folder + "/.s.PGSQL.\(url.port)", username: url.user, password: url.password, database: url.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            switch url.sslMode {
            case "require": tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case "prefer": tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default: tls = .disable
            }
            configuration = .init(host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: tls)
        }
        // Named, so that an operator (or a test) can find this connection in pg_stat_activity.
        configuration.options.additionalStartupParameters = [("application_name", "momentum-listen")]
        self.configuration = configuration
        self.channel = channel
        self.logger = logger
    }

    /// A connection of its own, outside the pool: for the migrations at start, which must
    /// fail at once with the reason when the database cannot be reached.
    func connect(id: Int) async throws -> PostgresConnection {
        try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger)
    }

    func start() {
        let work = Task { [self] in await listen() }
        task.withLock { $0 = work }
    }

    func stop() {
        task.withLock { $0?.cancel() }
        continuation.finish()
    }

    private func listen() async {
        var delay = Duration.milliseconds(100)
        var id = 0
        while !Task.isCancelled {
            id += 1
            do {
                let connection = try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger)
                do {
                    try await connection.listen(on: channel) { notifications in
                        delay = .milliseconds(100)
                        continuation.yield(nil)
                        for try await notification in notifications { continuation.yield(notification.payload) }
                    }
                } catch {
                    if !Task.isCancelled { logger.warning("the LISTEN connection to PostgreSQL ended: \(PostgresRoomStore.describe(error)); reconnecting") }
                }
                try? await connection.close()
            } catch {
                if !Task.isCancelled { logger.warning("cannot LISTEN on PostgreSQL: \(PostgresRoomStore.describe(error)); retrying") }
            }
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(2))
        }
    }
}

/// What an append's notification says: the room, and the last `seq` it appended.
///
/// Every server hears its own appends too. With the room alone, each of them re-read the
/// room it had just written (a query and the room's lock, one more statement for every
/// post); with the `seq`, a server that has folded it in already skips it. A payload
/// without a `seq` (a server of an earlier version) is re-read as before.
struct ChangeNotice: Equatable {
    var roomId: String
    var seq: Int64?

    var payload: String { seq.map { "\(roomId) \($0)" } ?? roomId }

    init(roomId: String, seq: Int64?) {
        self.roomId = roomId
        self.seq = seq
    }

    init(payload: String) {
        if let space = payload.lastIndex(of: " "), let seq = Int64(payload[payload.index(after: space)...]) {
            self.init(roomId: String(payload[..<space]), seq: seq)
        } else {
            self.init(roomId: payload, seq: nil)
        }
    }
}
