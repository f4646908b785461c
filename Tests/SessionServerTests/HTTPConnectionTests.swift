import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// The server's own HTTP/1.1 connection (`HTTPConnection`), over a raw socket: framing,
/// order, and refusals that close.
@Suite("HTTP/1.1 connections")
struct HTTPConnectionTests {
    func port(_ server: TestServer) -> Int { Int(server.url.split(separator: ":").last!)! }

    /// The status of each response, in order (a response follows the last one's body directly).
    func statuses(_ answer: String) -> [Int] {
        answer.components(separatedBy: "HTTP/1.1 ").dropFirst().compactMap { Int($0.prefix(3)) }
    }

    @Test func aMalformedRequestGetsAnErrorAndTheConnectionCloses() async throws {
        let server = try await TestServer()
        // The second request would be answered if the connection stayed open.
        let answer = try await RawHTTP.exchange(port: port(server), Array("GET /healthz HTTP/1.1\r\nHost: x\r\nX-A : 1\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(statuses(answer) == [400])
        #expect(answer.contains("Connection: close\r\n"))
        #expect(answer.contains(#""error":"bad_request""#))
        await server.stop()
    }

    @Test func pipelinedRequestsAreAnsweredInOrderAndCloseWhenAsked() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let lea = try await server.join(room, "Léa")
        let body = #"{"text":"un","clientId":"c1"}"#
        let bytes = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /v1/rooms/\(room.roomId)/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(lea.token)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
            + "GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
        let answer = try await RawHTTP.exchange(port: port(server), Array(bytes.utf8))
        #expect(statuses(answer) == [200, 201, 404], "\(answer)")
        await server.stop()
    }

    @Test func aChunkedBodyWithExpectContinueIsRead() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let lea = try await server.join(room, "Léa")
        let bytes = "POST /v1/rooms/\(room.roomId)/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(lea.token)\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"
            + "C\r\n{\"text\":\"bon\r\n12;x=y\r\njour\",\"clientId\":\"\r\n4\r\nc2\"}\r\n0\r\n\r\n"
        let answer = try await RawHTTP.exchange(port: port(server), Array(bytes.utf8))
        #expect(statuses(answer) == [100, 201], "\(answer)")
        let history = try await server.api.messages(lea.credentials, before: nil, limit: 10)
        #expect(history.messages.map(\.text) == ["bonjour"])
        await server.stop()
    }

    @Test func aBodyLargerThanTheLimitIsReadOnAndRefused() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let lea = try await server.join(room, "Léa")
        let size = Limits.requestBodyMax * 2
        let bytes = "POST /v1/rooms/\(room.roomId)/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(lea.token)\r\nContent-Length: \(size)\r\n\r\n"
            + String(repeating: "x", count: size) + "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        let answer = try await RawHTTP.exchange(port: port(server), Array(bytes.utf8))
        #expect(statuses(answer) == [413, 200], "\(answer.prefix(300))")
        await server.stop()
    }

    @Test func aHalfClosedClientGetsItsAnswer() async throws {
        let server = try await TestServer()
        let answer = try await RawHTTP.exchange(port: port(server), Array("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".utf8), halfClose: true)
        #expect(statuses(answer) == [200])
        #expect(answer.contains("Date: ") && answer.contains("Server: momentum\r\n"))
        await server.stop()
    }

    /// How many `/healthz` requests the server answered, from `/metrics`.
    func healthChecks(_ server: TestServer) async throws -> Int {
        let text = String(decoding: try await server.raw("GET", "/metrics").body, as: UTF8.self)
        let line = text.split(separator: "\n").first { $0.hasPrefix("momentum_request_duration_seconds_count") && $0.contains(#"route="/healthz""#) }
        return line.flatMap { Double($0.split(separator: " ").last ?? "") }.map { Int($0) } ?? 0
    }

    /// A client that pipelines request after request and never reads the answers must not
    /// fill the server's memory with them: once its answers wait unread, it is no longer
    /// read. Without that, the server answered all 200,000 requests into its own memory.
    @Test func aClientThatDoesNotReadItsAnswersIsNoLongerRead() async throws {
        let server = try await TestServer()
        let count = 200_000
        let flood = Array(repeating: Array("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".utf8), count: count).flatMap { $0 }
        let client = try RawHTTP.Unread(port: port(server))
        defer { client.close() }
        _ = await client.write(flood, stall: 3000)
        // The server stops answering while the client still holds its connection open.
        let settled = try await eventually(within: 30) {
            let before = try await healthChecks(server)
            try await Task.sleep(for: .milliseconds(500))
            return try await healthChecks(server) == before
        }
        let answered = try await healthChecks(server)
        #expect(settled)
        // The kernel's buffers and NIO's high-water mark hold a few tens of thousands of answers.
        #expect(answered < count / 3, "\(answered) of \(count) requests were answered unread")
        await server.stop()
    }

    /// A learner's post whose connection drops as soon as it is sent is still committed
    /// once (a write's task is not cancelled with its connection).
    @Test func aPostWhoseConnectionDropsIsStillCommitted() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let lea = try await server.join(room, "Léa")
        let body = #"{"text":"envoyé avant la coupure","clientId":"cut-1"}"#
        let client = try RawHTTP.Unread(port: port(server))
        _ = await client.write(Array(("POST /v1/rooms/\(room.roomId)/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(lea.token)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body).utf8), stall: 1000)
        client.close()
        #expect(try await eventually {
            try await server.api.messages(lea.credentials, before: nil, limit: 10).messages.map(\.text) == ["envoyé avant la coupure"]
        })
        await server.stop()
    }
}
