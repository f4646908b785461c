public import Foundation

/// The expert closed a workshop day: its recap, computed by the server from the room's
/// state, and what comes next. Closing the last day of the agenda ends the workshop.
public struct DayClose: Codable, Sendable, Equatable {
    /// The day closed, from 1 (the day of the current agenda item).
    public var day: Int
    public var at: Date
    /// Agenda items of that day up to the current one.
    public var itemsDone: Int
    /// Polls opened since the previous close (or the room's creation).
    public var polls: Int
    /// Questions answered since the previous close.
    public var questionsAnswered: Int
    /// The next day's first item, now current; nil when the workshop is over.
    public var nextItemId: String?
    /// No day follows: the room stays readable, learners can no longer write.
    public var over: Bool

    public init(day: Int, at: Date, itemsDone: Int, polls: Int, questionsAnswered: Int, nextItemId: String?, over: Bool) {
        self.day = day
        self.at = at
        self.itemsDone = itemsDone
        self.polls = polls
        self.questionsAnswered = questionsAnswered
        self.nextItemId = nextItemId
        self.over = over
    }
}

extension RoomState {
    /// The workshop is over: its last day was closed.
    public var isOver: Bool { closedDays.last?.over == true }

    /// The day being lived: the current item's, else the day after the last one closed.
    public var currentDay: Int {
        currentItem?.day ?? (closedDays.last.map(dayAfter) ?? 1)
    }

    /// The workshop day of a moment (a message's time): the day that followed the last close
    /// before it (its next item's day), or day 1 before any close.
    public func workshopDay(at date: Date) -> Int {
        closedDays.last { $0.at <= date }.map(dayAfter) ?? 1
    }

    /// The day a close leads to: its next item's, else the next number.
    private func dayAfter(_ close: DayClose) -> Int {
        agenda.first { $0.id == close.nextItemId }?.day ?? close.day + 1
    }

    /// The recap of closing the current day at `at`, with the next day's first item.
    public func closingDay(at: Date) -> DayClose {
        let day = currentDay
        let since = closedDays.last?.at ?? room.createdAt
        let current = agenda.firstIndex { $0.id == currentItemId }
        let itemsDone = agenda.indices.filter { index in
            agenda[index].day == day && current.map { index <= $0 } == true
        }.count
        let next = agenda.first { $0.day > day }
        return DayClose(
            day: day, at: at, itemsDone: itemsDone,
            polls: polls.filter { $0.openedAt >= since }.count,
            questionsAnswered: questions.filter { ($0.answeredAt.map { $0 >= since }) == true }.count,
            nextItemId: next?.id, over: next == nil)
    }
}
