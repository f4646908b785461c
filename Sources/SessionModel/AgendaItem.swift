/// One slot of a workshop's programme.
public struct AgendaItem: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var title: String
    /// Day of the workshop, from 1.
    public var day: Int
    /// Local start time, "HH:MM".
    public var start: String
    public var minutes: Int

    public init(id: String, title: String, day: Int, start: String, minutes: Int) {
        self.id = id
        self.title = title
        self.day = day
        self.start = start
        self.minutes = minutes
    }

    /// Minutes since midnight of `start`, or nil when it is not a valid "HH:MM".
    public var startMinutes: Int? { AgendaItem.parseClock(start) }

    /// Parses "HH:MM" (24-hour clock) into minutes since midnight.
    public static func parseClock(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0..<24).contains(hours), (0..<60).contains(minutes)
        else { return nil }
        return hours * 60 + minutes
    }
}
