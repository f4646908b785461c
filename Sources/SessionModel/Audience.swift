// The privacy rule of a room, in one place: what each participant may see of its events
// and of its state. The server applies it to every long-poll answer, history read, state
// and join; a client folding the events it was shown gets exactly the state it was shown
// (`RoomState.seen(by:)` of the server's state), which the reducer tests check.

extension RoomEvent {
    /// True when every participant sees this event as it is: the long-poll can then encode
    /// a batch once for every waiter.
    public var isPublic: Bool {
        switch kind {
        case .questionAsked, .questionAnswered, .pollOpened, .pollVoted, .pollClosed, .pollRevealed,
             .seatClaimed, .seatGranted, .seatRefused:
            false
        case .joined, .left, .removed, .presence, .message, .messageDeleted, .handRaised, .handLowered,
             .allHandsLowered, .floor, .agenda, .muted, .locked, .signal, .signalsCleared, .reaction, .hidden, .unknown,
             .timer, .dayClosed:
            true
        }
    }

    /// The event as `viewer` may see it: itself, a form without what is not theirs to know
    /// (another's vote, counts not revealed yet), or `.hidden` (its `seq` only) for another
    /// learner's private question, so that the viewer's stream keeps no gap.
    public func seen(by viewer: Viewer) -> RoomEvent {
        var shown = self
        switch kind {
        case .questionAsked(let question):
            guard let visible = question.seen(by: viewer) else { return hidden }
            shown.kind = .questionAsked(visible)
        case .questionAnswered(let question):
            guard let visible = question.seen(by: viewer) else { return hidden }
            shown.kind = .questionAnswered(visible)
        case .pollOpened(let poll):
            shown.kind = .pollOpened(poll.seen(by: viewer))
        case .pollVoted(let poll):
            shown.kind = .pollVoted(poll.seen(by: viewer))
            // The actor is the voter: named only to whom the vote itself is shown.
            if actor != viewer.participantId && !poll.showsVoters(to: viewer) { shown.actor = nil }
        case .pollClosed(let poll):
            shown.kind = .pollClosed(poll.seen(by: viewer))
        case .pollRevealed(let poll):
            shown.kind = .pollRevealed(poll.seen(by: viewer))
        case .seatClaimed, .seatGranted, .seatRefused:
            // Who asks for an offline learner's seat is the experts' business: they answer.
            guard viewer.role == .expert else { return hidden }
        case .joined, .left, .removed, .presence, .message, .messageDeleted, .handRaised, .handLowered,
             .allHandsLowered, .floor, .agenda, .muted, .locked, .signal, .signalsCleared, .reaction, .hidden, .unknown,
             .timer, .dayClosed:
            break
        }
        return shown
    }

    private var hidden: RoomEvent {
        RoomEvent(seq: seq, at: at, actor: nil, kind: .hidden)
    }
}

extension RoomState {
    /// The state as `viewer` may see it: the questions that are theirs to see, and each
    /// poll's counts and votes as far as they may see them.
    public func seen(by viewer: Viewer) -> RoomState {
        var shown = self
        shown.questions = questions.compactMap { $0.seen(by: viewer) }
        shown.polls = polls.map { $0.seen(by: viewer) }
        if viewer.role != .expert { shown.claims = [] }
        return shown
    }

    /// The viewer a participant of this room is.
    public func viewer(_ participantId: String) -> Viewer? {
        participant(participantId).map { Viewer(participantId: $0.id, role: $0.role) }
    }
}
