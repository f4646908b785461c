public import Foundation
public import SessionModel
import Synchronization

/// The one owner of a joined room on the client: its credentials, its long-poll stream, one
/// ordered queue for every change (messages, the hand, moderation), and the reads (history).
///
/// The app talks to nothing else. Every change gets its `clientId` here, goes through the
/// outbox in the order it was asked, and is retried with the same id across drops and server
/// restarts; the app sees each one pending, sent or refused with the reason, through
/// `deliver`. What the stream and the reads learn reaches `deliver` too, in order.
public final class RoomSession: Sendable {
    /// What the session tells the app.
    public enum Update: Sendable {
        /// The long-poll: joined, the room changed, the connection changed.
        case stream(LongPoll.Action)
        /// The queue of changes, after each change of it.
        case outbox(Outbox)
        /// Older messages, asked for with `fetchHistory`.
        case history(MessagesResponse)
        /// Fetching older messages failed; asking again may work.
        case historyFailed(ClientError)
        /// A report asked for with `fetchReport`: search results, the register, a saved transcript.
        case report(ReportAnswer)
        /// A report could not be had: the server's refusal, the network, or the file not written.
        case reportFailed(ReportFailure)
    }

    /// The timing of retries; tests make them fast.
    public struct Timing: Sendable {
        public var stream: Backoff
        public var outbox: Backoff
        public var sleeper: any Sleeper
        public var random: @Sendable () -> Double
        /// Seconds the stream waits after an answer that brought events before it polls again
        /// (0: at once). In a busy room every answer is one request and one wake-up of every
        /// thread on the way; waiting the screen's frame interval, which would hold those events
        /// back anyway, lets the server gather what comes meanwhile into one answer.
        public var batchWait: Double

        public init(
            stream: Backoff = Backoff(), outbox: Backoff = Backoff(base: 0.5, cap: 15),
            sleeper: any Sleeper = ContinuousSleeper(), random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
            batchWait: Double = 0
        ) {
            self.stream = stream
            self.outbox = outbox
            self.sleeper = sleeper
            self.random = random
            self.batchWait = batchWait
        }
    }

    private enum Command: Sendable {
        case enqueue(Outbox.Kind, clientId: String)
        case retry(String)
        case remove(String)
    }

    public let api: SessionAPI
    let join: JoinRequest
    let timing: Timing
    let deliver: @Sendable (Update) -> Void
    private let sender: OutboxSender
    private let joined = Joined()
    private let commands = AsyncStream.makeStream(of: Command.self)
    private let tasks = Mutex<[Task<Void, Never>]>([])
    /// The seat on disk, when the session keeps one.
    let keeper: SeatKeeper?

    /// `seats`, when given, keeps the seat across runs of the client: a client that crashed
    /// takes its seat back and sends what it had queued, with the same `clientId`s.
    public init(
        api: SessionAPI, join: JoinRequest, timing: Timing = Timing(), seats: SeatStore? = nil,
        deliver: @escaping @Sendable (Update) -> Void
    ) {
        self.api = api
        self.join = join
        self.timing = timing
        self.deliver = deliver
        let keeper = seats.map { SeatKeeper(store: $0, key: SeatStore.key(server: api.baseURL, join: join)) }
        self.keeper = keeper
        sender = OutboxSender(
            api: api, sleeper: timing.sleeper, backoff: timing.outbox, random: timing.random,
            changed: { outbox in
                keeper?.changed(outbox)
                deliver(.outbox(outbox))
            })
    }

    /// Who I am in the room, once joined: the credentials of every later call.
    public var credentials: RoomCredentials? { joined.credentials }

    /// The queue as it stands.
    public var outbox: Outbox {
        get async { await sender.outbox }
    }

    /// Joins (or takes a saved seat back) and keeps the room's stream running until `stop()`
    /// or `leave(within:)`.
    public func start() {
        let saved = keeper?.claim()
        // What was queued before a crash goes first, with its `clientId`s.
        for change in saved?.pending ?? [] { commands.continuation.yield(.enqueue(change.kind, clientId: change.clientId)) }
        let streamTask = Task { [self] in
            if let saved, await resume(saved) { return }
            await follow(LongPoll(join: join, backoff: timing.stream, batchWait: timing.batchWait), credentials: nil)
        }
        // One consumer, so changes reach the outbox in the order they were asked.
        let commandTask = Task { [sender, commands] in
            for await command in commands.stream {
                switch command {
                case .enqueue(let kind, let clientId): await sender.enqueue(kind, clientId: clientId)
                case .retry(let id): await sender.retry(id)
                case .remove(let id): await sender.remove(id)
                }
            }
        }
        tasks.withLock { $0 += [streamTask, commandTask] }
    }

