import SessionModel

/// What the timer and the close of a day say in the chat, for the full screen and plain
/// mode alike. Every one of these events is public: everyone reads the same lines.
struct WorkshopSentences {
    let strings: WorkshopStrings
    let state: RoomState

    func lines(for event: RoomEvent) -> [String] {
        let s = strings
        let by = event.actor.flatMap { state.participant($0)?.name } ?? "?"
        switch event.kind {
        case .timer(let step, let timer):
            let left = WorkshopStrings.duration(timer.secondsLeft(at: event.at))
            switch step {
            case .started: return [s.timerStarted(by, WorkshopStrings.duration(timer.total))]
            case .added: return [s.timerAdded(by, left)]
            case .paused: return [s.timerPaused(by, left)]
            case .resumed: return [s.timerResumed(by, left)]
            case .stopped: return [s.timerStopped(by)]
            case .ended: return [s.timerEnded]
            }
        case .dayClosed(let close):
            var lines = [s.dayClosed(close.day, close.itemsDone, close.polls, close.questionsAnswered)]
            if close.over {
                lines.append(s.workshopOver)
            } else if let next = state.agenda.first(where: { $0.id == close.nextItemId }) {
                lines.append(s.nextDayStarts(next.day, next.start + " " + next.title))
            }
            return lines
        case .joined, .left, .removed, .presence, .message, .messageDeleted, .handRaised, .handLowered, .allHandsLowered,
             .floor, .agenda, .muted, .locked, .seatClaimed, .seatGranted, .seatRefused, .questionAsked, .questionAnswered,
             .pollOpened, .pollVoted, .pollClosed, .pollRevealed, .signal, .signalsCleared, .reaction, .hidden, .unknown:
            return []
        }
    }
}
