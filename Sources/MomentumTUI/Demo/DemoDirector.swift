import Foundation
import SessionModel
import SessionClient

/// The demo's simulated participants as a state machine with no I/O: what the bots' streams
/// saw comes in (`receive`), what the bots do comes out (`step`), at times given by the
/// caller, with randomness from a seeded generator. `DemoBots` drives it on the real clock
/// against the real server; tests drive it through a whole day in virtual time.
///
/// Learners (French first names) arrive one by one, greet, chat from `DemoScript` lines that
/// fit the current agenda item, raise hands now and then and answer when given the floor.
/// With a simulated expert, Sarah starts the agenda, gives the floor to the first raised
/// hand, takes it back once answered, and moves the agenda on every few minutes.
struct DemoDirector: Sendable {
    /// One simulated participant.
    struct Bot: Sendable, Equatable {
        let name: String
        let isExpert: Bool
        var participantId: String?
        var joinAt: Date
        var joinAsked = false
        var greetAt: Date?
        var greeted = false
        var handSince: Date?
        var answerAt: Date?
        var hadFloor = false
    }

    /// What a bot's stream learnt.
    enum Input: Sendable {
        case joined(bot: Int, participantId: String, state: RoomState)
        case changed(RoomState)
    }

    /// What a bot does, as its own client.
    enum Action: Sendable, Equatable {
        case join(bot: Int)
        case say(bot: Int, String)
        case hand(bot: Int, raised: Bool)
        case moderate(bot: Int, ModerationAction, ModerationRequest)
        /// A vote, a signal, a private question, a reaction; the expert's poll and answer.
        case engage(bot: Int, Engagement)
    }

    /// The floor as the expert gave it: to whom, the room's seq then, when, and when answered.
    struct Grant: Sendable, Equatable {
        var holder: String
        var seq: Int64
        var at: Date
        var answered: Date?
    }

    let pace: DemoPace
    private(set) var bots: [Bot]
    /// The newest state any bot's stream saw.
    private(set) var room: RoomState?
    var rng: SeededGenerator
    var nextChat: Date
    var turn: Int
    var chatItem: String?
    var saidThisItem = 0
    var expertStarted = false
    var nextFloor: Date?
    var nextAgenda: Date?
    var grant: Grant?
    var thanks = 0
    /// Votes, questions, signals and reactions to come (`DemoDirector+Engage`).
    var engaged: DemoEngaged

    init(participants: Int, reservedNames: [String], withExpert: Bool, pace: DemoPace, seed: UInt64, start: Date) {
        self.pace = pace
        var rng = SeededGenerator(seed: seed)
        let expertName = DemoScript.expertName(avoiding: reservedNames)
        var bots: [Bot] = withExpert ? [Bot(name: expertName, isExpert: true, joinAt: start)] : []
        var arrival = start
        for name in DemoScript.learnerNames(count: participants, avoiding: reservedNames + (withExpert ? [expertName] : [])) {
            arrival += Double.random(in: pace.joinGap, using: &rng)
            bots.append(Bot(name: name, isExpert: false, joinAt: arrival))
        }
        self.bots = bots
        nextChat = start + Double.random(in: pace.chatGap, using: &rng)
        turn = Int.random(in: 0..<12, using: &rng)
        engaged = DemoEngaged(start: start, pace: pace, rng: &rng)
        self.rng = rng
    }

    /// The bot whose participant id this is.
    func bot(withId id: String) -> Int? { bots.firstIndex { $0.participantId == id } }

    // MARK: Inputs

    mutating func receive(_ input: Input, at now: Date) {
        switch input {
        case .joined(let index, let participantId, let state):
            bots[index].participantId = participantId
            if !bots[index].isExpert { bots[index].greetAt = now + Double.random(in: pace.greetDelay, using: &rng) }
            changed(state, at: now)
        case .changed(let state):
            changed(state, at: now)
        }
    }

