import Foundation
package import SessionClient
import SessionModel
import Synchronization

/// Runs the `DemoDirector` for `momentum demo` on the real clock against the real server:
/// each bot is a real client, with its own long-poll (`RoomStream`, so it shows online and
/// learns of the floor at once) and its own calls, all over the one shared `CurlEngine`.
/// Nothing spins: the loop sleeps until the director's next wake or until a stream hears
/// something.
package struct DemoBots: Sendable {
    let url: String
    let code: String
    let engine: CurlEngine
    /// The room's moderator key: a simulated expert, Sarah, leads with it. Nil when the user is the expert.
    var moderatorKey: String? = nil
    /// How many simulated learners, 1 to 15.
    var participants = 6
    /// Names the bots leave free: the user's.
    var reservedNames: [String] = []
    var pace = DemoPace.live
    /// Fixes the bots' choices; a new one each run by default.
    var seed = UInt64.random(in: 0...UInt64.max)

    /// The memberwise initialiser, spelled out: `momentum-server`'s demo makes one from
    /// another module, and Swift's own is internal.
    package init(
        url: String, code: String, engine: CurlEngine, moderatorKey: String? = nil, participants: Int = 6,
        reservedNames: [String] = [], pace: DemoPace = .live, seed: UInt64 = UInt64.random(in: 0...UInt64.max)
    ) {
        self.url = url
        self.code = code
        self.engine = engine
        self.moderatorKey = moderatorKey
        self.participants = participants
        self.reservedNames = reservedNames
        self.pace = pace
        self.seed = seed
    }

    /// Runs the room's life until the task is cancelled.
    package func run() async {
        let api = SessionAPI(baseURL: url, transport: engine)
        var director = DemoDirector(
            participants: participants, reservedNames: reservedNames, withExpert: moderatorKey != nil,
            pace: pace, seed: seed, start: Date())
        let heard = Heard()
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let now = Date()
                for input in heard.take() { director.receive(input, at: now) }
                for action in director.step(at: now) {
                    switch action {
                    case .join(let bot):
                        let request = JoinRequest(code: code, name: director.bots[bot].name, moderatorKey: director.bots[bot].isExpert ? moderatorKey : nil)
                        group.addTask { await follow(bot, request, api: api, heard: heard) }
                    case .say(let bot, let text):
                        guard let credentials = heard.credentials(of: bot) else { continue }
                        _ = try? await api.postMessage(credentials, PostMessageRequest(text: text, clientId: UUID().uuidString))
                    case .hand(let bot, let raised):
                        guard let credentials = heard.credentials(of: bot) else { continue }
                        _ = try? await api.setHand(credentials, HandRequest(raised: raised, clientId: UUID().uuidString))
                    case .moderate(let bot, let action, let request):
                        guard let credentials = heard.credentials(of: bot) else { continue }
                        _ = try? await api.moderate(credentials, action, request, clientId: UUID().uuidString)
                    case .engage(let bot, let change):
                        guard let credentials = heard.credentials(of: bot) else { continue }
                        _ = try? await api.engage(credentials, change, clientId: UUID().uuidString)
                    }
                }
                let wait = director.nextWake.map { $0.timeIntervalSince(Date()) } ?? 60
                await heard.wait(seconds: min(60, max(0.005, wait)))
            }
            group.cancelAll()
        }
    }

    /// Joins as one bot and follows the room until the task is cancelled.
    private func follow(_ bot: Int, _ request: JoinRequest, api: SessionAPI, heard: Heard) async {
        let stream = RoomStream(machine: LongPoll(join: request), api: api) { action in
            switch action {
            case .joinedRoom(let response):
                heard.joined(bot, response)
            case .update(let state, _, _):
                heard.post(.changed(state))
            case .status, .join, .poll, .reload, .wait, .pollClaim, .seatClaim:
                break
            }
        }
        await stream.run()
    }
}

/// What the bots' streams heard, for the director's loop, and the bell that wakes it.
private final class Heard: Sendable {
    private struct State {
        var inputs: [DemoDirector.Input] = []
        var credentials: [Int: RoomCredentials] = [:]
        var rung = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    func joined(_ bot: Int, _ response: JoinResponse) {
        state.withLock { $0.credentials[bot] = response.credentials }
        post(.joined(bot: bot, participantId: response.participant.id, state: response.state))
    }

    func credentials(of bot: Int) -> RoomCredentials? { state.withLock { $0.credentials[bot] } }

    func post(_ input: DemoDirector.Input) {
        state.withLock { $0.inputs.append(input) }
        ring()
    }

    func take() -> [DemoDirector.Input] {
        state.withLock { state in
            defer { state.inputs.removeAll() }
            return state.inputs
        }
    }

    private func ring() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.rung = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Until something is heard, `seconds` pass, or the task is cancelled.
    func wait(seconds: Double) async {
        let timer = Task { [weak self] in
            guard (try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))) != nil else { return }
            self?.ring()
        }
        defer { timer.cancel() }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state -> Bool in
                    if state.rung {
                        state.rung = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            ring()
        }
    }
}