    /// Runs the room's stream until it ends or the session stops.
    func follow(_ machine: LongPoll, credentials: RoomCredentials?) async {
        let stream = RoomStream(machine: machine, api: api, credentials: credentials, sleeper: timing.sleeper, random: timing.random) {
            [self] action in received(action)
        }
        await stream.run()
    }

    /// What the stream says: the credentials are kept (and the seat saved) once joined; the
    /// seat is forgotten once the room is over for me; the app hears everything.
    func received(_ action: LongPoll.Action) {
        switch action {
        case .joinedRoom(let response):
            // The seat is on disk before the credentials show: a `leave` that starts as soon as
            // it sees them forgets the seat after it was saved, not before.
            keeper?.joined(response)
            joined.set(response.credentials)
            Task { [sender] in await sender.setCredentials(response.credentials) }
        case .status(.ended(.left)), .status(.ended(.removed)), .status(.ended(.refused)):
            keeper?.forget()
        case .status, .update, .join, .poll, .reload, .wait, .pollClaim, .seatClaim:
            break
        }
        deliver(.stream(action))
    }

    /// Queues a change; returns its `clientId` at once, so the app can show it pending.
    @discardableResult
    public func enqueue(_ kind: Outbox.Kind) -> String {
        let clientId = UUID().uuidString.lowercased()
        commands.continuation.yield(.enqueue(kind, clientId: clientId))
        return clientId
    }

    /// Sends a refused change again, with the same `clientId`.
    public func retry(_ clientId: String) {
        commands.continuation.yield(.retry(clientId))
    }

    /// Forgets a change the user gave up on.
    public func remove(_ clientId: String) {
        commands.continuation.yield(.remove(clientId))
    }

    /// Fetches the messages before `seq`; the answer comes as `.history` or `.historyFailed`.
    public func fetchHistory(before seq: Int64, limit: Int = 50) {
        guard let room = credentials else {
            deliver(.historyFailed(.transport(.cannotConnect("not joined yet"))))
            return
        }
        // A read: nothing to retry or keep; its answer goes to the app like everything else.
        Task { [api, deliver] in
            do throws(ClientError) {
                deliver(.history(try await api.messages(room, before: seq, limit: limit)))
            } catch {
                deliver(.historyFailed(error))
            }
        }
    }

    /// Waits until every queued change is sent or refused (tests, and a clean quit).
    public func drained() async {
        await sender.drained()
    }

    /// Sends what is queued, then leaves the room, within `seconds` at most: an unreachable
    /// server must not keep the program from ending. A join still on its way is waited for
    /// (a seat taken just as the user quits is given back). Returns what could not be sent.
    @discardableResult
    public func leave(within seconds: Double) async -> [Outbox.Item] {
        let sender = self.sender
        let api = self.api
        let joined = self.joined
        let keeper = self.keeper
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await joined.wait()
                guard let room = joined.credentials else { return }
                await sender.drained()
                if (try? await api.leave(room)) != nil { keeper?.forget() }
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
            }
            await group.next()
            group.cancelAll()
            joined.release()
        }
        let unsent = await sender.outbox.unsent.filter { if case .failed = $0.status { false } else { true } }
        // Quitting is not crashing: what was not sent is said now, not sent on a later run.
        keeper?.dropPending()
        stop()
        return unsent
    }

    /// Stops the stream and the queue; nothing more is sent.
    public func stop() {
        commands.continuation.finish()
        let running = tasks.withLock { tasks in
            defer { tasks.removeAll() }
            return tasks
        }
        running.forEach { $0.cancel() }
        keeper?.release()
        Task { [sender] in await sender.stop() }
    }
}

/// The credentials, shared by the session and its stream's callback, and who waits for them.
private final class Joined: Sendable {
    private struct State {
        var credentials: RoomCredentials?
        var waiters: [CheckedContinuation<Void, Never>] = []
        var released = false
    }

    private let state = Mutex(State())

    var credentials: RoomCredentials? { state.withLock { $0.credentials } }

    func set(_ credentials: RoomCredentials) {
        let waiters = state.withLock { state in
            state.credentials = credentials
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    /// Returns once joined; a task that gives up must call `release`.
    func wait() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                guard state.credentials == nil, !state.released else { return true }
                state.waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Lets every waiter go, now and later (the session is leaving).
    func release() {
        let waiters = state.withLock { state in
            state.released = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }
}
