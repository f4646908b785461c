import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// A room visited thousands of times answers joins with the people there, and pages the rest.
@Suite("Participant paging")
struct ParticipantPagingTests {
    @Test func twoThousandVisitsLeaveTheJoinAnswerSmallAndThePagedRouteGivesEveryone() async throws {
        let server = try await TestServer { $0.joinBurst = 10_000 }
        let room = try await server.createRoom()
        let sarah = try await server.join(room, "Sarah", expert: true)
        let karim = try await server.join(room, "Karim")
        _ = try await server.api.postMessage(karim.credentials, PostMessageRequest(text: "Bonjour", clientId: "k1"))
        _ = try await server.api.leave(karim.credentials)
        for n in 0..<2_000 {
            let visitor = try await server.join(room, "Visiteur \(n % 50)")
            _ = try await server.api.leave(visitor.credentials)
        }
        let lea = try await server.join(room, "Léa")
        // Present: Sarah and Léa; Karim wrote a message in the window and keeps his name.
        #expect(Set(lea.state.participants.map(\.name)) == ["Sarah", "Karim", "Léa"])
        let size = try WireCoding.encoder().encode(lea).count
        #expect(size < 10_000, "a join answer of \(size) bytes")
        let reloaded = try await server.api.state(sarah.credentials).state
        #expect(reloaded.participants.map(\.id) == lea.state.participants.map(\.id))

        // The paged route gives all 2,003, in join order, across pages.
        var everyone: [Participant] = []
        var after: Int? = 0
        var pages = 0
        while let start = after {
            let page = try await server.api.participants(lea.credentials, after: start, limit: 500)
            everyone += page.participants
            after = page.next
            pages += 1
        }
        #expect(pages == 5)
        #expect(everyone.count == 2_003)
        #expect(everyone.first?.name == "Sarah")
        #expect(everyone.last?.id == lea.participant.id)
        #expect(Set(everyone.map(\.id)).count == 2_003)
        #expect(everyone.filter(\.isPresent).map(\.name) == ["Sarah", "Léa"])

        // An older message's author comes with the history page.
        let history = try await server.api.messages(lea.credentials, before: nil, limit: 50)
        #expect(history.authors?.map(\.name) == ["Karim"])
        let bad = try await server.raw("GET", "/v1/rooms/\(room.roomId)/participants?after=-3", token: lea.token)
        #expect(bad.status == 400)
        #expect(bad.apiError?.error == "invalid_after")
        await server.stop()
    }
}
