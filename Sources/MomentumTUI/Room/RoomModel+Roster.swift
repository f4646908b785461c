import SessionModel
import Widgets

/// One row of the people pane: a person, or the collapsed group of those who are away for good.
enum RosterRow: Equatable {
    case person(Participant)
    /// "absent·e·s (3)": present members whose client has been gone for minutes (offline).
    case absentGroup(count: Int)

    /// The selection key: a person's id, or the group's.
    var id: String {
        switch self {
        case .person(let person): person.id
        case .absentGroup: RosterRow.groupId
        }
    }

    static let groupId = "\u{0}absent"
}

extension RoomModel {
    /// Who is here (online or away) as the roster lists them, experts first, then by name; the
    /// absent ones too while their group is open. Ghosts no longer fill the list.
    var roster: [Participant] {
        rosterRows.compactMap { if case .person(let person) = $0 { person } else { nil } }
    }

    /// Present members whose client has been gone for minutes (offline).
    var absentees: [Participant] { room?.roster.filter { $0.presence == .offline } ?? [] }

    /// The people pane's rows: who is here, then the absent group (its names when open).
    var rosterRows: [RosterRow] {
        let all = room?.roster ?? []
        var rows = all.filter { $0.presence != .offline }.map(RosterRow.person)
        let absent = all.filter { $0.presence == .offline }
        if !absent.isEmpty {
            rows.append(.absentGroup(count: absent.count))
            if absentOpen { rows += absent.map(RosterRow.person) }
        }
        return rows
    }

    /// How many are here, of those expected (present members): "Participants 12/15".
    var attendance: (here: Int, expected: Int) {
        let present = room?.present ?? []
        return (present.filter { $0.presence != .offline }.count, present.count)
    }

    var selectedPerson: Participant? {
        let rows = rosterRows
        switch rows.first(where: { $0.id == selectedPersonId }) ?? rows.first {
        case .person(let person)?: return person
        case .absentGroup?, nil: return nil
        }
    }

    /// Moves the people selection and remembers who it is on.
    mutating func selectPerson(_ move: ListState.Move?, index: Int? = nil) {
        let rows = rosterRows
        guard !rows.isEmpty else { return }
        people.select(index: rows.firstIndex { $0.id == selectedPersonId } ?? 0, count: rows.count, height: 10)
        if let move { people.select(move, count: rows.count, height: 10) }
        if let index { people.select(index: index, count: rows.count, height: 10) }
        if let chosen = people.selection(count: rows.count) { selectedPersonId = rows[chosen].id }
    }

    /// Whether the selection is on the absent group's row.
    var absentGroupSelected: Bool {
        let rows = rosterRows
        return (rows.first { $0.id == selectedPersonId } ?? rows.first) == .absentGroup(count: absentees.count)
    }
}
