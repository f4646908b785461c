import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// One participant cannot flood the room's event stream with hand changes.
@Suite("Floods")
struct FloodTests {
    @Test func handTogglesAreLimitedAndAMutedLearnerIsSlowerStill() async throws {
        let server = try await TestServer { $0.handBurst = 4; $0.handRefillSeconds = 60 }
        let room = try await server.createRoom()
        let sarah = try await server.join(room, "Sarah", expert: true)
        let karim = try await server.join(room, "Karim")
        var accepted: [HandRequest] = []
        var refused = 0
        for n in 0..<12 {
            let request = HandRequest(raised: n % 2 == 0, clientId: "toggle-\(n)")
            let answer = try await server.raw("POST", "/v1/rooms/\(room.roomId)/hand", token: karim.token, body: String(decoding: try WireCoding.encoder().encode(request), as: UTF8.self))
            if answer.status == 200 { accepted.append(request) } else {
                #expect(answer.status == 429)
                #expect(answer.apiError?.error == "rate_limited")
                refused += 1
            }
        }
        #expect(accepted.count == 4)
        #expect(refused == 8)
        // A retry of a change that went through gets its answer, never a 429.
        let retry = try await server.raw("POST", "/v1/rooms/\(room.roomId)/hand", token: karim.token, body: #"{"raised": true, "clientId": "toggle-0"}"#)
        #expect(retry.status == 200)
        let head = try await server.api.state(sarah.credentials).state.seq
        #expect(head == 2 + 4, "two joins and four hand changes, nothing more")

        // Muted, Léa gets two changes, not the four of the others.
        let lea = try await server.join(room, "Léa")
        _ = try await server.api.moderate(sarah.credentials, .mute, ModerationRequest(participantId: lea.participant.id, muted: true))
        var leaAccepted = 0
        for n in 0..<6 {
            let body = #"{"raised": \#(n % 2 == 0), "clientId": "lea-\#(n)"}"#
            if try await server.raw("POST", "/v1/rooms/\(room.roomId)/hand", token: lea.token, body: body).status == 200 { leaAccepted += 1 }
        }
        #expect(leaAccepted == 2)
        await server.stop()
    }
}

/// Bodies that could mean two things, or that a web page could send, are refused.
@Suite("Ambiguous bodies")
struct AmbiguousBodyTests {
    @Test func aKeyGivenTwiceOrABodyThatIsNotDeclaredJSONIsRefusedAndChangesNothing() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let karim = try await server.join(room, "Karim")
        let twice = try await server.raw("POST", "/v1/rooms/\(room.roomId)/messages", token: karim.token,
                                         body: #"{"text": "bonjour", "clientId": "c1", "text": "autre chose"}"#)
        #expect(twice.status == 400)
        #expect(twice.apiError?.error == "invalid_json")
        #expect(twice.apiError?.message == "The field text appears twice in one object.")
        let nested = try await server.raw("POST", "/v1/rooms", token: server.adminToken,
                                          body: #"{"title": "A", "agenda": [{"title": "B", "day": 1, "start": "09:00", "minutes": 30, "day": 2}]}"#)
        #expect(nested.status == 400)
        // The same key in two different objects is fine.
        let fine = try await server.raw("POST", "/v1/rooms", token: server.adminToken,
                                        body: #"{"title": "A", "agenda": [{"title": "B", "day": 1, "start": "09:00", "minutes": 30}, {"title": "C", "day": 1, "start": "10:00", "minutes": 30}]}"#)
        #expect(fine.status == 201)

        var headers = ["Content-Type": "text/plain", "Authorization": "Bearer \(karim.token)"]
        let plain = try await server.engine.send(HTTPRequest(method: "POST", url: server.url + "/v1/rooms/\(room.roomId)/messages", headers: headers,
                                                             body: Data(#"{"text": "depuis une page web", "clientId": "c2"}"#.utf8), timeout: 10))
        #expect(plain.status == 415)
        #expect(plain.apiError?.error == "unsupported_media_type")
        headers["Content-Type"] = "application/json; charset=utf-8"
        let declared = try await server.engine.send(HTTPRequest(method: "POST", url: server.url + "/v1/rooms/\(room.roomId)/messages", headers: headers,
                                                                body: Data(#"{"text": "bonjour", "clientId": "c3"}"#.utf8), timeout: 10))
        #expect(declared.status == 201)
        let state = try await server.api.state(karim.credentials).state
        #expect(state.messages.map(\.text) == ["bonjour"])
        await server.stop()
    }
}

/// What the HTTP parser refuses is the sender's fault: a 400 with the usual JSON.
@Suite("Malformed HTTP")
struct MalformedHTTPTests {
    @Test func aMalformedChunkedBodyIsA400WithTheUsualJSON() async throws {
        let server = try await TestServer()
        let port = try #require(Int(server.url.split(separator: ":").last ?? ""))
        let request = "POST /v1/join HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\nhello\r\n0\r\n\r\n"
        let answer = try await RawHTTP.exchange(port: port, Array(request.utf8))
        #expect(answer.hasPrefix("HTTP/1.1 400"), "\(answer)")
        #expect(answer.contains(#""error":"bad_request""#), "\(answer)")
        await server.stop()
    }
}
