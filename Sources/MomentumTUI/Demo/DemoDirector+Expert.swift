import Foundation
import SessionModel

extension DemoDirector {
    /// The simulated expert, when there is one.
    var expertIndex: Int? { bots.firstIndex(where: \.isExpert) }

    /// When the expert next has something to do.
    var expertWakes: [Date] {
        guard let expert = expertIndex, bots[expert].participantId != nil else { return [] }
        // While someone has the floor, only the floor's own deadlines matter: the agenda and
        // the next floor wait (so their passed times must not wake anything).
        guard room?.floor != nil else { return [nextAgenda, nextFloor].compactMap { $0 } }
        guard let grant else { return [] }
        return [grant.at + pace.floorTimeout] + [grant.answered.map { $0 + pace.floorHold }].compactMap { $0 }
    }

    /// Sarah leads: starts the agenda, gives the floor to the first hand, takes it back once
    /// answered (or after a while), moves the agenda on.
    mutating func lead(in room: RoomState, at now: Date) -> [Action] {
        guard let expert = expertIndex, bots[expert].participantId != nil else { return [] }
        if !expertStarted {
            expertStarted = true
            var actions: [Action] = []
            if room.currentItemId == nil, let first = room.agenda.first {
                actions.append(.moderate(bot: expert, .agenda, ModerationRequest(itemId: first.id)))
            }
            actions.append(.say(bot: expert, DemoScript.expertGreeting(name: bots[expert].name)))
            nextFloor = now + Double.random(in: pace.floorGap, using: &rng)
            nextAgenda = now + pace.agendaEvery
            return actions
        }
        if let holder = room.floor {
            return followFloor(holder, as: expert, in: room, at: now)
        }
        grant = nil
        if let due = nextAgenda, now >= due {
            let index = room.agenda.firstIndex { $0.id == room.currentItemId } ?? -1
            guard index + 1 < room.agenda.count else {
                nextAgenda = nil
                return []
            }
            nextAgenda = now + pace.agendaEvery
            let item = room.agenda[index + 1]
            return [.moderate(bot: expert, .agenda, ModerationRequest(itemId: item.id)), .say(bot: expert, DemoScript.expertOpening(title: item.title))]
        }
        // Once due, the floor goes to the next hand raised; until then nothing wakes for it.
        guard nextFloor.map({ now >= $0 }) ?? true else { return [] }
        guard !DemoScript.Theme(title: room.currentItem?.title).isBreak, let first = room.hands.first, let person = room.participant(first) else {
            nextFloor = nil
            return []
        }
        nextFloor = now + Double.random(in: pace.floorGap, using: &rng)
        grant = Grant(holder: first, seq: room.seq, at: now)
        return [.moderate(bot: expert, .floor, ModerationRequest(participantId: first)), .say(bot: expert, DemoScript.floorGiven(to: person.name))]
    }

    /// Someone has the floor: thank them once they answered, or take it back after a while.
    private mutating func followFloor(_ holder: String, as expert: Int, in room: RoomState, at now: Date) -> [Action] {
        if grant?.holder != holder { grant = Grant(holder: holder, seq: room.seq, at: now) }
        guard var current = grant else { return [] }
        if current.answered == nil, room.messages.contains(where: { $0.authorId == holder && $0.seq > current.seq }) {
            current.answered = now
            grant = current
        }
        let done = current.answered.map { now.timeIntervalSince($0) >= pace.floorHold } ?? false
        guard done || now.timeIntervalSince(current.at) >= pace.floorTimeout else { return [] }
        var actions: [Action] = []
        if done, let name = room.participant(holder)?.name {
            actions.append(.say(bot: expert, DemoScript.floorThanks(to: name, turn: thanks)))
            thanks += 1
        }
        actions.append(.moderate(bot: expert, .floor, ModerationRequest(participantId: nil)))
        grant = nil
        nextFloor = now + Double.random(in: pace.floorGap, using: &rng)
        return actions
    }
}
