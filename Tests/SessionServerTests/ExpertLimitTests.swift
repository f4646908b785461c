import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// Every mutation is rate limited per participant: the expert's actions too, generously.
@Suite("Expert limit")
struct ExpertLimitTests {
    @Test func aScriptHoldingTheModeratorKeyCannotFloodTheStream() async throws {
        let server = try await TestServer { $0.expertBurst = 5; $0.expertRefillSeconds = 60 }
        let room = try await server.createRoom()
        let sarah = try await server.join(room, "Sarah", expert: true)
        var statuses: [Int] = []
        for n in 0..<8 {
            let answer = try await server.raw("POST", "/v1/rooms/\(room.roomId)/moderation/lock", token: sarah.token, body: #"{"locked": \#(n % 2 == 0)}"#)
            statuses.append(answer.status)
            if answer.status == 429 { #expect(answer.apiError?.error == "rate_limited") }
        }
        #expect(statuses == [200, 200, 200, 200, 200, 429, 429, 429])
        let head = try await server.api.state(sarah.credentials).state.seq
        #expect(head == 1 + 5, "one join and five lock changes, nothing more")
        // Polls and answers share the same bucket: it is spent.
        let poll = try await server.raw("POST", "/v1/rooms/\(room.roomId)/polls", token: sarah.token,
                                        body: #"{"question": "Ça va ?", "options": ["oui", "non"], "anonymous": true, "clientId": "p1"}"#)
        #expect(poll.status == 429)
        await server.stop()
    }
}
