import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// The long-poll answered on the event loop (`LongPollHandler`) keeps HTTP's rules and the
/// general path's answers.
@Suite("Long-poll fast path")
struct LongPollHandlerTests {
    /// How many polls the server holds now, from `/metrics`.
    func openPolls(_ server: TestServer) async throws -> Int? {
        let text = String(decoding: try await server.raw("GET", "/metrics").body, as: UTF8.self)
        let line = text.split(separator: "\n").first { $0.hasPrefix("momentum_open_long_polls ") }
        return line.flatMap { Double($0.split(separator: " ").last ?? "") }.map { Int($0) }
    }

    /// How many answered polls the route's latency histogram counts, from `/metrics`.
    func answeredPolls(_ server: TestServer) async throws -> Int {
        let text = String(decoding: try await server.raw("GET", "/metrics").body, as: UTF8.self)
        let line = text.split(separator: "\n").first {
            $0.hasPrefix("momentum_request_duration_seconds_count") && $0.contains(#"route="/v1/rooms/{roomId}/events""#) && $0.contains(#"status="2xx""#)
        }
        return line.flatMap { Double($0.split(separator: " ").last ?? "") }.map { Int($0) } ?? 0
    }

    func port(_ server: TestServer) -> Int { Int(server.url.split(separator: ":").last!)! }

    func pollRequest(_ room: String, _ token: String, after: String, timeout: Int, extra: String = "") -> String {
        "GET /v1/rooms/\(room)/events?after=\(after)&timeout=\(timeout) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\n\(extra)\r\n"
    }

    @Test(arguments: [true, false])
    func aParkedPollIsAnsweredOnCommitOnEitherPath(fastPath: Bool) async throws {
        let server = try await TestServer { $0.pollFastPath = fastPath }
        let room = try await server.createRoom()
        let karim = try await server.join(room, "Karim")
        let lea = try await server.join(room, "Léa")
        // The first poll of a token takes the general path (the token is checked there once).
        let first = try await server.api.events(lea.credentials, after: lea.cursor, timeout: 0)
        async let parked = server.api.events(lea.credentials, after: first.cursor, timeout: 20)
        #expect(try await eventually { try await openPolls(server) == 1 })
        _ = try await server.api.postMessage(karim.credentials, PostMessageRequest(text: "bonjour", clientId: "m1"))
        let answer = try await parked
        #expect(answer.events.compactMap { if case .message(let message) = $0.kind { message.text } else { nil } } == ["bonjour"])
        #expect(try await eventually { try await openPolls(server) == 0 })
        // Either path counts its answers in the route's latency histogram.
        #expect(try await answeredPolls(server) == 2)
        await server.stop()
    }

    @Test func aPollWhoseConnectionClosesLeavesTheHubAtOnce() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let lea = try await server.join(room, "Léa")
        let first = try await server.api.events(lea.credentials, after: lea.cursor, timeout: 0)
        // Held for 30 s, but the client hangs up once the poll is parked.
        let client = try ConnectionFlood(port: port(server), count: 1, from: "127.0.0.4",
                                         payload: pollRequest(room.roomId, lea.token, after: first.cursor, timeout: 30))
        #expect(try await eventually(within: 20) { try await openPolls(server) == 1 })
        client.stop()
        // Well within the 30 s hold, with room for a loaded machine.
        #expect(try await eventually(within: 15) { try await openPolls(server) == 0 })
        await server.stop()
    }

    @Test func aRequestPipelinedBehindAParkedPollIsAnsweredAfterIt() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let lea = try await server.join(room, "Léa")
        let first = try await server.api.events(lea.credentials, after: lea.cursor, timeout: 0)
        let bytes = pollRequest(room.roomId, lea.token, after: first.cursor, timeout: 1)
            + "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        let answer = try await RawHTTP.exchange(port: port(server), Array(bytes.utf8), seconds: 10)
        let events = try #require(answer.range(of: #"{"cursor":"\#(first.cursor)","events":[]}"#) ?? answer.range(of: #""events":[]"#))
        let health = try #require(answer.range(of: #""status":"ok""#))
        #expect(events.lowerBound < health.lowerBound, "the poll's answer comes first: \(answer)")
        #expect(answer.components(separatedBy: "HTTP/1.1 200").count == 3)
        await server.stop()
    }

    @Test func unusualPollsTakeTheGeneralPathWithItsErrors() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let lea = try await server.join(room, "Léa")
        _ = try await server.api.events(lea.credentials, after: lea.cursor, timeout: 0)
        let ahead = try await server.raw("GET", "/v1/rooms/\(room.roomId)/events?after=c999&timeout=0", token: lea.token)
        #expect(ahead.status == 410)
        let badTimeout = try await server.raw("GET", "/v1/rooms/\(room.roomId)/events?after=\(lea.cursor)&timeout=99999", token: lea.token)
        #expect(badTimeout.status == 400)
        #expect(badTimeout.apiError?.error == "invalid_timeout")
        let otherRoom = try await server.createRoom(title: "Autre salle")
        let wrongRoom = try await server.raw("GET", "/v1/rooms/\(otherRoom.roomId)/events?after=c0&timeout=0", token: lea.token)
        #expect(wrongRoom.status == 403)
        let noToken = try await server.raw("GET", "/v1/rooms/\(room.roomId)/events?after=\(lea.cursor)&timeout=0")
        #expect(noToken.status == 401)
        await server.stop()
    }

    @Test func aParticipantRemovedWhileKnownIsRefusedNotServed() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let sarah = try await server.join(room, "Sarah", expert: true)
        let karim = try await server.join(room, "Karim")
        _ = try await server.api.events(karim.credentials, after: karim.cursor, timeout: 0)
        _ = try await server.api.moderate(sarah.credentials, .remove, ModerationRequest(participantId: karim.participant.id))
        let after = try await server.raw("GET", "/v1/rooms/\(room.roomId)/events?after=\(karim.cursor)&timeout=0", token: karim.token)
        #expect(after.status == 401)
        #expect(after.apiError?.error == "removed")
        await server.stop()
    }
}
