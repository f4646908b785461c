import Foundation
import SessionModel

/// Where the chat changes day: between two messages of different calendar days (in the
/// user's time zone) or of different workshop days (the expert closed one in between).
/// The workshop day of a message is 1 plus the days closed before it (`RoomState.workshopDay`),
/// so a separator reads the same in scrollback as it did live.
struct ChatDays {
    let state: RoomState
    let timeZone: TimeZone

    /// A day that starts before a message: its workshop day and its date.
    struct Start: Equatable {
        var day: Int
        var date: DateComponents
    }

    /// The day `message` starts, if it is the first message or its day differs from `previous`'s.
    func start(of message: ChatMessage, after previous: ChatMessage?) -> Start? {
        if let previous, key(previous.at) == key(message.at) { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return Start(day: state.workshopDay(at: message.at), date: calendar.dateComponents([.weekday, .day, .month], from: message.at))
    }

    /// The message before `message` in the state's recent messages, if it is there.
    func previous(of message: ChatMessage) -> ChatMessage? {
        guard let index = state.messages.lastIndex(where: { $0.id == message.id }), index > 0 else { return nil }
        return state.messages[index - 1]
    }

    /// The starts of day in a run of messages, by the id of the message they come before.
    func starts(in messages: [ChatMessage], after previous: ChatMessage? = nil) -> [String: Start] {
        var starts: [String: Start] = [:]
        var last = previous
        for message in messages {
            if let start = start(of: message, after: last) { starts[message.id] = start }
            last = message
        }
        return starts
    }

    /// The workshop day and the local day number (days since 1970 in the zone): arithmetic,
    /// not a Calendar, since it runs for every message.
    private func key(_ date: Date) -> (Int, Int) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: date)
        let localDay = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return (state.workshopDay(at: date), localDay)
    }
}
