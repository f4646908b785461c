public import Foundation
import Hummingbird
public import Logging
import NIOCore
public import SessionModel
import ServiceLifecycle
import Synchronization


/// A running session server: `momentum serve`, the demo's embedded server, and the tests' server.
public final class SessionServer: Sendable {
    public let config: ServerConfig
    let service: SessionService
    private let group = Mutex<ServiceGroup?>(nil)
    private let stopRequested = Mutex(false)

    /// Opens the database (creating its folder) and loads every room.
    public init(config: ServerConfig, logger: Logger = Logger(label: "momentum.server")) throws {
        self.config = config
        let folder = (config.databasePath as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let store = try SQLiteEventStore(path: config.databasePath)
        service = SessionService(store: store, config: config, metrics: ServerMetrics(), logger: logger)
    }

    /// Creates a room, as `POST /v1/rooms` does; for `--workshop` and the demo.
    public func createRoom(_ request: CreateRoomRequest) async throws -> CreateRoomResponse {
        do {
            return try await service.createRoom(request)
        } catch let error as APIError {
            throw ServerError.invalidWorkshop(error.message)
        }
    }

    /// Serves until `stop()`, SIGTERM or SIGINT (graceful: parked long-polls are answered
    /// first), or until the task is cancelled; `onListening` gets the bound port.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let service = self.service
        Task { await service.refreshGauges() }
        let app = Application(
            router: Routes(service: service).build(),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "momentum"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: service.logger)
        let group = ServiceGroup(configuration: .init(services: [app, BackgroundWork(service: service)], gracefulShutdownSignals: [.sigterm, .sigint], logger: service.logger))
        self.group.withLock { $0 = group }
        if stopRequested.withLock({ $0 }) { return }
        try await group.run()
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

    public var description: String {
        switch self {
        case .invalidWorkshop(let message): "The workshop file was refused: \(message)"
        }
    }
}

/// The server's timers: long-poll holds running out, and presence.
///
/// It comes after the HTTP server in the service group, so on shutdown it stops first and
/// answers every parked long-poll; the HTTP server then closes without waiting out their holds.
struct BackgroundWork: Service {
    let service: SessionService

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            var lastPresence = ContinuousClock.now
            while !Task.isCancelled {
                try await Task.sleep(for: .milliseconds(250))
                service.hub.expireWaiters()
                if ContinuousClock.now - lastPresence >= .seconds(service.config.presenceInterval) {
                    lastPresence = .now
                    await service.sweepPresence()
                    await service.refreshGauges()
                }
            }
        }
        service.hub.shutdown()
    }
}

extension SessionService {
    /// Rooms and present participants, for /metrics.
    func refreshGauges() async {
        guard let ids = try? await store.roomIds() else { return }
        var present = 0
        for id in ids { present += (try? await store.state(roomId: id))?.present.count ?? 0 }
        metrics.rooms.set(Double(ids.count))
        metrics.participants.set(Double(present))
    }
}
