import Foundation
import SessionClient
import SessionModel
import Testing

/// The long-poll protocol as transcripts: inputs in, actions out, no I/O.
@Suite("LongPoll state machine")
struct LongPollTests {
    let at = Date(timeIntervalSince1970: 1_800_000_000)
    let me = Participant(id: "p1", name: "Karim", role: .learner, joinedAt: Date(timeIntervalSince1970: 1_800_000_000))
    let request = JoinRequest(code: "ABC123", name: "Karim")

    func state(seq: Int64) -> RoomState {
        var state = RoomState(room: RoomInfo(id: "r1", title: "Atelier", createdAt: at), agenda: [])
        state.apply(RoomEvent(seq: 1, at: at, actor: "p1", kind: .joined(me)))
        for seq in stride(from: 2, through: seq, by: 1) {
            state.apply(RoomEvent(seq: seq, at: at, actor: nil, kind: .locked(seq % 2 == 0)))
        }
        return state
    }

    func joined(seq: Int64 = 1) -> JoinResponse {
        JoinResponse(token: "t", participant: me, room: state(seq: seq).room, state: state(seq: seq), cursor: "c\(seq)", pollTimeout: 25)
    }

    func message(_ seq: Int64, _ text: String) -> RoomEvent {
        RoomEvent(seq: seq, at: at, actor: "p1", kind: .message(ChatMessage(id: "m\(seq)", seq: seq, authorId: "p1", text: text, at: at)))
    }

    let offline = ClientError.transport(.cannotConnect("refused"))

