import Foundation
import SessionClient
import SessionModel
import Synchronization

/// Simulated participants for `momentum demo`, so that a newcomer sees a live room: learners
/// (French first names) who arrive over the first seconds, greet, chat from `DemoScript`
/// lines that fit the current agenda item, raise hands now and then and answer when given
/// the floor; and, with the room's moderator key, an expert who starts the agenda, gives the
/// floor to the first raised hand and moves the agenda on every few minutes.
///
/// Each bot is a real client: its own long-poll (`RoomStream`, so it shows online and learns
/// of the floor at once) and its own calls, all over the one shared `CurlEngine` thread.
/// Nothing spins: every task sleeps until its next move or waits on the network.
struct DemoBots: Sendable {
    let url: String
    let code: String
    let engine: CurlEngine
    /// The room's moderator key: a simulated expert, Sarah, leads with it. Nil when the user is the expert.
    var moderatorKey: String? = nil
    /// How many simulated learners, 1 to 15.
    var participants = 6
    /// Names the bots leave free: the user's.
    var reservedNames: [String] = []
    var pace = Pace.live

    /// How fast the room lives, in seconds; tests run the same script at `.fast`.
    struct Pace: Sendable {
        /// Between two arrivals.
        var joinGap: ClosedRange<Double>
        /// From arriving to saying hello.
        var greetDelay: ClosedRange<Double>
        /// Between two moves of the learners (a line, a raised hand).
        var chatGap: ClosedRange<Double>
        /// The chance that a move is a raised hand rather than a line.
        var handChance: Double
        /// A hand nobody answered is lowered after this long.
        var handPatience: Double
        /// From being given the floor to answering.
        var answerDelay: ClosedRange<Double>
        /// Between two times the expert gives the floor.
        var floorGap: ClosedRange<Double>
        /// The expert takes the floor back this long after the answer ...
        var floorHold: Double
        /// ... or this long after giving it, when no answer comes.
        var floorTimeout: Double
        /// The expert moves to the next agenda item this often.
        var agendaEvery: Double
        /// How often the expert looks at the room.
        var expertTick: Double

        static let live = Pace(
            joinGap: 0.4...1.5, greetDelay: 1...4, chatGap: 4...10, handChance: 0.2, handPatience: 90,
            answerDelay: 1.5...4, floorGap: 20...45, floorHold: 8, floorTimeout: 60, agendaEvery: 180, expertTick: 1)
        static let fast = Pace(
            joinGap: 0.05...0.15, greetDelay: 0.05...0.2, chatGap: 0.1...0.3, handChance: 0.4, handPatience: 5,
            answerDelay: 0.1...0.3, floorGap: 0.3...0.6, floorHold: 0.3, floorTimeout: 3, agendaEvery: 2, expertTick: 0.1)
    }

    /// Runs the room's life until the task is cancelled.
    func run() async {
        let api = SessionAPI(baseURL: url, transport: engine)
        let expert = moderatorKey.map { Seat(name: DemoScript.expertName(avoiding: reservedNames), moderatorKey: $0) }
        let learners = DemoScript.learnerNames(count: participants, avoiding: reservedNames + [expert?.name].compactMap { $0 })
            .map { Seat(name: $0, moderatorKey: nil) }
        let (signals, signal) = AsyncStream.makeStream(of: Signal.self)
        let (code, pace) = (code, pace)
        await withDiscardingTaskGroup { group in
            if let expert {
                group.addTask { await expert.follow(code: code, api: api, signal: signal) }
                group.addTask { await lead(as: expert, api: api) }
            }
            var arrival = 0.0
            for seat in learners {
                arrival += Double.random(in: pace.joinGap)
                group.addTask { [arrival] in
                    guard await pause(arrival) else { return }
                    await seat.follow(code: code, api: api, signal: signal)
                }
            }
            group.addTask { await chatter(learners, api: api) }
            for await event in signals {
                switch event {
                case .arrived(let seat) where !seat.isExpert:
                    group.addTask { await greet(seat, api: api) }
                case .floorGiven(let seat) where !seat.isExpert:
                    group.addTask { await answer(seat, api: api) }
                case .arrived, .floorGiven:
                    break
                }
            }
            group.cancelAll()
        }
    }

    // MARK: Learners

