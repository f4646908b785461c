import Foundation
import SessionClient
import SessionModel
import Testing
@testable import MomentumTUI

/// The demo's bots as a state machine: a whole demo in virtual time against a room that
/// applies their actions as the server would, deterministic for a seed.
@Suite("Demo director")
struct DemoDirectorTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// What happened, in order, and the room at the end.
    struct Day {
        var transcript: [String] = []
        var events: [RoomEvent] = []
        var state: RoomState
        var steps = 0
        var spins = 0
    }

    /// The room as the server keeps it: each action becomes the event the server would append.
    static func room() -> RoomState {
        let agenda = DemoWorkshop.request.agenda.enumerated().map { index, draft in
            AgendaItem(id: "a\(index)", title: draft.title, day: draft.day, start: draft.start, minutes: draft.minutes)
        }
        return RoomState(room: RoomInfo(id: "r1", title: DemoWorkshop.request.title, createdAt: start), agenda: agenda)
    }

    /// Runs the director for `hours` of virtual time with `seed`.
    static func day(seed: UInt64, hours: Double = 8, participants: Int = 6) -> (Day, DemoDirector) {
        var director = DemoDirector(participants: participants, reservedNames: ["Invité"], withExpert: true, pace: .live, seed: seed, start: start)
        var day = Day(state: room())
        var now = start
        func append(_ kind: RoomEvent.Kind, by actor: String?) {
            let event = RoomEvent(seq: day.state.seq + 1, at: now, actor: actor, kind: kind)
            if day.state.apply(event) == .applied { day.events.append(event) }
        }
        while now < start + hours * 3600 {
            var actions = director.step(at: now)
            while !actions.isEmpty {
                for action in actions {
                    day.transcript.append("\(Int(now.timeIntervalSince(start) * 1000)) \(action)")
                    switch action {
                    case .join(let bot):
                        let id = "p\(bot)"
                        let who = director.bots[bot]
                        append(.joined(Participant(id: id, name: who.name, role: who.isExpert ? .expert : .learner, joinedAt: now)), by: id)
                        director.receive(.joined(bot: bot, participantId: id, state: day.state), at: now)
                    case .say(let bot, let text):
                        let id = "p\(bot)"
                        let seq = day.state.seq + 1
                        append(.message(ChatMessage(id: "m\(seq)", seq: seq, authorId: id, text: text, at: now)), by: id)
                    case .hand(let bot, let raised):
                        let id = "p\(bot)"
                        if day.state.hands.contains(id) != raised { append(raised ? .handRaised(participantId: id) : .handLowered(participantId: id), by: id) }
                    case .moderate(let bot, let moderation, let request):
                        switch moderation {
                        case .agenda: if request.itemId != day.state.currentItemId { append(.agenda(itemId: request.itemId ?? ""), by: "p\(bot)") }
                        case .floor: if request.participantId != day.state.floor { append(.floor(participantId: request.participantId), by: "p\(bot)") }
                        case .lowerHand, .lowerAllHands, .mute, .remove, .lock, .deleteMessage, .acceptClaim, .refuseClaim, .clearSignals:
                            Issue.record("the simulated expert does not \(moderation.rawValue)")
                        }
                    case .engage(let bot, let change):
                        if let kind = Self.event(for: change, by: "p\(bot)", in: day.state, at: now) { append(kind, by: "p\(bot)") }
                    }
                }
                director.receive(.changed(day.state), at: now)
                actions = director.step(at: now)
                day.steps += 1
            }
            guard let next = director.nextWake else { break }
            if next <= now { day.spins += 1 }
            now = max(next, now + 0.001)
        }
        return (day, director)
    }

    @Test func aWholeDemoInVirtualTime() throws {
        let (day, director) = Self.day(seed: 42)
        let state = day.state
        #expect(day.spins == 0, "the director never asks to wake in the past")
        // Everyone arrives and greets once, first thing.
        #expect(state.present.count == 7)
        for bot in director.bots where !bot.isExpert {
            let first = day.events.first { if case .message(let m) = $0.kind { m.authorId == bot.participantId } else { false } }
            if case .message(let message)? = first?.kind { #expect(DemoScript.greetings.contains(message.text), "\(bot.name) said \(message.text) first") }
            #expect(first != nil, "\(bot.name) said something")
        }
        let sarah = try #require(director.bots.first(where: \.isExpert)?.participantId)
        // The agenda goes through every item, in order, to the last.
        let items = day.events.compactMap { if case .agenda(let id) = $0.kind { id } else { nil } }
        #expect(items == state.agenda.map(\.id))
        #expect(state.currentItemId == state.agenda.last?.id)
        // The floor goes to raised hands, and whoever gets it answers on the item's theme.
        let floors = day.events.filter { if case .floor(_?) = $0.kind { true } else { false } }
        #expect(floors.count >= 10, "\(floors.count) floors")
        var answered = 0
        var replay = Self.room()
        for event in day.events {
            if case .floor(let holder?) = event.kind {
                #expect(event.actor == sarah)
                #expect(replay.hands.first == holder, "the floor goes to the first hand")
                let theme = DemoScript.Theme(title: replay.currentItem?.title)
                let reply = day.events.first { later in
                    guard later.seq > event.seq, case .message(let message) = later.kind, message.authorId == holder else { return false }
                    return true
                }
                if case .message(let message)? = reply?.kind, DemoScript.answers(theme).contains(message.text) { answered += 1 }
            }
            replay.apply(event)
        }
        #expect(answered == floors.count, "every bot given the floor answers on the item's theme")
        #expect(day.events.filter { if case .handRaised = $0.kind { true } else { false } }.count >= floors.count)
    }

    @Test func theSameSeedPlaysTheSameDay() {
        let (first, _) = Self.day(seed: 7, hours: 2)
        let (again, _) = Self.day(seed: 7, hours: 2)
        let (other, _) = Self.day(seed: 8, hours: 2)
        #expect(first.transcript == again.transcript)
        #expect(first.transcript.count > 100)
        #expect(first.transcript != other.transcript)
    }

    @Test func withoutAnExpertNobodyLeads() {
        var director = DemoDirector(participants: 3, reservedNames: ["Sarah"], withExpert: false, pace: .fast, seed: 1, start: Self.start)
        #expect(director.bots.map(\.name) == ["Karim", "Chloé", "Dominique"])
        #expect(director.expertIndex == nil)
        let joins = director.step(at: Self.start + 10)
        #expect(joins == [.join(bot: 0), .join(bot: 1), .join(bot: 2)])
    }
}