    @Test func joinsThenPolls() {
        var machine = LongPoll(join: request)
        #expect(machine.handle(.start) == [.join(request)])
        let response = joined()
        #expect(machine.handle(.joined(response)) == [
            .joinedRoom(response), .update(state: response.state, events: [], reloaded: true),
            .status(.online), .poll(cursor: "c1", timeout: 25),
        ])
    }

    @Test func appliesABatchAndPollsFromItsCursor() {
        var machine = LongPoll(join: request)
        _ = machine.handle(.start)
        _ = machine.handle(.joined(joined()))
        let batch = [message(2, "Bonjour"), message(3, "Ça va ?")]
        let actions = machine.handle(.polled(EventsResponse(events: batch, cursor: "c3")))
        #expect(actions.count == 2)
        guard case .update(let state, let events, false) = actions.first else { Issue.record("no update"); return }
        #expect(events == batch)
        #expect(state.messages.map(\.text) == ["Bonjour", "Ça va ?"])
        #expect(actions.last == .poll(cursor: "c3", timeout: 25))
    }

    @Test func withABatchWaitEventsAreFollowedByAWaitThenThePoll() {
        var machine = LongPoll(join: request, batchWait: 0.033)
        _ = machine.handle(.start)
        _ = machine.handle(.joined(joined()))
        let actions = machine.handle(.polled(EventsResponse(events: [message(2, "Bonjour")], cursor: "c2")))
        #expect(actions.count == 2)
        #expect(actions.last == .wait(seconds: 0.033))
        #expect(machine.phase == .waiting(then: .poll))
        #expect(machine.status == .online)
        #expect(machine.handle(.timerFired) == [.poll(cursor: "c2", timeout: 25)])
        // An answer without events (a heartbeat, a repeat) polls again at once.
        #expect(machine.handle(.polled(EventsResponse(events: [], cursor: "c2"))) == [.poll(cursor: "c2", timeout: 25)])
        #expect(machine.handle(.polled(EventsResponse(events: [message(2, "Bonjour")], cursor: "c2"))) == [.poll(cursor: "c2", timeout: 25)])
        // Stopped while it waits, it ends.
        _ = machine.handle(.polled(EventsResponse(events: [message(3, "Salut")], cursor: "c3")))
        #expect(machine.handle(.stop) == [.status(.ended(.stopped))])
    }

    @Test func aHeartbeatJustPollsAgain() {
        var machine = LongPoll(join: request)
        _ = machine.handle(.start)
        _ = machine.handle(.joined(joined()))
        #expect(machine.handle(.polled(EventsResponse(events: [], cursor: "c1"))) == [.poll(cursor: "c1", timeout: 25)])
    }

    @Test func repeatedEventsAreNotDeliveredTwice() {
        var machine = LongPoll(join: request)
        _ = machine.handle(.start)
        _ = machine.handle(.joined(joined()))
        _ = machine.handle(.polled(EventsResponse(events: [message(2, "a")], cursor: "c2")))
        let actions = machine.handle(.polled(EventsResponse(events: [message(2, "a"), message(3, "b")], cursor: "c3")))
        guard case .update(_, let events, _) = actions.first else { Issue.record("no update"); return }
        #expect(events.map(\.seq) == [3])
        #expect(machine.room?.messages.count == 2)
    }

    @Test func aGapReloadsTheState() {
        var machine = LongPoll(join: request)
        _ = machine.handle(.start)
        _ = machine.handle(.joined(joined()))
        #expect(machine.handle(.polled(EventsResponse(events: [message(5, "late")], cursor: "c5"))) == [.reload])
        let fresh = StateResponse(state: state(seq: 5), cursor: "c5", participant: me)
        #expect(machine.handle(.reloaded(fresh)) == [.update(state: fresh.state, events: [], reloaded: true), .poll(cursor: "c5", timeout: 25)])
    }

    @Test func anExpiredCursorReloadsQuietly() {
        var machine = LongPoll(join: request)
        _ = machine.handle(.start)
        _ = machine.handle(.joined(joined()))
        let expired = ClientError.server(status: 410, code: "cursor_expired", message: "reload", retryAfter: nil)
        #expect(machine.handle(.failed(expired, jitter: 0.5)) == [.reload])
        #expect(machine.status == .online)
    }

    @Test func networkErrorsBackOffExponentiallyWithJitterThenRecover() {
        var machine = LongPoll(join: request, backoff: Backoff(base: 0.5, cap: 4))
        _ = machine.handle(.start)
        _ = machine.handle(.joined(joined()))
        var waits: [Double] = []
        for _ in 0..<6 {
            let actions = machine.handle(.failed(offline, jitter: 1))
            guard case .wait(let seconds) = actions.last else { Issue.record("no wait: \(actions)"); return }
            waits.append(seconds)
            #expect(machine.handle(.timerFired) == [.poll(cursor: "c1", timeout: 25)])
        }
        #expect(waits == [0.5, 1, 2, 4, 4, 4])
        if case .reconnecting(let attempt, _, _) = machine.status { #expect(attempt == 6) } else { Issue.record("not reconnecting") }
        #expect(Backoff(base: 0.5, cap: 4).delay(attempt: 3, jitter: 0) == 1)
        let back = machine.handle(.polled(EventsResponse(events: [], cursor: "c1")))
        #expect(back == [.status(.online), .poll(cursor: "c1", timeout: 25)])
        #expect(machine.failures == 0)
    }

    @Test func retryAfterIsRespected() {
        var machine = LongPoll(join: request)
        _ = machine.handle(.start)
        let busy = ClientError.server(status: 429, code: "rate_limited", message: "wait", retryAfter: 7)
        #expect(machine.handle(.failed(busy, jitter: 0)).last == .wait(seconds: 7))
        #expect(machine.handle(.timerFired) == [.join(request)])
    }

    @Test func aRefusedJoinEndsWithTheServersReason() {
        var machine = LongPoll(join: request)
        _ = machine.handle(.start)
        let taken = ClientError.server(status: 409, code: "name_taken", message: "Someone is already called Karim.", retryAfter: nil)
        #expect(machine.handle(.failed(taken, jitter: 0)) == [.status(.ended(.refused(code: "name_taken", message: "Someone is already called Karim.")))])
        #expect(machine.handle(.start) == [])
    }

    @Test func beingRemovedEndsTheStreamAfterShowingIt() {
        var machine = LongPoll(join: request)
        _ = machine.handle(.start)
        _ = machine.handle(.joined(joined()))
        let removal = RoomEvent(seq: 2, at: at, actor: "p0", kind: .removed(participantId: "p1"))
        let actions = machine.handle(.polled(EventsResponse(events: [removal], cursor: "c2")))
        #expect(actions.count == 2)
        #expect(actions.last == .status(.ended(.removed)))
    }

    @Test func aRevokedTokenEndsTheStream() {
        var machine = LongPoll(join: request)
        _ = machine.handle(.start)
        _ = machine.handle(.joined(joined()))
        let revoked = ClientError.server(status: 401, code: "unauthorized", message: "join again", retryAfter: nil)
        #expect(machine.handle(.failed(revoked, jitter: 0)) == [.status(.ended(.refused(code: "unauthorized", message: "join again")))])
    }

    @Test func resumingStartsWithAPollFromTheCursor() {
        var machine = LongPoll(resume: state(seq: 4), me: me, cursor: "c4", pollTimeout: 30)
        #expect(machine.handle(.start) == [.poll(cursor: "c4", timeout: 30)])
    }

    @Test func aRemovalTheClientMissedIsStillSaid() {
        var machine = LongPoll(join: request)
        _ = machine.handle(.start)
        _ = machine.handle(.joined(joined()))
        let removed = ClientError.server(status: 401, code: "removed", message: "The expert removed you from this room.", retryAfter: nil)
        #expect(machine.handle(.failed(removed, jitter: 0)) == [.status(.ended(.removed))])
    }
}
