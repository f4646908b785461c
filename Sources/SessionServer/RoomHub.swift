import Foundation
import HeapModule
import NIOCore
import SessionModel
import Synchronization

/// The long-polls parked on each room, and the room's recent events to answer them from.
///
/// The store hands every commit to `publish` in `seq` order; `publish` encodes the batch
/// once per distinct cursor and resumes every waiter with the same bytes. Polls that are
/// behind the in-memory window read the store once; nobody polls the database on a timer.
final class RoomHub: Sendable {
    /// What a parked poll is resumed with: the encoded `EventsResponse` (nil: read the store).
    /// One buffer is written to every waiter of a batch; NIO shares its storage.
    typealias Answer = ByteBuffer

    /// How a parked poll is answered: a continuation for a request handled in a task, a
    /// write on the connection's event loop for one parked by `LongPollHandler`.
    struct Delivery: Sendable {
        let deliver: @Sendable (Answer?) -> Void
    }

    private struct Waiter {
        var id: UInt64
        var participantId: String?
        /// Privacy: what this poll may see of a batch (`RoomEvent.seen(by:)`).
        var viewer: Viewer
        var after: Int64
        var deadline: ContinuousClock.Instant
        var delivery: Delivery

        func resume(returning answer: Answer?) { delivery.deliver(answer) }
    }

    private struct Room {
        /// The last event this hub has seen.
        var head: Int64
        /// `recent` holds the events after this seq, up to `head`, without a gap.
        var windowStart: Int64
        var recent: [RoomEvent] = []
        /// The JSON of each event of `recent` that everyone sees alike (nil for the others),
        /// encoded once when it was published.
        var recentBytes: [[UInt8]?] = []
        var waiters: [Waiter] = []
        var activity: [String: Activity] = [:]

        /// The events after `after` and their bytes; `after` must be within the window.
        func window(after: Int64) -> (ArraySlice<RoomEvent>, ArraySlice<[UInt8]?>) {
            let from = recent.firstIndex { $0.seq > after } ?? recent.endIndex
            return (recent[from...], recentBytes[from...])
        }
    }

    /// Long-poll activity of one participant, from which presence is derived.
    struct Activity: Sendable, Equatable {
        var openPolls: Int
        var lastSeen: Date
    }

    /// When a parked poll's hold runs out. The hub keeps these in a heap so that the timer
    /// looks at the polls that are due, not at every parked poll (15,000 on a busy server)
    /// four times a second. An entry whose poll was answered earlier stays until it is due,
    /// then finds nothing to expire.
    struct Deadline: Comparable, Sendable {
        var instant: ContinuousClock.Instant
        var waiterId: UInt64
        var roomId: String

        static func < (a: Deadline, b: Deadline) -> Bool { (a.instant, a.waiterId) < (b.instant, b.waiterId) }
    }

    private struct State {
        var rooms: [String: Room] = [:]
        var deadlines = Heap<Deadline>()
        var nextWaiterId: UInt64 = 1
        /// Waiters cancelled before they were parked: parking them answers at once.
        var cancelledEarly: Set<UInt64> = []
        var shuttingDown = false
    }

    private let state = Mutex(State())
    private let store: any RoomStore
    private let windowSize: Int
    /// The most polls one participant may hold parked in a room; a new one answers the oldest.
    let pollsPerParticipant: Int
    private let now: @Sendable () -> Date

    init(store: any RoomStore, windowSize: Int = 256, pollsPerParticipant: Int = 3, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.windowSize = windowSize
        self.pollsPerParticipant = pollsPerParticipant
        self.now = now
    }

    // MARK: Publishing

    /// Called by the ledger after each commit, in `seq` order, with each event's JSON as it
    /// was stored (`AppendBatch.bodies`).
    ///
    /// Rooms are changed in place (`state.rooms[id]?.…`): copying a `Room` out of the
    /// dictionary and back copied its window and its waiters on every commit and poll.
    func publish(roomId: String, events: [RoomEvent], bodies: [Data]) {
        guard let first = events.first, let last = events.last else { return }
        // Copied before the lock: the hub's lock is every room's.
        let encoded = EventBatch.publicBytes(of: events, bodies: bodies)
        var woken: [Waiter] = []
        var previousHead: Int64 = 0
        state.withLock { state in
            if state.rooms[roomId] == nil { state.rooms[roomId] = Room(head: first.seq - 1, windowStart: first.seq - 1) }
            Self.modify(&state, roomId) { room in
                if first.seq != room.head + 1 {
                    // The hub missed events (it cannot, with one store, but be safe): restart the window.
                    room.recent.removeAll()
                    room.recentBytes.removeAll()
                    room.windowStart = first.seq - 1
                    room.head = first.seq - 1
                }
                previousHead = room.head
                room.recent.append(contentsOf: events)
                room.recentBytes.append(contentsOf: encoded)
                room.head = last.seq
                if room.recent.count > windowSize {
                    let drop = room.recent.count - windowSize
                    room.windowStart = room.recent[drop - 1].seq
                    room.recent.removeFirst(drop)
                    room.recentBytes.removeFirst(drop)
                }
                swap(&woken, &room.waiters)
            }
        }
        guard !woken.isEmpty else { return }
        // Privacy: a batch that every participant sees alike is encoded once for all; one
        // with a private event (a question, a vote) is encoded per waiter, as they may see it.
        let common = encoded.allSatisfy { $0 != nil } ? EventBatch.answer(events, bytes: encoded[...], cursor: last.seq, for: Viewer(participantId: "", role: .learner)) : nil
        for waiter in woken {
            if waiter.after == previousHead {
                waiter.resume(returning: common ?? EventBatch.answer(events, bytes: encoded[...], cursor: last.seq, for: waiter.viewer))
            } else {
                // An older cursor: what it missed, from the window (nil: the poll reads the store).
                waiter.resume(returning: windowAnswer(roomId: roomId, after: waiter.after, for: waiter.viewer))
            }
        }
    }

