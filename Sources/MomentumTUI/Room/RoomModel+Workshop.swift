import Foundation
import SessionClient
import SessionModel
import Widgets

/// The exercise timer and the workshop's days on the room screen (plain mode runs the same
/// `submit`). The timer is room state: the header counts down from its end time, and the
/// bell rings on the server's `timer.ended` event, which every client gets once.
extension RoomModel {
    /// How long a first `/fin-journee` on the last day waits for the second.
    static let closeConfirmSeconds: TimeInterval = 30

    /// What `/minuteur` asks, from its argument.
    enum TimerCommand: Equatable {
        /// A length in seconds, or nil for the current agenda item's.
        case start(Int?)
        case add(Int)
        case pause, resume, stop
    }

    /// "" → start with the item's length; "15" minutes, "90s", "1:30", "+5", "pause",
    /// "reprendre"/"resume", "stop"; nil for anything else.
    static func parseTimer(_ argument: String) -> TimerCommand? {
        let word = argument.trimmingCharacters(in: .whitespaces).lowercased()
        switch word {
        case "": return .start(nil)
        case "pause": return .pause
        case "reprendre", "reprise", "resume": return .resume
        case "stop", "arret", "arrêt", "arreter", "arrêter": return .stop
        default: break
        }
        if word.hasPrefix("+") { return timerSeconds(String(word.dropFirst())).map { .add($0) } }
        return timerSeconds(word).map { .start($0) }
    }

    /// "15" (minutes), "90s", "1:30" (minutes and seconds) in seconds; nil when not a length
    /// of 1 second to `Limits.timerMaxSeconds` (checked before multiplying: no overflow).
    static func timerSeconds(_ text: String) -> Int? {
        let max = Limits.timerMaxSeconds
        func minutes(_ n: Int?) -> Int? { n.flatMap { (0...max / 60).contains($0) ? $0 * 60 : nil } }
        var seconds: Int?
        if text.hasSuffix("s"), let n = Int(text.dropLast()) {
            seconds = n
        } else if text.hasSuffix("min") {
            seconds = minutes(Int(text.dropLast(3)))
        } else if let n = Int(text) {
            seconds = minutes(n)
        } else {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            if parts.count == 2, let m = minutes(Int(parts[0])), let s = Int(parts[1]), (0..<60).contains(s) { seconds = m + s }
        }
        guard let seconds, (1...max).contains(seconds) else { return nil }
        return seconds
    }

    /// The timer and the close of a day; `run` sends these here.
    mutating func workshop(_ command: RoomCommand.ID, argument: String) -> [RoomEffect] {
        let w = strings.workshop
        switch command {
        case .closeDay:
            // Closing the last day ends the workshop for good: it is asked twice.
            if let room, !room.agenda.contains(where: { $0.day > room.currentDay }) {
                let confirmed = closeWorkshopAskedAt.map { now.timeIntervalSince($0) < Self.closeConfirmSeconds } ?? false
                guard confirmed else {
                    closeWorkshopAskedAt = now
                    notice = w.confirmLastDay(RoomCommands.all.first { $0.id == .closeDay }?.name(in: strings.language) ?? "/close-day")
                    return []
                }
            }
            closeWorkshopAskedAt = nil
            return [.send(.engage(.closeDay))]
        case .timer:
            guard let parsed = Self.parseTimer(argument) else {
                notice = w.timerUsage
                return []
            }
            switch parsed {
            case .start(let seconds?):
                return [.send(.engage(.timer(.start, seconds: seconds)))]
            case .start(nil):
                guard let item = room?.currentItem else {
                    notice = w.noItemForTimer
                    return []
                }
                return [.send(.engage(.timer(.start, seconds: item.minutes * 60)))]
            case .add(let seconds):
                return timerChange(.add, seconds: seconds)
            case .pause: return timerChange(.pause, seconds: nil)
            case .resume: return timerChange(.resume, seconds: nil)
            case .stop: return timerChange(.stop, seconds: nil)
            }
        case .help, .hand, .who, .agenda, .quit, .floor, .lower, .lowerAll, .next, .previous, .mute, .remove, .delete, .lock, .unlock,
             .acceptClaim, .refuseClaim, .ask, .askAnonymous, .questions, .answer, .publish, .poll, .closePoll, .reveal,
             .slower, .faster, .lost, .ok, .clearSignal, .clearSignals, .react, .search, .presences, .export:
            return []
        }
    }

    private mutating func timerChange(_ action: TimerAction, seconds: Int?) -> [RoomEffect] {
        guard room?.timer != nil else {
            notice = strings.workshop.noTimer
            return []
        }
        return [.send(.engage(.timer(action, seconds: seconds)))]
    }

    /// "⏱ 14:59" (running) or "⏸ 14:59" (paused) for the header, while there is a timer.
    var timerBadge: String? {
        guard let timer = room?.timer else { return nil }
        let left = WorkshopStrings.duration(timer.secondsLeft(at: now))
        if theme.asciiOnly { return (timer.isRunning ? "T " : "|| ") + left }
        return (timer.isRunning ? "⏱ " : "⏸ ") + left
    }

    /// When the header's countdown shows its next second, while a timer runs: at most one
    /// wake-up a second, none once it shows 00:00 (the server's end event comes then).
    func timerWake(after now: Date) -> Date? {
        guard let endsAt = room?.timer?.endsAt, endsAt > now else { return nil }
        let left = endsAt.timeIntervalSince(now)
        let fraction = left - left.rounded(.down)
        return now.addingTimeInterval(fraction > 0.001 ? fraction : 1)
    }

    /// A learner cannot write once the workshop is over; experts still can.
    var isReadOnly: Bool { room?.isOver == true && !isExpert }

    /// The chat lines of a timer or day event; the bell at the timer's end, unless the end
    /// is old news (a backlog after a long drop).
    mutating func showWorkshop(_ event: RoomEvent, in state: RoomState) -> [RoomEffect] {
        for text in WorkshopSentences(strings: strings.workshop, state: state).lines(for: event) { systemLine(text, at: event.at) }
        guard case .timer(.ended, _) = event.kind, bellEnabled, now.timeIntervalSince(event.at) < 60 else { return [] }
        return [.bell]
    }

    /// The separator before a message that starts a day, as the chat draws it.
    func daySeparatorLine(_ start: ChatDays.Start) -> LogLine {
        LogLine([Span(strings.workshop.daySeparator(start.day, start.date), style: theme.dim.adding(.bold))])
    }
}
