public import Foundation
import Hummingbird
import HummingbirdCore
public import Logging
import NIOCore
import NIOPosix
public import SessionModel
import ServiceLifecycle
import Synchronization


/// A running session server: `momentum serve`, the demo's embedded server, and the tests' server.
public final class SessionServer: Sendable {
    public let config: ServerConfig
    let service: SessionService
    private let group = Mutex<ServiceGroup?>(nil)
    private let stopRequested = Mutex(false)
    private let preparation = AsyncLock()
    private let prepared = Mutex(false)

    /// Opens the database named by `config.databasePath` (a SQLite file, whose folder is
    /// created, `:memory:`, or a `postgres://` URL). A SQLite file is opened and migrated
    /// here; PostgreSQL is reached when the server starts (`prepare`).
    public init(config: ServerConfig, logger: Logger = Logger(label: "momentum.server")) throws {
        self.config = config
        let store: any RoomStore
        do {
            switch try DatabaseLocation(config.databasePath) {
            case .memory:
                store = MemoryRoomStore()
            case .sqlite(let path):
                let folder = (path as NSString).deletingLastPathComponent
                if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
                store = try SQLiteRoomStore(path: path)
            case .postgres(let url):
                store = try PostgresRoomStore(url: url, connections: config.postgresConnections, logger: logger)
            }
        } catch let error as DatabaseLocationError {
            throw ServerError.database(error.description)
        }
        service = SessionService(store: store, config: config, metrics: ServerMetrics(), logger: logger)
    }

    /// Connects to the database, applies its migrations and loads every room (the last
    /// snapshot and the events after it). `run` and `createRoom` call it; it runs once.
    public func prepare() async throws {
        try await preparation.withLock {
            if prepared.withLock({ $0 }) { return }
            do {
                if let postgres = service.ledger.store as? PostgresRoomStore { try await postgres.start() }
                try await service.ledger.loadAll()
            } catch let error as StoreError {
                throw ServerError.database(error.description)
            }
            prepared.withLock { $0 = true }
        }
    }

    /// Creates a room, as `POST /v1/rooms` does; for `--workshop` and the demo.
    public func createRoom(_ request: CreateRoomRequest) async throws -> CreateRoomResponse {
        try await prepare()
        do {
            return try await service.createRoom(request)
        } catch let error as APIError {
            throw ServerError.invalidWorkshop(error.message)
        }
    }

    /// What opening a workshop at start did.
    public enum WorkshopOpening: Sendable, Equatable {
        /// A new room: its code and its moderator key, to be shown once.
        case created(CreateRoomResponse)
        /// The room this workshop opened before, with its code; its moderator key was
        /// shown when it was created (only its hash is kept).
        case reopened(roomId: String, code: String, title: String)
    }

    /// Opens the room of a workshop that `name` identifies (a file's path, or `--room`):
    /// the same name opens the same room at every start, so learners keep their code and
    /// their seats across restarts of the server.
    public func openWorkshop(_ request: CreateRoomRequest, name: String) async throws -> WorkshopOpening {
        try await prepare()
        let roomId = "r_w" + String(Secrets.hash("workshop:" + name).prefix(16))
        if let room = try await service.ledger.room(id: roomId) {
            return .reopened(roomId: roomId, code: room.code, title: room.info.title)
        }
        do {
            return .created(try await service.createRoom(request, roomId: roomId))
        } catch let error as APIError {
            throw ServerError.invalidWorkshop(error.message)
        }
    }