    /// Applies `body` to the room in place; nil when there is no such room.
    @discardableResult
    private static func modify<R>(_ state: inout State, _ roomId: String, _ body: (inout Room) -> R) -> R? {
        guard let index = state.rooms.index(forKey: roomId) else { return nil }
        return body(&state.rooms.values[index])
    }

    private enum WindowRead {
        case ready(Answer)
        /// Nothing after the cursor yet.
        case nothing
        /// The cursor is older than the window (or the room is not in memory): read the store.
        case older
    }

    /// The events after `after` from memory, encoded for `viewer`; throws when `after` is in the future.
    private func readWindow(roomId: String, after: Int64, for viewer: Viewer) throws -> WindowRead {
        let slice = try state.withLock { state -> (ArraySlice<RoomEvent>, ArraySlice<[UInt8]?>)? in
            guard let room = state.rooms[roomId] else { return nil }
            if after > room.head { throw PollError.cursorAhead }
            if after < room.windowStart { return nil }
            return room.window(after: after)
        }
        guard let (events, bytes) = slice else { return .older }
        guard let last = events.last else { return .nothing }
        return .ready(EventBatch.answer(events, bytes: bytes, cursor: last.seq, for: viewer))
    }

    /// The answer from the window for a poll after `after`; nil when the window no longer
    /// covers it (the store must be read).
    private func windowAnswer(roomId: String, after: Int64, for viewer: Viewer) -> Answer? {
        switch try? readWindow(roomId: roomId, after: after, for: viewer) {
        case .ready(let answer): answer
        case .nothing: EventBatch.empty(cursor: after)
        case .older, nil: nil
        }
    }

    // MARK: Polling

    enum PollError: Error {
        case cursorAhead
    }

