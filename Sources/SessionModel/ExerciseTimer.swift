public import Foundation

/// The expert's exercise countdown: an end time while it runs, the seconds left while
/// paused. It is room state, not a client timer, so it survives reconnects and restarts;
/// every client computes what is left from `endsAt`, and the server appends `timer.ended`
/// once when that time comes.
public struct ExerciseTimer: Codable, Sendable, Equatable {
    /// Seconds it was set to, with the time added since.
    public var total: Int
    /// When it reaches zero, while it runs; nil while paused.
    public var endsAt: Date?
    /// Seconds left, while paused; nil while it runs.
    public var remaining: Int?
    /// The expert who started it.
    public var startedBy: String?

    public init(total: Int, endsAt: Date?, remaining: Int? = nil, startedBy: String? = nil) {
        self.total = total
        self.endsAt = endsAt
        self.remaining = remaining
        self.startedBy = startedBy
    }

    public var isRunning: Bool { endsAt != nil }

    /// Whole seconds left at `now`, rounded up (a countdown shows 00:01 until the very end); never negative.
    public func secondsLeft(at now: Date) -> Int {
        guard let endsAt else { return max(0, remaining ?? 0) }
        return max(0, Int(endsAt.timeIntervalSince(now).rounded(.up)))
    }

    /// Running and past its end: the server owes the room its `timer.ended` event.
    public func isDue(at now: Date) -> Bool {
        guard let endsAt else { return false }
        return now >= endsAt
    }
}

/// What happened to the timer; the event type is "timer." and this name.
public enum TimerStep: String, Codable, Sendable, CaseIterable {
    case started, added, paused, resumed, stopped, ended
}

/// What the expert asks of the timer (`POST .../moderation/timer`).
public enum TimerAction: String, Codable, Sendable, CaseIterable {
    case start, add, pause, resume, stop
}

extension Limits {
    /// Longest exercise timer, in seconds (and most one `add` may give).
    public static let timerMaxSeconds = 4 * 3600
}
