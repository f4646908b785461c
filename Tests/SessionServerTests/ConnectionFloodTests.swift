import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// Nobody takes the server off the air by holding connections open.
@Suite("Connection floods")
struct ConnectionFloodTests {
    @Test func headersThatTrickleAreCutAfterTheIdleTimeout() async throws {
        let server = try await TestServer { $0.idleTimeout = 1 }
        let port = Int(server.url.split(separator: ":").last!)!
        let start = ContinuousClock.now
        // Headers that never end: the server must close, long before this read gives up.
        let answer = try await RawHTTP.exchange(port: port, Array("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: a".utf8), seconds: 20)
        #expect(answer.isEmpty)
        #expect(ContinuousClock.now - start < .seconds(15), "closed by the server's idle timeout, not by the test's own")
        // A connection in use is not cut: a poll held longer than the idle timeout is answered.
        let lea = try await server.join(try await server.createRoom(), "Léa")
        let held = try await server.api.events(lea.credentials, after: lea.cursor, timeout: 3)
        #expect(held.events.isEmpty)
        await server.stop()
    }

    @Test func oneAddressCannotTakeEveryDescriptor() async throws {
        let server = try await ServerProcess(database: ":memory:", extraArguments: ["--admin-token", "t"], launcher: ["prlimit", "--nofile=1024:1024"])
        defer { server.terminate() }
        // 1,100 idle connections from one address, more than the server's descriptors.
        let flood = try ConnectionFlood(port: server.port, count: 1_100, from: "127.0.0.2")
        defer { flood.stop() }
        #expect(await eventually(within: 30) { flood.opened == 1_100 }, "\(flood.transcript)")
        #expect(await eventually(within: 20) { flood.closedByServer >= 1_100 - 256 }, "beyond 256 from one address, connections are closed")

        // Someone else still gets in and chats.
        let engine = CurlEngine()
        defer { engine.shutdown() }
        let api = SessionAPI(baseURL: server.url, transport: engine)
        let room = try await api.createRoom(adminToken: "t", CreateRoomRequest(title: "Atelier", agenda: [AgendaDraft(title: "Accueil", day: 1, start: "09:00", minutes: 30)]))
        let karim = try await api.join(JoinRequest(code: room.code, name: "Karim"))
        _ = try await api.postMessage(karim.credentials, PostMessageRequest(text: "toujours là", clientId: "m1"))

        // Long-polls sent and abandoned at once leave nothing parked behind them.
        let poll = "GET /v1/rooms/\(room.roomId)/events?after=\(karim.cursor)&timeout=30 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(karim.token)\r\n\r\n"
        let abandoned = try ConnectionFlood(port: server.port, count: 200, from: "127.0.0.3", payload: poll)
        #expect(await eventually(within: 30) { abandoned.opened == 200 })
        abandoned.stop()
        let state = try await api.state(karim.credentials).state
        #expect(state.messages.map(\.text) == ["toujours là"])
    }
}
