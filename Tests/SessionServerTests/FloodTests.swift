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
