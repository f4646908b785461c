import SessionModel

/// What the full screen draws rather than writes (poll bars, a signal beside a name,
/// reactions after a message), said as sentences for plain mode: the counts to whoever may
/// see them, my own vote, a signal to the experts and to the learner concerned, a reaction
/// to the author of the message and to whoever reacted.
struct PlainEngagement {
    let strings: Strings
    let me: Participant?
    let state: RoomState

    func lines(for event: RoomEvent) -> [String] {
        let v = strings.engageView, e = strings.engage
        func name(_ id: String) -> String { state.participant(id)?.name ?? "?" }
        let isExpert = me?.role == .expert
        switch event.kind {
        case .pollVoted(let voted):
            let poll = state.poll(voted.id) ?? voted
            var lines: [String] = []
            if let id = me?.id, event.actor == id, let option = poll.votes[id], poll.options.indices.contains(option) {
                lines.append(v.plainMyVote(poll.options[option]))
            }
            if let counts = poll.counts {
                lines.append(v.plainCounts(poll.question, e.votes(poll.voteCount ?? 0), e.results(poll.options, counts)))
            }
            return lines
        case .signal(let id, let signal):
            guard id == me?.id || isExpert else { return [] }
            return [v.plainSignal(name(id), signal.map(e.signalName))]
        case .reaction(let change):
            guard let message = state.messages.first(where: { $0.id == change.messageId }),
                  change.participantId == me?.id || message.authorId == me?.id else { return [] }
            return [v.plainReaction(name(change.participantId), e.reactionWord(change.emoji), change.on, message.text)]
        case .joined, .left, .removed, .presence, .message, .messageDeleted, .handRaised, .handLowered, .allHandsLowered,
             .floor, .agenda, .muted, .locked, .seatClaimed, .seatGranted, .seatRefused, .questionAsked, .questionAnswered,
             .pollOpened, .pollClosed, .pollRevealed, .signalsCleared, .hidden, .unknown, .timer, .dayClosed:
            return []
        }
    }
}
