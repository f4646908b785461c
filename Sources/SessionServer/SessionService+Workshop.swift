import Foundation
import SessionModel

/// The workshop's rhythm: the exercise timer and the close of a day. Both are expert
/// mutations with the usual `clientId`; the timer's end is appended by the server itself
/// (`endDueTimers`), once, whichever server of a shared store gets there first.
extension SessionService {
    func timer(_ request: TimerRequest, by caller: Credential) async throws -> Data {
        guard let action = TimerAction(rawValue: request.action) else {
            throw APIError(
                status: 400, code: "invalid_action",
                message: "The timer action \"\(TextSanitizer.displaySafe(String(request.action.prefix(40))))\" does not exist; the actions are "
                    + TimerAction.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        let needsSeconds = action == .start || action == .add
        if needsSeconds, !(1...Limits.timerMaxSeconds).contains(request.seconds ?? 0) {
            throw APIError.invalidField("seconds", "the action \(action.rawValue) needs seconds from 1 to \(Limits.timerMaxSeconds)")
        }
        let seconds = needsSeconds ? request.seconds ?? 0 : 0
        return try await engage(caller, "timer", request.clientId, limited: false) { me, state, at in
            guard me.role == .expert else { throw APIError.expertOnly }
            return try Self.timerEvents(action, seconds: seconds, by: me, in: state, at: at)
        }
    }

    /// The timer event an action appends, or none when the timer is already as asked.
    static func timerEvents(_ action: TimerAction, seconds: Int, by me: Participant, in state: RoomState, at: Date) throws -> [RoomEvent.Kind] {
        func endsAt(_ left: Int) -> Date { WireCoding.wholeMilliseconds(at.addingTimeInterval(TimeInterval(left))) }
        // A timer past its end is over, even before the server's sweep says so.
        let current = state.timer.flatMap { $0.isDue(at: at) ? nil : $0 }
        switch action {
        case .start:
            if state.isOver { throw APIError.workshopOver }
            return [.timer(.started, ExerciseTimer(total: seconds, endsAt: endsAt(seconds), startedBy: me.id))]
        case .add:
            guard var timer = current else { throw APIError.noTimer }
            let left = timer.secondsLeft(at: at) + seconds
            guard left <= Limits.timerMaxSeconds else {
                throw APIError.invalidField("seconds", "the timer would run for more than \(Limits.timerMaxSeconds) seconds")
            }
            timer.total += seconds
            if timer.isRunning { timer.endsAt = endsAt(left) } else { timer.remaining = left }
            return [.timer(.added, timer)]
        case .pause:
            guard var timer = current else { throw APIError.noTimer }
            guard timer.isRunning else { return [] }
            timer.remaining = timer.secondsLeft(at: at)
            timer.endsAt = nil
            return [.timer(.paused, timer)]
        case .resume:
            guard var timer = current else { throw APIError.noTimer }
            guard !timer.isRunning else { return [] }
            timer.endsAt = endsAt(timer.remaining ?? 0)
            timer.remaining = nil
            return [.timer(.resumed, timer)]
        case .stop:
            guard let timer = state.timer else { return [] }
            return [.timer(.stopped, timer)]
        }
    }

    func closeDay(_ request: CloseDayRequest, by caller: Credential) async throws -> Data {
        try await engage(caller, "close-day", request.clientId, limited: false) { me, state, at in
            guard me.role == .expert else { throw APIError.expertOnly }
            if state.isOver { throw APIError.workshopOver }
            return [.dayClosed(state.closingDay(at: at))]
        }
    }

    /// Appends `timer.ended` to a room whose timer is due. Decided on the room's newest state:
    /// a timer already ended, stopped or extended appends nothing, so the end is said once.
    func endTimer(roomId: String) async throws {
        let at = time
        _ = try await ledger.commit(roomId: roomId, idempotency: nil) { state in
            guard let timer = state.timer, timer.isDue(at: at) else { return Decision(response: Data()) }
            return Decision(events: [RoomEvent(seq: state.seq + 1, at: at, actor: nil, kind: .timer(.ended, timer))], response: Data())
        }
    }

    /// Ends every due timer; run by the server's background work, and so at start for the
    /// timers that ran out while it was down.
    func endDueTimers() async {
        let at = time
        for roomId in ledger.roomsWhere({ $0.timer?.isDue(at: at) == true }) {
            do {
                try await endTimer(roomId: roomId)
            } catch {
                logger.error("ending the timer of room \(roomId) failed: \(error)")
            }
        }
    }
}

extension APIError {
    static let workshopOver = APIError(
        status: 409, code: "workshop_over", message: "This workshop is over: its chat is read-only for learners.")
    static let noTimer = APIError(status: 409, code: "no_timer", message: "No exercise timer is running or paused in this room.")
}
