import SessionModel

/// What questions, polls and signals say in the chat, for the full screen and plain mode
/// alike: a private question shows to whom the server sent it (the asker and the experts).
struct EngagementSentences {
    let strings: EngageStrings
    let me: Participant?
    let state: RoomState

    func lines(for event: RoomEvent) -> [String] {
        let s = strings
        func name(_ id: String?) -> String { id.flatMap { state.participant($0)?.name } ?? "?" }
        let isExpert = me?.role == .expert
        switch event.kind {
        case .questionAsked(let question):
            if question.askerId == me?.id { return [s.askedByMe(question.text, question.anonymous)] }
            let number = (state.openQuestions.firstIndex { $0.id == question.id } ?? 0) + 1
            return isExpert ? [s.askedPrivately(number, name(question.askerId), question.text)] : []
        case .questionAnswered(let question):
            let by = name(question.answeredBy)
            let answer = question.answer ?? ""
            if question.published {
                let asker = question.anonymous && question.askerId != me?.id ? nil : question.askerId.map { name($0) }
                return [s.publishedQuestion(asker, question.text)] + (answer.isEmpty ? [] : [s.publishedAnswer(by, answer)])
            }
            let asker = question.askerId == me?.id ? (me?.name ?? "?") : name(question.askerId)
            return [answer.isEmpty ? s.closedWithoutWords(by, asker) : s.answeredPrivately(by, asker, answer)]
        case .pollOpened(let poll):
            return [s.pollOpened(poll.question, poll.options.count) + ": " + poll.options.enumerated().map { "\($0 + 1) \($1)" }.joined(separator: " · ")]
        case .pollClosed(let poll):
            return [s.pollClosed(poll.question) + (poll.counts.map { " — " + s.results(poll.options, $0) } ?? "")]
        case .pollRevealed(let poll):
            return [s.pollRevealed(poll.question) + (poll.counts.map { " — " + s.results(poll.options, $0) } ?? "")]
        case .signalsCleared(let id):
            // Said to the learner concerned and to the experts.
            guard let by = event.actor.map({ name($0) }) else { return [] }
            if let id { return id == me?.id || isExpert ? [s.signalClearedBy(name(id), by)] : [] }
            return [s.signalsCleared(by)]
        case .pollVoted, .signal, .reaction:
            // Counts, marks and reactions are drawn where they belong, not as chat lines.
            return []
        case .joined, .left, .removed, .presence, .message, .messageDeleted, .handRaised, .handLowered, .allHandsLowered,
             .floor, .agenda, .muted, .locked, .seatClaimed, .seatGranted, .seatRefused, .hidden, .unknown, .timer, .dayClosed:
            return []
        }
    }
}