    /// Answers at once with the events after `after`, or parks until one is committed or `timeout` passes.
    /// `head` is the room's last `seq` as the ledger knows it, for a room this hub has not seen yet.
    /// A nil `participantId` (a seat claim waiting for its answer) counts for nobody's presence
    /// and sees what a learner sees. `role` with `participantId` is who the answer is shaped
    /// for (privacy: `RoomEvent.seen(by:)`).
    func poll(roomId: String, participantId: String?, role: Role = .learner, after: Int64, head: Int64, timeout: Duration) async throws -> Answer {
        let viewer = Viewer(participantId: participantId ?? "", role: role)
        ensureRoom(roomId, head: head)
        markActivity(roomId: roomId, participantId: participantId, opening: true)
        defer { markActivity(roomId: roomId, participantId: participantId, opening: false) }

        switch try readWindow(roomId: roomId, after: after, for: viewer) {
        case .ready(let answer): return answer
        case .nothing: break
        case .older:
            // Older than the in-memory window: one store read serves this poll.
            let events = try await store.events(roomId: roomId, after: after, limit: Limits.eventBatchMax)
            if let last = events.last { return EventBatch.answer(events, cursor: last.seq, for: viewer) }
        }

        if timeout <= .zero { return EventBatch.empty(cursor: after) }
        let id = state.withLock { state -> UInt64 in
            defer { state.nextWaiterId += 1 }
            return state.nextWaiterId
        }
        let deadline = Self.holdEnd(from: .now, timeout: timeout)
        let answer: Answer? = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Answer?, Never>) in
                var evicted: Waiter?
                enum Immediate { case empty, window, store }
                let immediate: Immediate? = state.withLock { state in
                    if state.cancelledEarly.remove(id) != nil || state.shuttingDown { return .empty }
                    guard let room = state.rooms[roomId] else { return .empty }
                    if room.head > after {
                        // Events were committed between the check above and now. If they no longer
                        // all fit in the window, the caller reads the store.
                        return after >= room.windowStart ? .window : .store
                    }
                    let delivery = Delivery { continuation.resume(returning: $0) }
                    evicted = admit(Waiter(id: id, participantId: participantId, viewer: viewer, after: after, deadline: deadline, delivery: delivery), roomId: roomId, into: &state)
                    return nil
                }
                if let evicted { evicted.resume(returning: EventBatch.empty(cursor: evicted.after)) }
                switch immediate {
                case .empty: continuation.resume(returning: EventBatch.empty(cursor: after))
                case .window: continuation.resume(returning: windowAnswer(roomId: roomId, after: after, for: viewer))
                case .store: continuation.resume(returning: nil)
                case nil: break
                }
            }
        } onCancel: {
            cancel(waiterId: id, roomId: roomId, after: after)
        }
        if let answer { return answer }
        return try await storeAnswer(roomId: roomId, after: after, for: viewer)
    }

    /// What `park` did with a poll handled on its connection's event loop.
    enum Parking {
        /// Events were ready: answer with these bytes now.
        case answered(Answer)
        /// Parked: `delivery` is called once, with the answer, on commit, expiry, cancel or shutdown.
        case parked(waiterId: UInt64)
        /// The poll needs the store (older than the window) or a judgement (a cursor ahead):
        /// the caller hands it to the general path.
        case declined
    }

    /// The long-poll without a task: answers from the window or parks `delivery`, at once,
    /// under the hub's lock. Activity is marked open when parked; the caller marks it closed
    /// when it writes the answer (`markActivity(opening: false)`).
    func park(roomId: String, viewer: Viewer, after: Int64, timeout: Duration, delivery: Delivery) -> Parking {
        let participantId = viewer.participantId
        let deadline = Self.holdEnd(from: .now, timeout: timeout)
        enum Outcome { case ready(ArraySlice<RoomEvent>, ArraySlice<[UInt8]?>, Int64), parked(UInt64), declined }
        var evicted: Waiter?
        let outcome: Outcome = state.withLock { state in
            guard !state.shuttingDown, let room = state.rooms[roomId], after <= room.head, after >= room.windowStart else { return .declined }
            if room.head > after {
                let (events, bytes) = room.window(after: after)
                return .ready(events, bytes, room.head)
            }
            if timeout <= .zero { return .ready([], [], after) }
            let id = state.nextWaiterId
            state.nextWaiterId += 1
            evicted = admit(Waiter(id: id, participantId: participantId, viewer: viewer, after: after, deadline: deadline, delivery: delivery), roomId: roomId, into: &state)
            return .parked(id)
        }
        if let evicted { evicted.resume(returning: EventBatch.empty(cursor: evicted.after)) }
        switch outcome {
        case .ready(let events, let bytes, let cursor):
            // A poll answered at once is a sighting too: in a busy room a client may find
            // events ready at every poll and never park, and must not turn "away" for it.
            markActivity(roomId: roomId, participantId: participantId, opening: true)
            markActivity(roomId: roomId, participantId: participantId, opening: false)
            return .answered(events.isEmpty ? EventBatch.empty(cursor: cursor) : EventBatch.answer(events, bytes: bytes, cursor: cursor, for: viewer))
        case .parked(let id):
            markActivity(roomId: roomId, participantId: participantId, opening: true)
            return .parked(waiterId: id)
        case .declined: return .declined
        }
    }

    /// When a hold of `timeout` from `start` runs out: a hold of 10 s or more ends up to a
    /// tenth earlier, at random. Clients that connected together (a room after a network
    /// cut, a programme after a restart) would otherwise all get their empty answers in the
    /// same instant and come back together, every hold, and the messages of that instant
    /// would wait behind thousands of heartbeats.
    static func holdEnd(from start: ContinuousClock.Instant, timeout: Duration, random: Double? = nil) -> ContinuousClock.Instant {
        guard timeout >= .seconds(10) else { return start + timeout }
        return start + timeout - timeout * ((random ?? Jitter.next()) / 10)
    }

    /// Parks `waiter`; when its participant already holds `pollsPerParticipant` polls in the
    /// room, the oldest of them is taken out and returned, to be answered empty. One token
    /// could otherwise park thousands of polls, each holding a connection and its memory;
    /// an honest client holds one, and a few cover a second window or a reconnect.
    private func admit(_ waiter: Waiter, roomId: String, into state: inout State) -> Waiter? {
        let limit = pollsPerParticipant
        // nil: the room is not in the hub (the callers made sure it is).
        let admitted: Waiter?? = Self.modify(&state, roomId) { room in
            var evicted: Waiter?
            if let participantId = waiter.participantId,
               room.waiters.lazy.filter({ $0.participantId == participantId }).count >= limit,
               let oldest = room.waiters.firstIndex(where: { $0.participantId == participantId }) {
                evicted = room.waiters.remove(at: oldest)
            }
            room.waiters.append(waiter)
            return evicted
        }
        guard let evicted = admitted else { return nil }
        state.deadlines.insert(Deadline(instant: waiter.deadline, waiterId: waiter.id, roomId: roomId))
        return evicted
    }

    /// Forgets a parked poll whose connection closed; its delivery is not called.
    func forget(waiterId: UInt64, roomId: String) {
        state.withLock { state in
            Self.modify(&state, roomId) { room in
                if let index = room.waiters.firstIndex(where: { $0.id == waiterId }) { room.waiters.remove(at: index) }
            }
        }
    }

    /// The events after `after` read from the store, for a poll older than the window.
    func storeAnswer(roomId: String, after: Int64, for viewer: Viewer) async throws -> Answer {
        let events = try await store.events(roomId: roomId, after: after, limit: Limits.eventBatchMax)
        return EventBatch.answer(events, cursor: events.last?.seq ?? after, for: viewer)
    }

    private func ensureRoom(_ roomId: String, head: Int64) {
        state.withLock { state in
            if state.rooms[roomId] == nil {
                state.rooms[roomId] = Room(head: head, windowStart: head)
            }
        }
    }

    private func cancel(waiterId: UInt64, roomId: String, after: Int64) {
        let waiter: Waiter? = state.withLock { state in
            let removed = Self.modify(&state, roomId) { room in
                room.waiters.firstIndex { $0.id == waiterId }.map { room.waiters.remove(at: $0) }
            } ?? nil
            if removed == nil { state.cancelledEarly.insert(waiterId) }
            return removed
        }
        waiter?.resume(returning: EventBatch.empty(cursor: after))
    }

    /// Answers every poll whose hold has run out with an empty batch (the heartbeat).
    func expireWaiters(at instant: ContinuousClock.Instant = .now) {
        expire(takeDeadlines(dueBy: instant))
    }

    /// Takes the deadlines due by `instant` out of the heap; `expire` then answers their polls.
    /// In between, a server sharing its store re-reads those rooms, so that a lost wake-up
    /// delays nobody past one hold.
    func takeDeadlines(dueBy instant: ContinuousClock.Instant = .now) -> [Deadline] {
        state.withLock { state in
            var due: [Deadline] = []
            while let first = state.deadlines.min, first.instant <= instant {
                due.append(state.deadlines.removeMin())
            }
            return due
        }
    }

    /// Answers empty the polls of `due` still parked (the others were answered already).
    func expire(_ due: [Deadline]) {
        guard !due.isEmpty else { return }
        let expired: [Waiter] = state.withLock { state in
            due.compactMap { deadline in
                Self.modify(&state, deadline.roomId) { room in
                    room.waiters.firstIndex { $0.id == deadline.waiterId }.map { room.waiters.remove(at: $0) }
                } ?? nil
            }
        }
        for waiter in expired { waiter.resume(returning: EventBatch.empty(cursor: waiter.after)) }
    }

    /// Answers every parked poll and refuses new ones from now on.
    func shutdown() {
        let all: [Waiter] = state.withLock { state in
            state.shuttingDown = true
            var all: [Waiter] = []
            for index in state.rooms.indices {
                all.append(contentsOf: state.rooms.values[index].waiters)
                state.rooms.values[index].waiters.removeAll()
            }
            state.deadlines = Heap()
            return all
        }
        for waiter in all { waiter.resume(returning: EventBatch.empty(cursor: waiter.after)) }
    }

    // MARK: Activity

    func markActivity(roomId: String, participantId: String?, opening: Bool) {
        guard let participantId else { return }
        let at = now()
        state.withLock { state in
            Self.modify(&state, roomId) { room in
                let open = room.activity[participantId]?.openPolls ?? 0
                room.activity[participantId] = Activity(openPolls: max(0, open + (opening ? 1 : -1)), lastSeen: at)
            }
        }
    }

    /// Long-poll activity per participant of a room, for presence.
    func activity(roomId: String) -> [String: Activity] {
        state.withLock { $0.rooms[roomId]?.activity ?? [:] }
    }

    /// How many polls are parked now, across rooms.
    var parkedPolls: Int {
        state.withLock { $0.rooms.values.reduce(0) { $0 + $1.waiters.count } }
    }
}

/// Numbers in [0, 1) for spreading hold ends: SplitMix64 over an atomic counter seeded once
/// from the system. `Double.random` asks the kernel (getrandom) on every call, a system call
/// per parked poll for a number that needs no secrecy.
enum Jitter {
    private static let state: Atomic<UInt64> = {
        var system = SystemRandomNumberGenerator()
        return Atomic(system.next())
    }()

    static func next() -> Double {
        var z = state.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) * 0x1p-53
    }
}
