import Foundation
import SessionClient
import SessionModel
import Testing
import SessionServer
import TestSupport

/// Someone on another machine with the name of an offline learner: the expert decides.
@Suite("Seat claims")
struct SeatClaimTests {
    /// A room whose expert follows it (a real client that polls), and learners who do not,
    /// so they go offline fast.
    struct Room {
        let server: TestServer
        let room: CreateRoomResponse
        let expert: TestClient
        var expertCredentials: RoomCredentials { expert.credentials! }

        func offline(_ learner: JoinResponse) async -> Bool {
            await eventually { expert.state?.participant(learner.participant.id)?.presence == .offline }
        }

        func claim(_ name: String) async throws -> SessionAPI.JoinAnswer {
            try await server.api.enter(JoinRequest(code: room.code, name: name))
        }

        func stop() async {
            await expert.stop()
            await server.stop()
        }
    }

    func open(_ configure: @escaping (inout ServerConfig) -> Void = { _ in }) async throws -> Room {
        let server = try await TestServer {
            $0.awayAfter = 0.2
            $0.offlineAfter = 0.4
            $0.presenceInterval = 0.1
            configure(&$0)
        }
        let room = try await server.createRoom()
        let expert = TestClient(url: server.url, name: "Sarah")
        expert.start(code: room.code, moderatorKey: room.moderatorKey)
        #expect(await eventually { expert.credentials != nil })
        return Room(server: server, room: room, expert: expert)
    }

    func ticket(_ answer: SessionAPI.JoinAnswer) throws -> SeatClaimTicket {
        guard case .claimed(let ticket) = answer else { throw TestFailure("expected a seat claim, got \(answer)") }
        return ticket
    }

