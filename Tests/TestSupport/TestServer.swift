public import Foundation
import Logging
public import SessionClient
public import SessionModel
public import SessionServer

/// A real session server on 127.0.0.1 and a free port, with its database in a temporary folder.
public final class TestServer: Sendable {
    public let url: String
    public let engine: CurlEngine
    public let api: SessionAPI
    public let databasePath: String
    public let adminToken = "test-admin-token"
    private let task: Task<Void, any Error>
    private let server: SessionServer

    /// Starts a server; `configure` may change the config (rate limits, timeouts) first.
    public init(databasePath: String? = nil, configure: (inout ServerConfig) -> Void = { _ in }) async throws {
        let path = databasePath ?? TestServer.temporaryDatabase()
        var config = ServerConfig(host: "127.0.0.1", port: 0, databasePath: path, adminToken: "test-admin-token")
        config.joinBurst = 1000
        config.messageBurst = 1000
        config.handBurst = 1000
        configure(&config)
        var logger = Logger(label: "momentum.test-server")
        logger.logLevel = .warning
        let server = try SessionServer(config: config, logger: logger)
        self.server = server
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        task = Task {
            defer { continuation.finish() }
            try await server.run { port in continuation.yield(port) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw TestFailure("the server did not start") }
        self.databasePath = path
        url = "http://127.0.0.1:\(port)"
        engine = CurlEngine()
        api = SessionAPI(baseURL: url, transport: engine)
    }

    public func stop() async {
        await server.stop()
        _ = await task.result
        engine.shutdown()
        if databasePath.hasPrefix("/") {
            try? FileManager.default.removeItem(atPath: (databasePath as NSString).deletingLastPathComponent)
        }
    }

    public static func temporaryDatabase() -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("momentum-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("test.sqlite").path
    }

    /// A room with a three-item agenda.
    public func createRoom(title: String = "Les métiers du Web") async throws -> CreateRoomResponse {
        try await api.createRoom(adminToken: adminToken, CreateRoomRequest(title: title, agenda: [
            AgendaDraft(title: "Accueil", day: 1, start: "09:00", minutes: 30),
            AgendaDraft(title: "UX design", day: 1, start: "09:30", minutes: 60),
            AgendaDraft(title: "SEO", day: 2, start: "09:00", minutes: 45),
        ]))
    }

    public func join(_ room: CreateRoomResponse, _ name: String, expert: Bool = false) async throws -> JoinResponse {
        try await api.join(JoinRequest(code: room.code, name: name, moderatorKey: expert ? room.moderatorKey : nil))
    }

    /// Any request, with any body, for tests of bad input.
    public func raw(_ method: String, _ path: String, token: String? = nil, body: String? = nil) async throws -> HTTPResponse {
        var headers = ["Content-Type": "application/json"]
        if let token { headers["Authorization"] = "Bearer \(token)" }
        return try await engine.send(HTTPRequest(method: method, url: url + path, headers: headers, body: body.map { Data($0.utf8) }, timeout: 30))
    }
}

extension HTTPResponse {
    /// The `{error, message}` body of a refusal.
    public var apiError: APIErrorBody? { try? WireCoding.decoder().decode(APIErrorBody.self, from: body) }
}

public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Polls `condition` until it holds or `seconds` pass; no fixed sleeps in tests.
public func eventually(within seconds: Double = 10, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