    private mutating func changed(_ state: RoomState, at now: Date) {
        // Each bot sees its own private question and vote: noted before the newest state wins.
        noticeEngagement(in: state, at: now)
        guard state.seq >= room?.seq ?? 0 else { return }
        room = state
        for index in bots.indices where !bots[index].isExpert {
            guard let id = bots[index].participantId else { continue }
            let holds = state.floor == id
            if holds, !bots[index].hadFloor { bots[index].answerAt = now + Double.random(in: pace.answerDelay, using: &rng) }
            bots[index].hadFloor = holds
            if !state.hands.contains(id) { bots[index].handSince = nil }
        }
    }

    // MARK: Steps

    /// What the bots do at `now`: call it at `nextWake`, and after inputs.
    mutating func step(at now: Date) -> [Action] {
        var actions: [Action] = []
        for index in bots.indices where !bots[index].joinAsked && bots[index].joinAt <= now {
            bots[index].joinAsked = true
            actions.append(.join(bot: index))
        }
        guard let room else { return actions }
        for index in bots.indices where !bots[index].isExpert {
            if !bots[index].greeted, let greetAt = bots[index].greetAt, greetAt <= now {
                bots[index].greeted = true
                actions.append(.say(bot: index, DemoScript.greetings.randomElement(using: &rng) ?? "Bonjour !"))
            }
            if let answerAt = bots[index].answerAt, answerAt <= now {
                bots[index].answerAt = nil
                if room.floor == bots[index].participantId {
                    let line = DemoScript.answer(forItemTitle: room.currentItem?.title, turn: Int.random(in: 0..<12, using: &rng))
                    actions.append(.say(bot: index, line))
                }
            }
        }
        if now >= nextChat {
            nextChat = now + Double.random(in: pace.chatGap, using: &rng)
            actions += chatter(in: room, at: now)
        }
        actions += lead(in: room, at: now)
        actions += engage(in: room, at: now)
        return actions
    }

    /// The next moment something is due; the driver sleeps until then or until an input.
    var nextWake: Date? {
        var dates: [Date] = bots.filter { !$0.joinAsked }.map(\.joinAt)
        guard room != nil else { return dates.min() }
        dates += bots.compactMap { $0.greeted ? nil : $0.greetAt }
        dates += bots.compactMap(\.answerAt)
        dates.append(nextChat)
        dates += expertWakes
        dates += engaged.wakes
        return dates.min()
    }

    /// One move at a time for the whole class, so the chat stays readable.
    private mutating func chatter(in room: RoomState, at now: Date) -> [Action] {
        let present = bots.indices.filter { index in
            let bot = bots[index]
            guard !bot.isExpert, bot.greeted, let id = bot.participantId, let me = room.participant(id) else { return false }
            return me.isPresent && !me.muted
        }
        if let tired = present.first(where: { bots[$0].handSince.map { now.timeIntervalSince($0) > pace.handPatience } ?? false }) {
            bots[tired].handSince = nil
            if let id = bots[tired].participantId, room.hands.contains(id) { return [.hand(bot: tired, raised: false)] }
            return []
        }
        guard let speaker = present.filter({ room.floor != bots[$0].participantId }).randomElement(using: &rng),
              let speakerId = bots[speaker].participantId
        else { return [] }
        if room.currentItemId != chatItem { (chatItem, saidThisItem) = (room.currentItemId, 0) }
        let theme = DemoScript.Theme(title: room.currentItem?.title)
        let lines = DemoScript.chat(theme)
        if theme.isBreak, Bool.random(using: &rng) { return [] }
        if !theme.isBreak, Double.random(in: 0..<1, using: &rng) < pace.handChance, room.hands.count < 3, !room.hands.contains(speakerId) {
            bots[speaker].handSince = now
            return [.hand(bot: speaker, raised: true)]
        }
        // Once each line was said during the item, the class mostly listens.
        if saidThisItem >= lines.count, Double.random(in: 0..<1, using: &rng) < 0.8 { return [] }
        defer {
            turn += 1
            saidThisItem += 1
        }
        return [.say(bot: speaker, DemoScript.pick(lines, turn: turn))]
    }
}
