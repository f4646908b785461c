public import Foundation

extension AttendanceRegister {
    /// The register of a room from its events, oldest first: pure, so a scripted day of
    /// presence events gives a table a test can write by hand.
    ///
    /// The rules (docs/DECISIONS.md, "Attendance"): connected from `joined` (or a granted seat,
    /// or presence online/away) until presence offline, `left` or `removed`; connected
    /// stretches closer than `graceMinutes` are one; a person is present for a half-day when
    /// connected for at least `presentPercent` of it. A participant who left and came back
    /// with the same name and role is one person (a seat claim or a resumed seat keeps the
    /// participant id anyway). Anyone who was a member during a half-day in which somebody
    /// was connected gets a row, absent ones too.
    public static func compute(room: RoomInfo, events: [RoomEvent], rules: AttendanceRules, timeZone: TimeZone, now: Date) -> AttendanceRegister {
        var ledger = PresenceLedger()
        for event in events { ledger.fold(event) }
        ledger.closeAll(at: now)
        let grace = TimeInterval(rules.graceMinutes * 60)
        let people = ledger.people.map { person in
            var merged = person
            merged.connected = Self.merge(person.connected, grace: grace)
            return merged
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let days = Set(people.flatMap { person in
            person.connected.flatMap { stretch in
                stride(from: calendar.startOfDay(for: stretch.start), through: stretch.end, by: 86_400).map { calendar.startOfDay(for: $0) }
            }
        }).sorted()
        var rows: [AttendanceRow] = []
        for day in days {
            let date = Clock.day(day, in: timeZone)
            for halfDay in rules.halfDays {
                guard let window = Self.window(halfDay, of: day, calendar) else { continue }
                let length = window.end.timeIntervalSince(window.start)
                var slot: [AttendanceRow] = []
                for person in people where person.member.contains(where: { $0.start < window.end && $0.end > window.start }) {
                    let inside = person.connected.compactMap { stretch -> Stretch? in
                        let start = max(stretch.start, window.start), end = min(stretch.end, window.end)
                        return start < end ? Stretch(start: start, end: end) : nil
                    }
                    let seconds = inside.reduce(0) { $0 + $1.end.timeIntervalSince($1.start) }
                    slot.append(AttendanceRow(
                        participantId: person.id, name: person.name, role: person.role, date: date, period: halfDay.period,
                        from: halfDay.from, to: halfDay.to, firstSeen: inside.first?.start, lastSeen: inside.last?.end,
                        minutes: Int(seconds / 60), present: seconds * 100 >= Double(rules.presentPercent) * length))
                }
                // A half-day nobody attended (a weekend, a night) is no part of the register.
                guard slot.contains(where: { $0.firstSeen != nil }) else { continue }
                rows += slot.sorted {
                    ($0.role == .expert ? 0 : 1, RoomState.nameKey($0.name), $0.participantId)
                        < ($1.role == .expert ? 0 : 1, RoomState.nameKey($1.name), $1.participantId)
                }
            }
        }
        return AttendanceRegister(roomId: room.id, title: room.title, timeZone: timeZone.identifier, rules: rules, rows: rows)
    }

    /// Stretches sorted and joined when they overlap or the gap between them is under `grace`.
    static func merge(_ stretches: [Stretch], grace: TimeInterval) -> [Stretch] {
        var merged: [Stretch] = []
        for stretch in stretches.sorted(by: { $0.start < $1.start }) {
            if let last = merged.last, stretch.start.timeIntervalSince(last.end) < grace {
                merged[merged.count - 1].end = max(last.end, stretch.end)
            } else {
                merged.append(stretch)
            }
        }
        return merged
    }

    private static func window(_ halfDay: HalfDay, of day: Date, _ calendar: Calendar) -> Stretch? {
        func at(_ clock: String) -> Date? {
            guard let minutes = AgendaItem.parseClock(clock) else { return nil }
            return calendar.date(bySettingHour: minutes / 60, minute: minutes % 60, second: 0, of: day)
        }
        guard let start = at(halfDay.from), let end = at(halfDay.to), start < end else { return nil }
        return Stretch(start: start, end: end)
    }
}

/// A span of time, start before end.
struct Stretch: Equatable {
    var start: Date
    var end: Date
}

/// Who was connected when, folded from a room's events; one entry per person.
struct PresenceLedger {
    struct Person {
        var id: String
        var name: String
        var role: Role
        /// Connected stretches, and when the open one began.
        var connected: [Stretch] = []
        var since: Date?
        /// Membership stretches (joined until left or removed), and when the open one began.
        var member: [Stretch] = []
        var memberSince: Date?
    }

    private(set) var people: [Person] = []
    /// Participant id → index in `people`: several ids are one person when someone came back.
    private var index: [String: Int] = [:]

    mutating func fold(_ event: RoomEvent) {
        let at = event.at
        switch event.kind {
        case .joined(let participant):
            let place = index[participant.id] ?? returning(participant) ?? {
                people.append(Person(id: participant.id, name: participant.name, role: participant.role))
                return people.count - 1
            }()
            index[participant.id] = place
            if people[place].memberSince == nil { people[place].memberSince = at }
            connect(place, at)
        case .seatGranted(_, let participantId):
            if let place = index[participantId] { connect(place, at) }
        case .presence(let participantId, let presence):
            guard let place = index[participantId] else { return }
            if presence == .offline { disconnect(place, at) } else { connect(place, at) }
        case .left(let participantId), .removed(let participantId):
            guard let place = index[participantId] else { return }
            disconnect(place, at)
            if let since = people[place].memberSince {
                people[place].member.append(Stretch(start: since, end: at))
                people[place].memberSince = nil
            }
        case .message, .messageDeleted, .handRaised, .handLowered, .allHandsLowered, .floor, .agenda, .muted, .locked,
             .seatClaimed, .seatRefused, .questionAsked, .questionAnswered, .pollOpened, .pollVoted, .pollClosed, .pollRevealed,
             .signal, .signalsCleared, .reaction, .timer, .dayClosed, .hidden, .unknown:
            break
        }
    }

    /// Ends every open stretch at `now`.
    mutating func closeAll(at now: Date) {
        for place in people.indices {
            disconnect(place, now)
            if let since = people[place].memberSince {
                people[place].member.append(Stretch(start: since, end: max(since, now)))
                people[place].memberSince = nil
            }
        }
    }

    /// The departed person this newcomer is again: same name (as names compare) and role.
    private func returning(_ participant: Participant) -> Int? {
        let key = RoomState.nameKey(participant.name)
        return people.indices.last {
            people[$0].memberSince == nil && people[$0].role == participant.role && RoomState.nameKey(people[$0].name) == key
        }
    }

    private mutating func connect(_ place: Int, _ at: Date) {
        if people[place].since == nil { people[place].since = at }
    }

    private mutating func disconnect(_ place: Int, _ at: Date) {
        guard let since = people[place].since else { return }
        if since < at { people[place].connected.append(Stretch(start: since, end: at)) }
        people[place].since = nil
    }
}