    private func greet(_ seat: Seat, api: SessionAPI) async {
        guard await pause(Double.random(in: pace.greetDelay)), let now = seat.current else { return }
        await post(DemoScript.greetings.randomElement() ?? "Bonjour !", as: now, api: api)
        seat.update { $0.greeted = true }
    }

    private func answer(_ seat: Seat, api: SessionAPI) async {
        guard await pause(Double.random(in: pace.answerDelay)), let now = seat.current,
              let state = now.state, state.floor == now.me
        else { return }
        await post(DemoScript.answer(forItemTitle: state.currentItem?.title, turn: Int.random(in: 0..<12)), as: now, api: api)
    }

    /// One move at a time for the whole class, so the chat stays readable.
    private func chatter(_ learners: [Seat], api: SessionAPI) async {
        var turn = Int.random(in: 0..<12)
        // Lines said during the current item: once each line was said, the class mostly
        // listens, so that the same sentence does not come back every half minute.
        var item: String?
        var saidThisItem = 0
        while await pause(Double.random(in: pace.chatGap)) {
            let present = learners.compactMap(\.current).filter { $0.greeted && $0.state?.participant($0.me)?.muted == false }
            guard let room = present.compactMap(\.state).max(by: { $0.seq < $1.seq }) else { continue }
            let theme = DemoScript.Theme(title: room.currentItem?.title)
            let clock = ContinuousClock.now
            if let tired = present.first(where: { $0.handSince.map { clock - $0 > .seconds(pace.handPatience) } ?? false }) {
                tired.seat.update { $0.handSince = nil }
                if room.hands.contains(tired.me) { _ = try? await api.setHand(tired.credentials, HandRequest(raised: false, clientId: UUID().uuidString)) }
                continue
            }
            guard let speaker = present.filter({ room.floor != $0.me }).randomElement() else { continue }
            if room.currentItemId != item { (item, saidThisItem) = (room.currentItemId, 0) }
            let lines = DemoScript.chat(theme)
            if theme.isBreak, Bool.random() { continue }
            if !theme.isBreak, Double.random(in: 0..<1) < pace.handChance, room.hands.count < 3, !room.hands.contains(speaker.me) {
                if (try? await api.setHand(speaker.credentials, HandRequest(raised: true, clientId: UUID().uuidString))) != nil {
                    speaker.seat.update { $0.handSince = .now }
                }
                continue
            }
            if saidThisItem >= lines.count, Double.random(in: 0..<1) < 0.8 { continue }
            await post(DemoScript.pick(lines, turn: turn), as: speaker, api: api)
            turn += 1
            saidThisItem += 1
        }
    }

    // MARK: The expert

    private func lead(as expert: Seat, api: SessionAPI) async {
        var joined = expert.current
        while joined == nil {
            guard await pause(pace.expertTick) else { return }
            joined = expert.current
        }
        guard let me = joined, let first = me.state?.agenda.first else { return }
        if me.state?.currentItemId == nil { await moderate(.agenda, ModerationRequest(itemId: first.id), as: me, api: api) }
        await post(DemoScript.expertGreeting(name: expert.name), as: me, api: api)
        var nextFloor = ContinuousClock.now + .seconds(Double.random(in: pace.floorGap))
        var nextAgenda = ContinuousClock.now + .seconds(pace.agendaEvery)
        var grant: (holder: String, seq: Int64, at: ContinuousClock.Instant, answered: ContinuousClock.Instant?)?
        var thanks = 0
        while await pause(pace.expertTick) {
            guard let now = expert.current, let room = now.state else { continue }
            let clock = ContinuousClock.now
            if let holder = room.floor {
                if grant?.holder != holder { grant = (holder, room.seq, clock, nil) }
                if grant?.answered == nil, room.messages.contains(where: { $0.authorId == holder && $0.seq > grant?.seq ?? 0 }) {
                    grant?.answered = clock
                }
                guard let current = grant else { continue }
                let done = current.answered.map { clock - $0 >= .seconds(pace.floorHold) } ?? false
                guard done || clock - current.at >= .seconds(pace.floorTimeout) else { continue }
                if done, let name = room.participant(holder)?.name {
                    await post(DemoScript.floorThanks(to: name, turn: thanks), as: now, api: api)
                    thanks += 1
                }
                await moderate(.floor, ModerationRequest(participantId: nil), as: now, api: api)
                grant = nil
                nextFloor = clock + .seconds(Double.random(in: pace.floorGap))
                continue
            }
            grant = nil
            if clock >= nextAgenda {
                nextAgenda = clock + .seconds(pace.agendaEvery)
                let index = room.agenda.firstIndex { $0.id == room.currentItemId } ?? -1
                guard index + 1 < room.agenda.count else { continue }
                let item = room.agenda[index + 1]
                await moderate(.agenda, ModerationRequest(itemId: item.id), as: now, api: api)
                await post(DemoScript.expertOpening(title: item.title), as: now, api: api)
            } else if clock >= nextFloor, !DemoScript.Theme(title: room.currentItem?.title).isBreak,
                      let first = room.hands.first, let person = room.participant(first) {
                nextFloor = clock + .seconds(Double.random(in: pace.floorGap))
                if let seq = await moderate(.floor, ModerationRequest(participantId: first), as: now, api: api) {
                    grant = (first, seq, clock, nil)
                    await post(DemoScript.floorGiven(to: person.name), as: now, api: api)
                }
            }
        }
    }

