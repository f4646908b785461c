public import Foundation
public import SessionModel

/// How the client stands with the server, for the status bar.
public enum ConnectionStatus: Sendable, Equatable {
    case connecting
    case online
    /// The last request failed; the next try is in `retryIn` seconds.
    case reconnecting(attempt: Int, retryIn: Double, reason: String)
    case ended(EndReason)
}

/// Why the stream of a room stopped for good.
public enum EndReason: Sendable, Equatable {
    /// An expert removed me.
    case removed
    /// I left.
    case left
    /// The server refused to let me in or to go on: `wrong_code`, `name_taken`, `room_locked`, `unauthorized`...
    case refused(code: String, message: String)
    /// The server's certificate is not trusted: no retry can fix it, only the user (`--ca-file`).
    case untrusted(detail: String)
    case stopped
}

/// The long-poll protocol of a room as a state machine with no I/O: inputs in, actions out.
///
/// It joins (or resumes with a cursor), polls, folds each batch into the room state with
/// the shared reducer, backs off with jitter on errors, and reloads the state on 410 or
/// on a gap, so events reach the app in order, once, or the state is reloaded.
public struct LongPoll: Sendable {
    public enum Phase: Sendable, Equatable {
        case idle
        case joining
        /// Joined with an offline learner's name: waiting for an expert's answer.
        case claiming
        case polling
        case reloading
        case waiting(then: Step)
        case ended(EndReason)
    }

    /// What is retried after a wait.
    public enum Step: Sendable, Equatable { case join, claim, poll, reload }

    public enum Input: Sendable {
        case start
        case joined(JoinResponse)
        /// The join became a claim on an offline learner's seat.
        case claimed(SeatClaimTicket)
        case claimAnswered(SeatClaimAnswer)
        case polled(EventsResponse)
        case reloaded(StateResponse)
        /// The request in flight failed; `jitter` is uniform in [0, 1).
        case failed(ClientError, jitter: Double)
        case timerFired
        case stop
    }

    public enum Action: Sendable, Equatable {
        case join(JoinRequest)
        /// Asks where the seat claim stands (held by the server while it is pending).
        case pollClaim(SeatClaimTicket, timeout: Int)
        /// For the app: the claim is waiting, or how it was settled.
        case seatClaim(SeatClaimNews)
        case poll(cursor: String, timeout: Int)
        case reload
        case wait(seconds: Double)
        /// Joined: who I am, and the credentials for every other call.
        case joinedRoom(JoinResponse)
        /// The room changed: its new state, and the events that did it (empty after a reload).
        case update(state: RoomState, events: [RoomEvent], reloaded: Bool)
        case status(ConnectionStatus)
    }

    public private(set) var phase: Phase = .idle
    public private(set) var room: RoomState?
    public private(set) var me: Participant?
    public private(set) var cursor: String?
    public private(set) var status: ConnectionStatus = .connecting
    public private(set) var failures = 0
    private let joinRequest: JoinRequest?
    private var claim: SeatClaimTicket?
    private var pollTimeout: Int
    private let backoff: Backoff
    /// Seconds between an answer that brought events and the next poll (0: none).
    private let batchWait: Double

    /// A machine that starts by joining. `batchWait`: see `RoomSession.Timing.batchWait`.
    public init(join: JoinRequest, backoff: Backoff = Backoff(), batchWait: Double = 0) {
        joinRequest = join
        pollTimeout = Limits.pollTimeoutDefault
        self.backoff = backoff
        self.batchWait = batchWait
    }

    /// A machine that resumes an existing membership from its state and cursor.
    public init(resume state: RoomState, me: Participant, cursor: String, pollTimeout: Int, backoff: Backoff = Backoff(), batchWait: Double = 0) {
        joinRequest = nil
        room = state
        self.me = me
        self.cursor = cursor
        self.pollTimeout = pollTimeout
        self.backoff = backoff
        self.batchWait = batchWait
    }

    public mutating func handle(_ input: Input) -> [Action] {
        if case .ended = phase { return [] }
        switch input {
        case .start:
            if let joinRequest, room == nil {
                phase = .joining
                return [.join(joinRequest)]
            }
            return pollNow()
        case .joined(let response):
            room = response.state
            me = response.participant
            cursor = response.cursor
            pollTimeout = response.pollTimeout
            return [.joinedRoom(response), .update(state: response.state, events: [], reloaded: true)] + succeeded() + pollNow()
        case .claimed(let ticket):
            claim = ticket
            failures = 0
            phase = .claiming
            return [.seatClaim(.waiting(name: ticket.name, until: ticket.expiresAt)), .pollClaim(ticket, timeout: ticket.pollTimeout)]
        case .claimAnswered(let answer):
            return claimAnswered(answer)
        case .polled(let response):
            return received(response)
        case .reloaded(let response):
            room = response.state
            me = response.participant
            cursor = response.cursor
            return [.update(state: response.state, events: [], reloaded: true)] + succeeded() + pollNow()
        case .failed(let error, let jitter):
            return failed(error, jitter: jitter)
        case .timerFired:
            guard case .waiting(let step) = phase else { return [] }
            switch step {
            case .join:
                phase = .joining
                return joinRequest.map { [.join($0)] } ?? pollNow()
            case .claim:
                guard let claim else { return pollNow() }
                phase = .claiming
                return [.pollClaim(claim, timeout: claim.pollTimeout)]
            case .poll: return pollNow()
            case .reload: return reloadNow()
            }
        case .stop:
            return end(.stopped)
        }
    }

