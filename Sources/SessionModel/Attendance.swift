public import Foundation

/// One half-day of a workshop day, in local clock time ("HH:MM").
public struct HalfDay: Codable, Sendable, Equatable {
    public var from: String
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    /// "morning" before noon, "afternoon" from noon on: clients name it in their language.
    public var period: String { (AgendaItem.parseClock(from) ?? 0) < 12 * 60 ? "morning" : "afternoon" }

    /// Parses "08:00-12:30,13:30-18:00": 1 to 4 half-days, each ending after it starts and
    /// before the next begins; nil otherwise.
    public static func parseList(_ text: String) -> [HalfDay]? {
        var halfDays: [HalfDay] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = part.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count == 2, let start = AgendaItem.parseClock(String(ends[0])), let end = AgendaItem.parseClock(String(ends[1])),
                  start < end, start >= (halfDays.last.flatMap { AgendaItem.parseClock($0.to) } ?? 0)
            else { return nil }
            halfDays.append(HalfDay(from: String(ends[0]), to: String(ends[1])))
        }
        return (1...4).contains(halfDays.count) ? halfDays : nil
    }
}

/// How presence becomes attendance. The defaults are documented in docs/DECISIONS.md.
public struct AttendanceRules: Codable, Sendable, Equatable {
    public var halfDays: [HalfDay]
    /// An absence shorter than this is no departure (a dropped connection, a client restarted).
    public var graceMinutes: Int
    /// Present for a half-day when connected at least this share of it, in percent.
    public var presentPercent: Int

    public init(halfDays: [HalfDay] = AttendanceRules.standardHalfDays, graceMinutes: Int = 10, presentPercent: Int = 50) {
        self.halfDays = halfDays
        self.graceMinutes = graceMinutes
        self.presentPercent = presentPercent
    }

    public static let standardHalfDays = [HalfDay(from: "08:00", to: "12:30"), HalfDay(from: "13:30", to: "18:00")]
}

/// One line of the register: one person in one half-day.
public struct AttendanceRow: Codable, Sendable, Equatable {
    public var participantId: String
    public var name: String
    public var role: Role
    /// The local date, "YYYY-MM-DD".
    public var date: String
    /// "morning" or "afternoon" (`HalfDay.period`).
    public var period: String
    public var from: String
    public var to: String
    /// First and last moment connected within the half-day; nil when never connected in it.
    public var firstSeen: Date?
    public var lastSeen: Date?
    /// Whole minutes connected within the half-day, short absences included.
    public var minutes: Int
    public var present: Bool

    public init(
        participantId: String, name: String, role: Role, date: String, period: String, from: String, to: String,
        firstSeen: Date?, lastSeen: Date?, minutes: Int, present: Bool
    ) {
        self.participantId = participantId
        self.name = name
        self.role = role
        self.date = date
        self.period = period
        self.from = from
        self.to = to
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.minutes = minutes
        self.present = present
    }
}

/// `GET /v1/rooms/{roomId}/attendance`: the register of a room (émargement), computed on demand.
public struct AttendanceRegister: Codable, Sendable, Equatable {
    public var roomId: String
    public var title: String
    /// The time zone the half-days are read in (the server's), e.g. "Europe/Paris".
    public var timeZone: String
    public var rules: AttendanceRules
    /// By date, then half-day, then experts first and by name.
    public var rows: [AttendanceRow]

    public init(roomId: String, title: String, timeZone: String, rules: AttendanceRules, rows: [AttendanceRow]) {
        self.roomId = roomId
        self.title = title
        self.timeZone = timeZone
        self.rules = rules
        self.rows = rows
    }
}
