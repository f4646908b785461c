/// What `apply(_:)` did with an event.
public enum ApplyOutcome: Sendable, Equatable {
    /// The event was the next one and is now part of the state.
    case applied
    /// The event was already folded in (a repeat after a retry); nothing changed.
    case duplicate
    /// Events are missing between the state and this one; the caller must reload the state.
    case gap(expected: Int64, got: Int64)
}

extension RoomState {
    /// Folds one event into the state. Pure: the server and every client compute the same state.
    @discardableResult
    public mutating func apply(_ event: RoomEvent) -> ApplyOutcome {
        if event.seq <= seq { return .duplicate }
        if event.seq != seq + 1 { return .gap(expected: seq + 1, got: event.seq) }
        seq = event.seq
        switch event.kind {
        case .joined(let participant):
            if let index = participants.firstIndex(where: { $0.id == participant.id }) {
                participants[index] = participant
            } else {
                participants.append(participant)
            }
        case .left(let id):
            depart(id, as: .left)
        case .removed(let id):
            depart(id, as: .removed)
        case .presence(let id, let presence):
            update(id) { $0.presence = presence }
        case .message(let message):
            messages.append(message)
            if messages.count > Limits.stateMessages {
                let gone = messages.prefix(messages.count - Limits.stateMessages)
                for old in gone { reactions[old.id] = nil }
                messages.removeFirst(gone.count)
            }
        case .messageDeleted(let messageId):
            if let index = messages.firstIndex(where: { $0.id == messageId }) {
                messages[index].deleted = true
                messages[index].text = ""
            }
            reactions[messageId] = nil
        case .handRaised(let id):
            if !hands.contains(id) { hands.append(id) }
        case .handLowered(let id):
            hands.removeAll { $0 == id }
        case .allHandsLowered:
            hands.removeAll()
        case .floor(let id):
            floor = id
            if let id { hands.removeAll { $0 == id } }
        case .agenda(let itemId):
            if agenda.contains(where: { $0.id == itemId }) {
                currentItemId = itemId
                currentItemSince = event.at
            }
        case .muted(let id, let muted):
            update(id) { $0.muted = muted }
        case .locked(let locked):
            self.locked = locked
        case .seatClaimed(let claim):
            claims.append(claim)
            // Settled claims stay so their newcomer can learn the outcome; the oldest go.
            let settled = claims.filter { $0.status != .pending }
            if settled.count > Limits.settledClaimsKept {
                let gone = Set(settled.prefix(settled.count - Limits.settledClaimsKept).map(\.id))
                claims.removeAll { gone.contains($0.id) }
            }
        case .seatGranted(let claimId, _):
            settle(claimId, as: .granted)
        case .seatRefused(let claimId, let expired):
            settle(claimId, as: expired ? .expired : .refused)
        case .questionAsked(let question), .questionAnswered(let question):
            if let index = questions.firstIndex(where: { $0.id == question.id }) {
                questions[index] = question
            } else {
                questions.append(question)
            }
        case .pollOpened(let poll), .pollVoted(let poll), .pollClosed(let poll), .pollRevealed(let poll):
            fold(poll)
        case .signal(let id, let signal):
            signals[id] = signal
        case .signalsCleared(let id):
            if let id { signals[id] = nil } else { signals.removeAll() }
        case .reaction(let change):
            react(change)
        case .timer(let step, let timer):
            self.timer = step == .stopped || step == .ended ? nil : timer
        case .dayClosed(let close):
            closedDays.append(close)
            // The timer belongs to the day it ran in.
            timer = nil
            if let next = close.nextItemId, agenda.contains(where: { $0.id == next }) {
                currentItemId = next
                currentItemSince = event.at
            }
        case .hidden, .unknown:
            break
        }
        return .applied
    }

    private mutating func update(_ id: String, _ change: (inout Participant) -> Void) {
        guard let index = participants.firstIndex(where: { $0.id == id }) else { return }
        change(&participants[index])
    }

    private mutating func settle(_ claimId: String, as status: SeatClaim.Status) {
        guard let index = claims.firstIndex(where: { $0.id == claimId }) else { return }
        claims[index].status = status
    }

    private mutating func depart(_ id: String, as membership: Membership) {
        update(id) {
            $0.membership = membership
            $0.presence = .offline
        }
        hands.removeAll { $0 == id }
        if floor == id { floor = nil }
        signals[id] = nil
    }

    /// A poll event carries the poll as it now stands, with only the votes it changes:
    /// the votes are merged, everything else replaced.
    private mutating func fold(_ poll: Poll) {
        guard let index = polls.firstIndex(where: { $0.id == poll.id }) else {
            polls.append(poll)
            if polls.count > Limits.statePolls { polls.removeFirst(polls.count - Limits.statePolls) }
            return
        }
        let votes = polls[index].votes.merging(poll.votes) { _, new in new }
        polls[index] = poll
        polls[index].votes = votes
    }

    /// Reactions are kept for the messages the state holds only.
    private mutating func react(_ change: ReactionChange) {
        guard messages.contains(where: { $0.id == change.messageId && !$0.deleted }) else { return }
        var who = reactions[change.messageId]?[change.emoji.rawValue] ?? []
        who.removeAll { $0 == change.participantId }
        if change.on { who.append(change.participantId) }
        reactions[change.messageId, default: [:]][change.emoji.rawValue] = who.isEmpty ? nil : who
        if reactions[change.messageId]?.isEmpty == true { reactions[change.messageId] = nil }
    }
}