    @Test func theExpertGivesTheSeatBackWithItsHistoryAndOnlyTheExpertCan() async throws {
        let r = try await open()
        let karim = try await r.server.join(r.room, "Karim")
        let lea = try await r.server.join(r.room, "Léa")
        _ = try await r.server.api.setHand(karim.credentials, HandRequest(raised: true, clientId: "h1"))
        _ = try await r.server.api.setHand(lea.credentials, HandRequest(raised: true, clientId: "h2"))
        _ = try await r.server.api.postMessage(karim.credentials, PostMessageRequest(text: "avant la panne", clientId: "m1"))
        #expect(await r.offline(karim))

        // Another machine, the same name (another case): the expert is asked.
        let ticket = try ticket(try await r.claim("KARIM"))
        #expect(ticket.name == "Karim")
        #expect(await eventually { r.expert.state?.pendingClaims.map(\.participantId) == [karim.participant.id] })
        let seq = try await r.server.api.state(r.expertCredentials).state.seq

        // A learner cannot answer: 403, nothing appended.
        let byLearner = try await r.server.raw(
            "POST", "/v1/rooms/\(r.room.roomId)/moderation/accept-claim", token: lea.token, body: #"{"claimId": "\#(ticket.claimId)"}"#)
        #expect(byLearner.status == 403)
        #expect(byLearner.apiError?.error == "forbidden")
        // A claim that does not exist, or none named: 404, 400.
        let unknown = try await r.server.raw(
            "POST", "/v1/rooms/\(r.room.roomId)/moderation/accept-claim", token: r.expertCredentials.token, body: #"{"claimId": "c_nope"}"#)
        #expect(unknown.status == 404)
        #expect(unknown.apiError?.error == "claim_not_found")
        let unnamed = try await r.server.raw("POST", "/v1/rooms/\(r.room.roomId)/moderation/refuse-claim", token: r.expertCredentials.token, body: "{}")
        #expect(unnamed.apiError?.error == "invalid_claimId")
        #expect(try await r.server.api.state(r.expertCredentials).state.seq == seq, "refusals appended nothing")

        // The claim is read with its own token only; pending while nobody answered.
        let path = "/v1/rooms/\(r.room.roomId)/claims/\(ticket.claimId)?timeout=0"
        #expect(try await r.server.raw("GET", path, token: "wrong").status == 401)
        #expect(try await r.server.raw("GET", "/v1/rooms/\(r.room.roomId)/claims/c_nope", token: ticket.token).apiError?.error == "claim_not_found")
        #expect(try await r.server.api.claim(ticket, timeout: 0).status == .pending)

        _ = try await r.server.api.moderate(r.expertCredentials, .acceptClaim, ModerationRequest(claimId: ticket.claimId))
        let answer = try await r.server.api.claim(ticket, timeout: 5)
        #expect(answer.status == .granted)
        let join = try #require(answer.join)
        #expect(join.participant.id == karim.participant.id)
        #expect(join.token == ticket.token)
        // Same seat: first hand, the message kept, and nobody else named Karim.
        let state = try await r.server.api.state(join.credentials)
        #expect(state.participant.id == karim.participant.id)
        #expect(state.state.handPlace(of: karim.participant.id) == 1)
        #expect(state.state.messages.contains { $0.authorId == karim.participant.id && $0.text == "avant la panne" })
        #expect(state.state.present.filter { RoomState.nameKey($0.name).hasPrefix("karim") }.count == 1)

        let again = try await r.server.raw(
            "POST", "/v1/rooms/\(r.room.roomId)/moderation/accept-claim", token: r.expertCredentials.token, body: #"{"claimId": "\#(ticket.claimId)"}"#)
        #expect(again.status == 409)
        #expect(again.apiError?.error == "claim_settled")
        await r.stop()
    }

    @Test func aRefusedClaimGetsASuffixedSeatOnce() async throws {
        let r = try await open()
        let karim = try await r.server.join(r.room, "Karim")
        #expect(await r.offline(karim))
        let ticket = try ticket(try await r.claim("Karim"))
        #expect(await eventually { r.expert.state?.pendingClaims.count == 1 })
        _ = try await r.server.api.moderate(r.expertCredentials, .refuseClaim, ModerationRequest(claimId: ticket.claimId))
        let first = try await r.server.api.claim(ticket, timeout: 5)
        #expect(first.status == .refused)
        let seat = try #require(first.join?.participant)
        #expect(seat.name == "Karim (2)")
        #expect(seat.id != karim.participant.id)
        // Asking again (a lost answer) gives the same seat, not a third one.
        let second = try await r.server.api.claim(ticket, timeout: 5)
        #expect(second.join?.participant.id == seat.id)
        let state = try await r.server.api.state(try #require(second.join).credentials).state
        #expect(state.present.map(\.name).sorted() == ["Karim", "Karim (2)", "Sarah"])
        await r.stop()
    }

    @Test func aClaimNobodyAnswersExpiresIntoASuffixedSeat() async throws {
        let r = try await open { $0.seatClaimTimeout = 0.6 }
        let karim = try await r.server.join(r.room, "Karim")
        #expect(await r.offline(karim))
        let ticket = try ticket(try await r.claim("Karim"))
        // The newcomer's poll is held, then answers once the time is up: never a hang.
        let answer = try await r.server.api.claim(ticket, timeout: 10)
        #expect(answer.status == .expired)
        #expect(answer.join?.participant.name == "Karim (2)")
        #expect(await eventually { r.expert.state?.pendingClaims.isEmpty == true && r.expert.state?.claims.first?.status == .expired })
        let late = try await r.server.raw(
            "POST", "/v1/rooms/\(r.room.roomId)/moderation/accept-claim", token: r.expertCredentials.token, body: #"{"claimId": "\#(ticket.claimId)"}"#)
        #expect(late.apiError?.error == "claim_settled")
        await r.stop()
    }

    @Test func aStrangerCannotFloodTheExperts() async throws {
        let r = try await open { $0.claimBurst = 2 }
        let karim = try await r.server.join(r.room, "Karim")
        let lea = try await r.server.join(r.room, "Léa")
        let marc = try await r.server.join(r.room, "Marc")
        #expect(await r.offline(karim))
        #expect(await r.offline(lea))
        #expect(await r.offline(marc))
        _ = try ticket(try await r.claim("Karim"))
        // One claim per seat at a time: the real person can try again in a minute.
        let twice = try await r.server.raw("POST", "/v1/join", body: #"{"code": "\#(r.room.code)", "name": "Karim"}"#)
        #expect(twice.status == 409)
        #expect(twice.apiError?.error == "seat_claim_pending")
        _ = try ticket(try await r.claim("Léa"))
        // This address asked twice: no more questions for the expert, a suffixed name at once.
        guard case .joined(let joined) = try await r.claim("Marc") else { throw TestFailure("a third claim from one address reached the expert") }
        #expect(joined.participant.name == "Marc (2)")
        #expect(try await r.server.api.state(r.expertCredentials).state.pendingClaims.count == 2)
        await r.stop()
    }

    @Test func withNoExpertToAskTheNewcomerGetsASuffixedNameAtOnce() async throws {
        let server = try await TestServer { $0.awayAfter = 0.05; $0.offlineAfter = 0.1; $0.presenceInterval = 0.1 }
        let room = try await server.createRoom()
        let sarah = try await server.join(room, "Sarah", expert: true)
        let karim = try await server.join(room, "Karim")
        #expect(await eventually { (try? await server.api.state(sarah.credentials))?.state.participant(karim.participant.id)?.presence == .offline })
        guard case .joined(let joined) = try await server.api.enter(JoinRequest(code: room.code, name: "Karim")) else {
            throw TestFailure("a claim with no expert following the room")
        }
        #expect(joined.participant.name == "Karim (2)")
        #expect(joined.state.claims.isEmpty)
        await server.stop()
    }
}
