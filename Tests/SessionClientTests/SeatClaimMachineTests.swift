import Foundation
import SessionClient
import SessionModel
import Testing

/// A join that became a seat claim, as a transcript of the long-poll machine.
@Suite("LongPoll: seat claims")
struct SeatClaimMachineTests {
    let at = Date(timeIntervalSince1970: 1_800_000_000)
    let request = JoinRequest(code: "ABC123", name: "Karim")

    var ticket: SeatClaimTicket {
        SeatClaimTicket(claimId: "c1", token: "secret", roomId: "r1", name: "Karim", expiresAt: at.addingTimeInterval(60), pollTimeout: 25)
    }

    func seat(_ id: String, _ name: String) -> JoinResponse {
        let me = Participant(id: id, name: name, role: .learner, joinedAt: at)
        var state = RoomState(room: RoomInfo(id: "r1", title: "Atelier", createdAt: at), agenda: [])
        state.apply(RoomEvent(seq: 1, at: at, actor: id, kind: .joined(me)))
        return JoinResponse(token: "secret", participant: me, room: state.room, state: state, cursor: "c1", pollTimeout: 25)
    }

    @Test func waitsForTheExpertThenJoinsWithTheSeatGivenBack() {
        var machine = LongPoll(join: request)
        #expect(machine.handle(.start) == [.join(request)])
        #expect(machine.handle(.claimed(ticket)) == [.seatClaim(.waiting(name: "Karim", until: ticket.expiresAt)), .pollClaim(ticket, timeout: 25)])
        #expect(machine.status == .connecting, "not online while the expert is asked")
        // Still pending after a hold: ask again.
        #expect(machine.handle(.claimAnswered(SeatClaimAnswer(status: .pending, expiresAt: ticket.expiresAt))) == [.pollClaim(ticket, timeout: 25)])
        let granted = seat("p_karim", "Karim")
        let actions = machine.handle(.claimAnswered(SeatClaimAnswer(status: .granted, expiresAt: ticket.expiresAt, join: granted)))
        #expect(actions == [
            .seatClaim(.granted(name: "Karim")), .joinedRoom(granted), .update(state: granted.state, events: [], reloaded: true),
            .status(.online), .poll(cursor: "c1", timeout: 25),
        ])
    }

    @Test func aRefusalOrNoAnswerJoinsUnderASuffixedName() {
        for status in [SeatClaim.Status.refused, .expired] {
            var machine = LongPoll(join: request)
            _ = machine.handle(.start)
            _ = machine.handle(.claimed(ticket))
            let own = seat("p_new", "Karim (2)")
            let actions = machine.handle(.claimAnswered(SeatClaimAnswer(status: status, expiresAt: ticket.expiresAt, join: own)))
            let news: SeatClaimNews = status == .refused ? .refused(name: "Karim", given: "Karim (2)") : .expired(name: "Karim", given: "Karim (2)")
            #expect(actions.first == .seatClaim(news))
            #expect(actions.contains(.joinedRoom(own)))
        }
    }

    @Test func aDroppedLinkWhileWaitingAsksAgainAndARefusalOfTheClaimEndsTheJoin() {
        var machine = LongPoll(join: request)
        _ = machine.handle(.start)
        _ = machine.handle(.claimed(ticket))
        let actions = machine.handle(.failed(.transport(.cannotConnect("refused")), jitter: 0))
        guard case .wait = actions.last else { Issue.record("no wait after a dropped link: \(actions)"); return }
        #expect(machine.handle(.timerFired) == [.pollClaim(ticket, timeout: 25)])
        let gone = ClientError.server(status: 404, code: "claim_not_found", message: "gone", retryAfter: nil)
        #expect(machine.handle(.failed(gone, jitter: 0)) == [.status(.ended(.refused(code: "claim_not_found", message: "gone")))])
    }
}
