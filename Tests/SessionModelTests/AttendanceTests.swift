import Foundation
import SessionModel
import Testing

/// The attendance register from a scripted day of presence events, with drops and returns,
/// compared with a table written by hand.
@Suite("Attendance register")
struct AttendanceTests {
    static let utc = TimeZone(identifier: "UTC")!

    /// A scripted day, Monday 30 November 2026 (UTC): events at "HH:MM".
    struct Day {
        var events: [RoomEvent] = []
        let room = RoomInfo(id: "r1", title: "Les métiers du Web", createdAt: Date(timeIntervalSince1970: 0))

        static func at(_ clock: String, day: Int = 30) -> Date {
            let minutes = AgendaItem.parseClock(clock)!
            // 2026-11-30T00:00:00Z
            return Date(timeIntervalSince1970: 1_795_996_800 + Double((day - 30) * 86_400 + minutes * 60))
        }

        mutating func add(_ clock: String, _ kind: RoomEvent.Kind) {
            events.append(RoomEvent(seq: Int64(events.count + 1), at: Day.at(clock), actor: nil, kind: kind))
        }

        mutating func join(_ clock: String, _ id: String, _ name: String, role: Role = .learner) {
            add(clock, .joined(Participant(id: id, name: name, role: role, joinedAt: Day.at(clock))))
        }

        mutating func presence(_ clock: String, _ id: String, _ presence: Presence) {
            add(clock, .presence(participantId: id, presence: presence))
        }
    }

    static func scriptedDay() -> Day {
        var day = Day()
        day.join("07:50", "p0", "Sarah", role: .expert)
        day.join("08:05", "p1", "Karim")
        day.join("08:10", "p2", "Chloé")
        day.presence("09:00", "p1", .offline)  // a drop of 5 minutes: no departure
        day.presence("09:05", "p1", .online)
        day.presence("10:00", "p2", .offline)  // an hour away: a departure
        day.join("10:30", "p3", "Dominique")
        day.presence("11:00", "p2", .online)
        day.add("11:00", .left(participantId: "p3"))
        day.join("11:05", "p4", "Dominique")  // came back as a new participant: the same person
        day.add("12:00", .left(participantId: "p4"))
        day.presence("12:00", "p2", .offline)  // never comes back: absent in the afternoon
        day.presence("12:20", "p1", .offline)
        day.presence("12:35", "p0", .offline)
        day.presence("13:30", "p0", .online)
        day.presence("13:40", "p1", .online)
        day.join("14:00", "p5", "Florent")
        day.presence("15:00", "p5", .offline)
        day.add("15:20", .seatClaimed(SeatClaim(id: "c1", participantId: "p5", at: Day.at("15:20"), expiresAt: Day.at("15:35"))))
        day.add("15:30", .seatGranted(claimId: "c1", participantId: "p5"))  // back on another machine, same id
        day.presence("16:00", "p1", .away)  // away is still connected
        return day
    }