    // MARK: Plumbing

    private func post(_ text: String, as bot: Seat.Joined, api: SessionAPI) async {
        _ = try? await api.postMessage(bot.credentials, PostMessageRequest(text: text, clientId: UUID().uuidString))
    }

    @discardableResult
    private func moderate(_ action: ModerationAction, _ request: ModerationRequest, as bot: Seat.Joined, api: SessionAPI) async -> Int64? {
        try? await api.moderate(bot.credentials, action, request).seq
    }

    /// Sleeps; false once the task is cancelled.
    private func pause(_ seconds: Double) async -> Bool {
        (try? await Task.sleep(for: .seconds(seconds))) != nil && !Task.isCancelled
    }

    /// What the bots' streams tell the director.
    enum Signal: Sendable {
        case arrived(Seat)
        case floorGiven(Seat)
    }

    /// One simulated participant: its name, and what its own long-poll last told it.
    final class Seat: Sendable {
        let name: String
        let moderatorKey: String?
        var isExpert: Bool { moderatorKey != nil }
        private let model = Mutex(Model())

        struct Model: Sendable {
            var credentials: RoomCredentials?
            var me: String?
            var state: RoomState?
            var hasFloor = false
            var greeted = false
            var handSince: ContinuousClock.Instant?
        }

        /// A seat once joined: what a move needs.
        struct Joined: Sendable {
            let seat: Seat
            let credentials: RoomCredentials
            let me: String
            let state: RoomState?
            let greeted: Bool
            let handSince: ContinuousClock.Instant?
        }

        init(name: String, moderatorKey: String?) {
            self.name = name
            self.moderatorKey = moderatorKey
        }

        var current: Joined? {
            model.withLock { model in
                guard let credentials = model.credentials, let me = model.me else { return nil }
                return Joined(seat: self, credentials: credentials, me: me, state: model.state, greeted: model.greeted, handSince: model.handSince)
            }
        }

        func update(_ change: (inout Model) -> Void) { model.withLock { change(&$0) } }

        /// Joins and follows the room until the stream ends or the task is cancelled.
        func follow(code: String, api: SessionAPI, signal: AsyncStream<Signal>.Continuation) async {
            let request = JoinRequest(code: code, name: name, moderatorKey: moderatorKey)
            let stream = RoomStream(machine: LongPoll(join: request), api: api) { [self] action in
                if let event = receive(action) { signal.yield(event) }
            }
            await stream.run()
        }

        private func receive(_ action: LongPoll.Action) -> Signal? {
            model.withLock { model in
                switch action {
                case .joinedRoom(let response):
                    model.credentials = RoomCredentials(roomId: response.room.id, token: response.token)
                    model.me = response.participant.id
                    model.state = response.state
                    return .arrived(self)
                case .update(let state, _, _):
                    model.state = state
                    let holds = state.floor != nil && state.floor == model.me
                    defer { model.hasFloor = holds }
                    if state.hands.contains(model.me ?? "") == false { model.handSince = nil }
                    return holds && !model.hasFloor ? .floorGiven(self) : nil
                case .status, .join, .poll, .reload, .wait:
                    return nil
                }
            }
        }
    }
}