    /// Serves until `stop()`, SIGTERM or SIGINT (graceful: parked long-polls are answered
    /// first), or until the task is cancelled; `onListening` gets the bound port.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await prepare()
        let service = self.service
        Task { await service.refreshGauges() }
        let fastPath = config.pollFastPath ? LongPollFastPath(service: service) : nil
        // A trusted proxy speaks for many clients: its connections are not capped per address.
        let book = ConnectionBook(limits: .init(
            total: DescriptorLimit.connections(), perAddress: config.connectionsPerAddress,
            exempt: ClientAddress(trustedProxies: config.trustedProxies).trustedProxies))
        let timeouts = HTTPConnection.Timeouts(idle: .milliseconds(Int64(config.idleTimeout * 1000)), body: .milliseconds(Int64(config.bodyTimeout * 1000)))
        let responder = Routes(service: service).build().buildResponder()
        let shared = HTTPConnection.Shared(fastPath: fastPath, responder: responder, book: book, timeouts: timeouts, logger: service.logger)
        // NIO's shared group has a loop per CPU of the machine; a server allowed fewer CPUs
        // gets a group of its own, sized to them.
        let allowed = EventLoops.count()
        let loops: MultiThreadedEventLoopGroup? = allowed < System.coreCount ? MultiThreadedEventLoopGroup(numberOfThreads: allowed) : nil
        defer { loops?.shutdownGracefully { _ in } }
        let app = Application(
            responder: responder,
            server: HTTPServerBuilder { _ in HTTPConnectionChannel(shared: shared) },
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "momentum"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            eventLoopGroupProvider: loops.map { .shared($0) } ?? .singleton,
            logger: service.logger)
        var services: [any Service] = [app, BackgroundWork(service: service)]
        if service.ledger.store.isShared { services.append(ChangeFeed(service: service)) }
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: service.logger))
        self.group.withLock { $0 = group }
        if !stopRequested.withLock({ $0 }) {
            do {
                try await group.run()
            } catch {
                await service.ledger.store.close()
                throw error
            }
        }
        await service.ledger.store.close()
    }

    /// Stops a running server gracefully.
    public func stop() async {
        stopRequested.withLock { $0 = true }
        await group.withLock({ $0 })?.triggerGracefulShutdown()
    }
}

/// Errors a person starting a server can act on.
public enum ServerError: Error, CustomStringConvertible {
    case invalidWorkshop(String)
    case database(String)

    public var description: String {
        switch self {
        case .invalidWorkshop(let message): "The workshop file was refused: \(message)"
        case .database(let message): message
        }
    }
}

/// The server's timers: long-poll holds running out, exercise timers ending, and presence.
///
/// It comes after the HTTP server in the service group, so on shutdown it stops first and
/// answers every parked long-poll; the HTTP server then closes without waiting out their holds.
struct BackgroundWork: Service {
    let service: SessionService

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            var lastPresence = ContinuousClock.now
            var lastPruning: ContinuousClock.Instant?
            while !Task.isCancelled {
                if service.config.retentionDays > 0, lastPruning.map({ ContinuousClock.now - $0 >= .seconds(3600) }) ?? true {
                    lastPruning = .now
                    await service.pruneRooms()
                }
                try await Task.sleep(for: .milliseconds(250))
                let due = service.hub.takeDeadlines()
                if service.ledger.store.isShared {
                    // Before an empty answer, re-read the room: a lost wake-up delays nobody past one hold.
                    for roomId in Set(due.map(\.roomId)) {
                        try? await service.ledger.refresh(roomId: roomId)
                    }
                }
                service.hub.expire(due)
                await service.endDueTimers()
                if ContinuousClock.now - lastPresence >= .seconds(service.config.presenceInterval) {
                    lastPresence = .now
                    await service.sweepPresence()
                    await service.sweepClaims()
                    await service.refreshGauges()
                }
            }
        }
        service.hub.shutdown()
    }
}

/// Wakes this server's hub when another server appends: each notification re-reads that
/// room; a reconnect of the listening connection re-reads every room.
struct ChangeFeed: Service {
    let service: SessionService

    func run() async throws {
        let changes = service.ledger.store.changes()
        await cancelWhenGracefulShutdown {
            for await payload in changes {
                do {
                    if let payload {
                        let notice = ChangeNotice(payload: payload)
                        try await service.ledger.refresh(roomId: notice.roomId, through: notice.seq)
                    } else {
                        try await service.ledger.refreshAll()
                    }
                } catch is CancellationError {
                    return
                } catch {
                    service.logger.warning("re-reading rooms after a notification failed: \(error)")
                }
            }
        }
    }
}

extension SessionService {
    /// Rooms and present participants, for /metrics.
    func refreshGauges() async {
        let ids = ledger.roomIds()
        var present = 0
        for id in ids { present += (try? await ledger.state(roomId: id))?.present.count ?? 0 }
        metrics.rooms.set(Double(ids.count))
        metrics.participants.set(Double(present))
        let usage = ledger.allUsage().values.map(\.bytes)
        metrics.storedBytes.set(Double(usage.reduce(0, +)))
        metrics.largestRoomBytes.set(Double(usage.max() ?? 0))
    }
}