    @Test func aScriptedDayGivesTheHandMadeTable() {
        let day = Self.scriptedDay()
        let register = AttendanceRegister.compute(room: day.room, events: day.events, rules: AttendanceRules(), timeZone: Self.utc, now: Day.at("18:30"))
        func row(_ id: String, _ name: String, _ period: String, _ first: String?, _ last: String?, _ minutes: Int, _ present: Bool, role: Role = .learner) -> AttendanceRow {
            let (from, to) = period == "morning" ? ("08:00", "12:30") : ("13:30", "18:00")
            return AttendanceRow(
                participantId: id, name: name, role: role, date: "2026-11-30", period: period, from: from, to: to,
                firstSeen: first.map { Day.at($0) }, lastSeen: last.map { Day.at($0) }, minutes: minutes, present: present)
        }
        let expected: [AttendanceRow] = [
            row("p0", "Sarah", "morning", "08:00", "12:30", 270, true, role: .expert),
            row("p2", "Chloé", "morning", "08:10", "12:00", 170, true),
            row("p3", "Dominique", "morning", "10:30", "12:00", 90, false),
            row("p1", "Karim", "morning", "08:05", "12:20", 255, true),
            row("p0", "Sarah", "afternoon", "13:30", "18:00", 270, true, role: .expert),
            row("p2", "Chloé", "afternoon", nil, nil, 0, false),
            row("p5", "Florent", "afternoon", "14:00", "18:00", 210, true),
            row("p1", "Karim", "afternoon", "13:40", "18:00", 260, true),
        ]
        #expect(register.rows.count == expected.count)
        for (got, want) in zip(register.rows, expected) { #expect(got == want) }
        #expect(register.timeZone == Self.utc.identifier && register.rules == AttendanceRules())
    }

    @Test func rulesChangeTheTable() {
        let day = Self.scriptedDay()
        // Without grace, Karim's 5-minute drop and Dominique's return count as absences;
        // at 60 %, Chloé's 170 minutes of 270 are not enough.
        let rules = AttendanceRules(halfDays: [HalfDay(from: "08:00", to: "12:30")], graceMinutes: 0, presentPercent: 65)
        let register = AttendanceRegister.compute(room: day.room, events: day.events, rules: rules, timeZone: Self.utc, now: Day.at("18:30"))
        let table = register.rows.map { "\($0.name) \($0.minutes) \($0.present)" }
        #expect(table == ["Sarah 270 true", "Chloé 170 false", "Dominique 85 false", "Karim 250 true"])
    }

    @Test func halfDaysAreReadInTheGivenTimeZone() {
        let day = Self.scriptedDay()
        // 08:05 UTC is 09:05 in Paris: the Paris morning (08:00-12:30) starts with Sarah alone.
        let paris = TimeZone(identifier: "Europe/Paris")!
        let register = AttendanceRegister.compute(room: day.room, events: day.events, rules: AttendanceRules(), timeZone: paris, now: Day.at("18:30"))
        let sarah = register.rows.first { $0.name == "Sarah" && $0.period == "morning" }
        #expect(sarah?.firstSeen == Day.at("07:50"))
        #expect(register.rows.allSatisfy { $0.date == "2026-11-30" })
    }

    @Test func aDayWithNobodyConnectedIsNotInTheRegister() {
        var day = Day()
        day.join("09:00", "p0", "Sarah", role: .expert)
        day.presence("10:00", "p0", .offline)
        // Next day: nothing at all until "now" the day after.
        let register = AttendanceRegister.compute(room: day.room, events: day.events, rules: AttendanceRules(), timeZone: Self.utc, now: Day.at("10:00", day: 31))
        #expect(register.rows.map(\.period) == ["morning"])
    }

    @Test func halfDaysParseOrRefuse() {
        #expect(HalfDay.parseList("08:00-12:30,13:30-18:00") == AttendanceRules.standardHalfDays)
        #expect(HalfDay.parseList("09:00-12:00")?.count == 1)
        for bad in ["", "9:00-12:00", "12:00-08:00", "13:00-14:00,08:00-09:00", "08:00", "a-b", "01:00-02:00,02:00-03:00,03:00-04:00,04:00-05:00,05:00-06:00"] {
            #expect(HalfDay.parseList(bad) == nil, "\(bad)")
        }
    }

    @Test func csvQuotesAndNeutralisesFormulas() {
        #expect(CSV.field("Karim") == "Karim")
        #expect(CSV.field("Dupont, Jean") == "\"Dupont, Jean\"")
        #expect(CSV.field("Le \"chef\"") == "\"Le \"\"chef\"\"\"")
        #expect(CSV.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSV.field("+33 6") == "\"'+33 6\"")
        #expect(CSV.field("-1") == "\"'-1\"")
        #expect(CSV.field("@SUM(A1)") == "\"'@SUM(A1)\"")
        #expect(CSV.field("deux\nlignes") == "\"deux\nlignes\"")
    }

    @Test func csvHasAHeaderAndOneLinePerRow() {
        let day = Self.scriptedDay()
        let register = AttendanceRegister.compute(room: day.room, events: day.events, rules: AttendanceRules(), timeZone: Self.utc, now: Day.at("18:30"))
        let lines = register.csv().components(separatedBy: "\r\n")
        #expect(lines[0] == "date,period,from,to,participant_id,name,role,first_seen,last_seen,minutes,present")
        #expect(lines[1] == "2026-11-30,morning,08:00,12:30,p0,Sarah,expert,08:00,12:30,270,yes")
        #expect(lines[6] == "2026-11-30,afternoon,13:30,18:00,p2,Chloé,learner,,,0,no")
        #expect(lines.count == register.rows.count + 2 && lines.last == "")
    }
}