    private mutating func pollNow() -> [Action] {
        guard let cursor else { return reloadNow() }
        phase = .polling
        return [.poll(cursor: cursor, timeout: pollTimeout)]
    }

    private mutating func reloadNow() -> [Action] {
        phase = .reloading
        return [.reload]
    }

    private mutating func succeeded() -> [Action] {
        failures = 0
        return setStatus(.online)
    }

    private mutating func setStatus(_ new: ConnectionStatus) -> [Action] {
        guard new != status else { return [] }
        status = new
        return [.status(new)]
    }

    private mutating func end(_ reason: EndReason) -> [Action] {
        phase = .ended(reason)
        return setStatus(.ended(reason))
    }

    /// Folds a batch in; a gap means events were lost on the way, so the state is reloaded.
    private mutating func received(_ response: EventsResponse) -> [Action] {
        guard var state = room else { return reloadNow() }
        var applied: [RoomEvent] = []
        for event in response.events {
            switch state.apply(event) {
            case .applied: applied.append(event)
            case .duplicate: continue
            case .gap: return succeeded() + reloadNow()
            }
        }
        room = state
        cursor = response.cursor
        var actions = succeeded()
        if !applied.isEmpty {
            if let id = me?.id, let updated = state.participant(id) { me = updated }
            actions.append(.update(state: state, events: applied, reloaded: false))
        }
        if let id = me?.id {
            for event in applied {
                if case .removed(id) = event.kind { return actions + end(.removed) }
                if case .left(id) = event.kind { return actions + end(.left) }
            }
        }
        if !applied.isEmpty, batchWait > 0 {
            // What comes meanwhile waits on the server and comes in the next answer, together.
            phase = .waiting(then: .poll)
            return actions + [.wait(seconds: batchWait)]
        }
        return actions + pollNow()
    }

    private mutating func failed(_ error: ClientError, jitter: Double) -> [Action] {
        let step: Step
        switch phase {
        case .joining: step = .join
        case .claiming: step = .claim
        case .polling: step = .poll
        case .reloading: step = .reload
        case .idle, .waiting, .ended: return []
        }
        // An untrusted certificate is said once and for all, not retried for ever as "reconnecting".
        if case .transport(.certificate(let detail)) = error { return end(.untrusted(detail: detail)) }
        if case .server(_, let code, let message, _) = error, !error.isTransient {
            switch code {
            case "cursor_expired", "invalid_cursor":
                return reloadNow()
            case "removed":
                // The removal event may not have reached this client: the server says it anyway.
                return end(.removed)
            default:
                if step == .join || step == .claim || code == "unauthorized" || code == "forbidden" || code == "not_found" {
                    return end(.refused(code: code, message: message))
                }
                // Any other refusal of a poll or reload: start again from a fresh state.
                return step == .reload ? end(.refused(code: code, message: message)) : reloadNow()
            }
        }
        failures += 1
        var wait = backoff.delay(attempt: failures, jitter: jitter)
        if case .server(_, _, _, let retryAfter?) = error { wait = max(wait, Double(retryAfter)) }
        phase = .waiting(then: step)
        return setStatus(.reconnecting(attempt: failures, retryIn: wait, reason: error.description)) + [.wait(seconds: wait)]
    }

    /// A claim still pending is asked again; a settled one says how, then joins with its seat.
    private mutating func claimAnswered(_ answer: SeatClaimAnswer) -> [Action] {
        guard let ticket = claim, phase == .claiming else { return [] }
        failures = 0
        guard answer.status != .pending else { return [.pollClaim(ticket, timeout: ticket.pollTimeout)] }
        guard let join = answer.join else {
            return end(.refused(code: "invalid_response", message: "The server settled the seat claim without a seat."))
        }
        claim = nil
        let news: SeatClaimNews
        switch answer.status {
        case .granted, .pending: news = .granted(name: join.participant.name)
        case .refused: news = .refused(name: ticket.name, given: join.participant.name)
        case .expired: news = .expired(name: ticket.name, given: join.participant.name)
        }
        return [.seatClaim(news)] + handle(.joined(join))
    }
}

/// What the app hears of a seat claim (a join with the name of an offline learner).
public enum SeatClaimNews: Sendable, Equatable {
    /// The experts were asked whether the newcomer is `name`; the answer comes by `until`.
    case waiting(name: String, until: Date)
    /// An expert gave the seat back: same participant, same history.
    case granted(name: String)
    /// An expert refused: the newcomer is `given` ("Karim (2)").
    case refused(name: String, given: String)
    /// No expert answered in time: the newcomer is `given`.
    case expired(name: String, given: String)
}
