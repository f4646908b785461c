public import Foundation
import Hummingbird
public import Logging
import NIOCore
public import SessionModel
import ServiceLifecycle


/// A running session server: `momentum serve`, the demo's embedded server, and the tests' server.
public final class SessionServer: Sendable {
    public let config: ServerConfig
    let service: SessionService

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

    /// Serves until the task is cancelled or SIGTERM/SIGINT arrive; `onListening` gets the bound port.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let service = self.service
        Task { await service.refreshGauges() }
        let app = Application(
            router: Routes(service: service).build(),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "momentum"),
            services: [BackgroundWork(service: service)],
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: service.logger)
        try await app.runService()
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
struct BackgroundWork: Service {
    let service: SessionService

    func run() async throws {
        var lastPresence = ContinuousClock.now
        await withGracefulShutdownHandler {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(250))
                service.hub.expireWaiters()
                if ContinuousClock.now - lastPresence >= .seconds(service.config.presenceInterval) {
                    lastPresence = .now
                    await service.sweepPresence()
                    await service.refreshGauges()
                }
            }
        } onGracefulShutdown: {
            service.hub.shutdown()
        }
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
