import Foundation
import SessionClient
import SessionModel

/// Seat claims on the room screen: the newcomer waits with a sentence and then learns the
/// outcome; the experts see the question above the input and answer with one key.
extension RoomModel {
    /// What the session says of my own claim.
    mutating func seatClaim(_ news: SeatClaimNews) {
        let s = strings.claims
        switch news {
        case .waiting(let name, let until):
            seatWait = (name, until)
            systemLine(s.waiting(name))
            return
        case .granted(let name): claimOutcome = s.granted(name)
        case .refused(let name, let given): claimOutcome = s.refused(name, given)
        case .expired(let name, let given): claimOutcome = s.expired(name, given)
        }
        seatWait = nil
        notice = claimOutcome
    }

    /// The oldest claim waiting for an answer, when I am an expert.
    var claimToAnswer: SeatClaim? {
        guard isExpert else { return nil }
        return room?.pendingClaims.first
    }

    /// The experts' question, with the keys that answer it (from the key table): the Alt
    /// keys, which every terminal passes (many keep F11), so that it fits 80 columns.
    var claimPrompt: String? {
        guard let claim = claimToAnswer, let name = room?.participant(claim.participantId)?.name else { return nil }
        func key(_ action: RoomAction) -> String {
            keys.hint(for: action)?.key.components(separatedBy: ", ").last ?? ""
        }
        return strings.claims.prompt(name, key(.acceptClaim), key(.refuseClaim))
    }

    /// The newcomer's wait, with the seconds left.
    var seatWaitLine: String? {
        guard me == nil, let wait = seatWait else { return nil }
        return strings.claims.waitingCountdown(max(0, Int(wait.until.timeIntervalSince(now).rounded(.up))))
    }

    mutating func answerClaim(accept: Bool) -> [RoomEffect] {
        guard let claim = claimToAnswer else {
            notice = strings.claims.noClaim
            return []
        }
        return [.moderate(accept ? .acceptClaim : .refuseClaim, ModerationRequest(claimId: claim.id))]
    }

    /// The chat line a claim event makes for the experts; a new claim names every key that answers it.
    func claimLine(_ event: RoomEvent, in state: RoomState) -> String? {
        if case .seatClaimed(let claim) = event.kind {
            let or = strings.language == .fr ? " ou " : " or "
            func keysOf(_ action: RoomAction) -> String { keys.hint(for: action)?.key.replacingOccurrences(of: ", ", with: or) ?? "" }
            return strings.claims.claimedLine(state.participant(claim.participantId)?.name ?? "?", keysOf(.acceptClaim), keysOf(.refuseClaim))
        }
        return Self.claimLine(event, in: state, strings: strings.claims)
    }

    /// How a claim was settled (plain mode says the same); nil for other events.

    static func claimLine(_ event: RoomEvent, in state: RoomState, strings s: SeatClaimStrings) -> String? {
        func seatName(_ claimId: String) -> String {
            state.claims.first { $0.id == claimId }.flatMap { state.participant($0.participantId)?.name } ?? "?"
        }
        let by = event.actor.flatMap { state.participant($0)?.name } ?? "?"
        switch event.kind {
        case .seatGranted(let claimId, _): return s.grantedLine(seatName(claimId), by)
        case .seatRefused(let claimId, let expired): return expired ? s.expiredLine(seatName(claimId)) : s.refusedLine(seatName(claimId), by)
        case .seatClaimed, .joined, .left, .removed, .presence, .message, .messageDeleted, .handRaised, .handLowered, .allHandsLowered,
             .floor, .agenda, .muted, .locked, .questionAsked, .questionAnswered, .pollOpened, .pollVoted, .pollClosed, .pollRevealed,
             .signal, .signalsCleared, .reaction, .hidden, .unknown, .timer, .dayClosed:
            return nil
        }
    }
}
