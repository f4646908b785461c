import Foundation
import SessionModel

/// A small room and a way to number its events, for reducer tests.
struct RoomScript {
    var state: RoomState
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    init() {
        state = RoomState(
            room: RoomInfo(id: "r1", title: "Les métiers du Web", createdAt: Date(timeIntervalSince1970: 1_800_000_000)),
            agenda: [
                AgendaItem(id: "a1", title: "Accueil", day: 1, start: "09:00", minutes: 30),
                AgendaItem(id: "a2", title: "UX design", day: 1, start: "09:30", minutes: 60),
            ])
    }

    func event(_ kind: RoomEvent.Kind, actor: String? = nil, seq: Int64? = nil) -> RoomEvent {
        let number = seq ?? state.seq + 1
        return RoomEvent(seq: number, at: start.addingTimeInterval(Double(number)), actor: actor, kind: kind)
    }

    @discardableResult
    mutating func apply(_ kind: RoomEvent.Kind, actor: String? = nil) -> ApplyOutcome {
        state.apply(event(kind, actor: actor))
    }

    mutating func join(_ id: String, _ name: String, role: Role = .learner) {
        apply(.joined(Participant(id: id, name: name, role: role, joinedAt: start)), actor: id)
    }

    mutating func say(_ id: String, _ text: String, messageId: String) {
        let seq = state.seq + 1
        apply(.message(ChatMessage(id: messageId, seq: seq, authorId: id, text: text, at: start)), actor: id)
    }
}
