import Foundation
import SessionModel
import Synchronization

/// The rules of appending, above any store: decides commands against the room's state,
/// allocates `seq`, records idempotency answers and token grants or revocations with the
/// events, and hands committed events to the hub in `seq` order.
///
/// Each room's commits are serialised in this process by an `AsyncLock`; between
/// processes (several servers on PostgreSQL) the store refuses a `seq` that is taken, and
/// the ledger reads what it missed, decides again on the newer state and retries. So two
/// servers appending to one room at once commit in `seq` order with no gap.
final class RoomLedger: Sendable {
    /// One room in this process: its description, folded state and commit lock.
    final class Line: Sendable {
        let room: StoredRoom
        let state: Mutex<RoomState>
        let lock = AsyncLock()
        /// What the room takes on disk and when it last moved (`RoomLedger+Usage`).
        let usage: Mutex<RoomUsage>

        init(room: StoredRoom, state: RoomState, usage: RoomUsage) {
            self.room = room
            self.state = Mutex(state)
            self.usage = Mutex(usage)
        }
    }

    struct Index {
        var lines: [String: Line] = [:]
        var byCode: [String: String] = [:]
        /// Bearer token → who it belongs to; a grant never changes, revocation comes from the state.
        var credentials: [String: Credential] = [:]
    }

    let store: any RoomStore
    /// Growing waits for callers who keep asking while refused (`RefusalBackoff`).
    let backoff = RefusalBackoff()
    let index = Mutex(Index())
    private let listener: CommitListener
    /// A snapshot of the state is kept with the batch that crosses a multiple of this.
    let snapshotEvery: Int64
    private static let maxAttempts = 64

    init(store: any RoomStore, snapshotEvery: Int = 1_000, listener: CommitListener = .none) {
        self.store = store
        self.snapshotEvery = Int64(max(1, snapshotEvery))
        self.listener = listener
    }

    // MARK: Rooms

    /// Loads every room: its latest snapshot and the events after it.
    func loadAll() async throws {
        for room in try await store.rooms() { _ = try await load(room) }
    }

    private func load(_ room: StoredRoom) async throws -> Line {
        var state = try await store.latestSnapshot(roomId: room.info.id) ?? RoomState(room: room.info, agenda: room.agenda)
        let replayed = try await store.allEvents(roomId: room.info.id, after: state.seq)
        for event in replayed {
            guard state.apply(event) == .applied else { throw StoreError.corrupt("event \(event.seq) of room \(room.info.id) is out of order") }
        }
        let usage = try await RoomUsage.read(room, lastReplayed: replayed.last, head: state.seq, from: store)
        let fresh = Line(room: room, state: state, usage: usage)
        return index.withLock { index in
            if let existing = index.lines[room.info.id] { return existing }
            index.lines[room.info.id] = fresh
            index.byCode[room.code] = room.info.id
            return fresh
        }
    }

    func createRoom(_ room: StoredRoom) async throws {
        try await store.createRoom(room)
        _ = try await load(room)
    }

    func roomIds() -> [String] { index.withLock { Array($0.lines.keys) } }

    /// The rooms in memory whose state passes `test`, read in place (no copy of any state).
    func roomsWhere(_ test: (RoomState) -> Bool) -> [String] {
        let lines = index.withLock { Array($0.lines) }
        return lines.compactMap { id, line in line.state.withLock { test($0) } ? id : nil }
    }

    /// The room, from memory or, when another server may have created it, from the store.
    func room(id: String) async throws -> StoredRoom? {
        try await line(id: id)?.room
    }

    func room(code: String) async throws -> StoredRoom? {
        if let id = index.withLock({ $0.byCode[code] }) { return try await line(id: id)?.room }
        guard store.isShared, let room = try await store.room(code: code) else { return nil }
        return try await load(room).room
    }

    private func line(id: String) async throws -> Line? {
        if let line = index.withLock({ $0.lines[id] }) { return line }
        guard store.isShared, let room = try await store.room(id: id) else { return nil }
        return try await load(room)
    }

    /// The room's state with every event this server has seen folded in.
    func state(roomId: String) async throws -> RoomState? {
        try await line(id: roomId)?.state.withLock { $0 }
    }

    /// What a long-poll needs of the room: its last `seq` and the caller's presence, read in
    /// place (copying the whole state per poll retained every array in it).
    func pollView(roomId: String, participantId: String) async throws -> (seq: Int64, presence: Presence?, viewer: Viewer?)? {
        try await line(id: roomId)?.state.withLock { state in
            let me = state.participants.first { $0.id == participantId }
            return (state.seq, me?.presence, me.map { Viewer(participantId: $0.id, role: $0.role) })
        }
    }

    // MARK: Credentials

    /// Who a bearer token belongs to; `revoked` is set when its participant left or was removed.
    ///
    /// The token is hashed (SHA-256) only the first time this server sees it: the hash is
    /// what the store keeps, but hashing on every long-poll cost 5% of the server's time.
    func credential(token: String) async throws -> Credential? {
        var credential: Credential
        if let known = index.withLock({ $0.credentials[token] }) {
            credential = known
        } else {
            guard let stored = try await store.credential(tokenHash: Secrets.hash(token)) else { return nil }
            credential = stored
            if stored.revoked == nil { index.withLock { $0.credentials[token] = stored } }
        }
        if credential.revoked == nil, let line = try await line(id: credential.roomId) {
            switch line.state.withLock({ $0.participant(credential.participantId)?.membership }) {
            case .removed: credential.revoked = "removed"
            case .left: credential.revoked = "left"
            case .present, nil: break
            }
        }
        return credential
    }

    /// What a long-poll needs, for a token this server has already checked, read without
    /// waiting: the credential, the room's last `seq` and the caller's presence. Nil when the
    /// token is new here or its participant is no longer present: the general path decides.
    func knownPoller(token: String) -> (credential: Credential, seq: Int64, presence: Presence, role: Role)? {
        guard let (credential, line) = index.withLock({ index -> (Credential, Line)? in
            guard let credential = index.credentials[token], let line = index.lines[credential.roomId] else { return nil }
            return (credential, line)
        }) else { return nil }
        return line.state.withLock { state in
            guard let me = state.participant(credential.participantId), me.membership == .present else { return nil }
            return (credential, state.seq, me.presence, me.role)
        }
    }

    // MARK: Committing

    /// Decides `decide` against the room's current state and appends what it returns.
    ///
    /// A refusal thrown by `decide` appends nothing. A known idempotency key answers the
    /// first answer again, without `decide` being run. `decide` runs inside the store's
    /// transaction, with the room held against every server and the events other servers
    /// appended folded in first; it must depend on the state it is given only.
    func commit(
        roomId: String, idempotency: IdempotencyKey?, limit: CommitLimit? = nil,
        decide: @escaping @Sendable (RoomState) throws -> Decision
    ) async throws -> CommitResult {
        guard let line = try await line(id: roomId) else { throw StoreError.unknownRoom(roomId) }
        await line.lock.lock()
        defer { line.lock.unlock() }
        var limited = false
        for _ in 0..<Self.maxAttempts {
            // The store looks the key up in the append's transaction, before deciding. A command
            // with a shared limit looks first as well, before it takes a token: a retry of a
            // change that went through gets its first answer, never a 429.
            if limit != nil, !limited, let idempotency, let stored = try await store.response(roomId: roomId, key: idempotency) {
                return .replayed(response: stored)
            }
            if let limit, !limited {
                limited = true
                var wait = backoff.penalty(limit.key, now: limit.now)
                if wait == nil, let bucket = try await store.takeToken(limit.key, burst: limit.burst, refillSeconds: limit.refillSeconds, now: limit.now) {
                    wait = backoff.refused(limit.key, wait: bucket, now: limit.now)
                }
                if let wait { throw APIError.rateLimited(retryAfter: wait) }
            }
            let slot = OutcomeSlot()
            do {
                try await store.append(roomId: roomId, after: line.state.withLock { $0.seq }, request: idempotency) { [self] missed in
                    try fold(missed, into: line)
                    let (batch, result) = try decision(line.state.withLock { $0 }, roomId: roomId, idempotency: idempotency, decide: decide)
                    slot.outcome.withLock { $0 = (result, batch?.bodies ?? []) }
                    return batch
                }
            } catch StoreError.conflict {
                // Only a store that does not hold the room could get here; read what was missed and decide again.
                try await catchUp(line)
                continue
            } catch StoreError.duplicateRequest {
                // A retry, or the same request recorded by another server first: the first answer.
                if let idempotency, let stored = try await store.response(roomId: roomId, key: idempotency) {
                    return .replayed(response: stored)
                }
                continue
            }
            guard let (outcome, bodies) = slot.outcome.withLock({ $0 }) else { throw StoreError.corrupt("the store appended without asking for the batch") }
            if case .committed(let events, _) = outcome { try fold(events, bodies: bodies, into: line) }
            return outcome
        }
        throw StoreError.unavailable("room \(roomId) is changing too fast to append to")
    }

    /// The batch for what `decide` says of `state`, or nil when there is nothing to write.
    private func decision(
        _ state: RoomState, roomId: String, idempotency: IdempotencyKey?, decide: (RoomState) throws -> Decision
    ) throws -> (AppendBatch?, CommitResult) {
        let decided = try decide(state)
        for (offset, event) in decided.events.enumerated() where event.seq != state.seq + 1 + Int64(offset) {
            throw StoreError.outOfOrder(roomId: roomId, seq: event.seq)
        }
        let result = CommitResult.committed(events: decided.events, response: decided.response)
        let nothingToWrite = decided.events.isEmpty && decided.grant == nil && decided.revokeParticipants.isEmpty
        if nothingToWrite && idempotency == nil { return (nil, result) }
        // Encoded once, here: the store writes these bytes, the usage counts them, the hub sends them.
        var batch = try AppendBatch(roomId: roomId, after: state.seq, events: decided.events)
        if let idempotency { batch.request = (idempotency, decided.recorded ?? decided.response) }
        batch.grant = decided.grant
        if !decided.revokeParticipants.isEmpty { batch.revoke = (decided.revokeParticipants, decided.revocationReason) }
        let head = state.seq + Int64(decided.events.count)
        if head / snapshotEvery > state.seq / snapshotEvery {
            var after = state
            for event in decided.events { after.apply(event) }
            batch.snapshot = after
        }
        return (batch, result)
    }

    /// What the store's transaction decided, and the bodies of its events, handed out of its closure.
    private final class OutcomeSlot: Sendable {
        let outcome = Mutex<(CommitResult, [Data])?>(nil)
    }

    /// Reads the events another server appended to the room and hands them to the hub; with
    /// `through`, only when this server has not folded in that `seq` yet (its own append's
    /// notification, most often).
    func refresh(roomId: String, through seq: Int64? = nil) async throws {
        guard let line = index.withLock({ $0.lines[roomId] }) else { return }
        if let seq, line.state.withLock({ $0.seq }) >= seq { return }
        await line.lock.lock()
        defer { line.lock.unlock() }
        try await catchUp(line)
    }

    /// Refreshes every room this server knows, after a possibly lost notification.
    func refreshAll() async throws {
        for id in roomIds() { try await refresh(roomId: id) }
    }

    /// With the room's lock held: folds in the events after the state's last one.
    private func catchUp(_ line: Line) async throws {
        let from = line.state.withLock { $0.seq }
        let missed = try await store.allEvents(roomId: line.room.info.id, after: from)
        try fold(missed, into: line)
    }

    /// With the room's lock held: applies committed events in place and publishes them.
    ///
    /// The hub hears first, the state changes second: a poll that reads the state's `seq`
    /// must never find it ahead of the hub, or a cursor from another server that is right
    /// (the events are committed) would be judged ahead of the room and answered 410.
    ///
    /// `bodies` are the events' JSON when this server encoded them for its own commit; events
    /// another server appended are encoded here, once for the hub and the usage.
    private func fold(_ events: [RoomEvent], bodies: [Data]? = nil, into line: Line) throws {
        guard !events.isEmpty else { return }
        let bodies = try bodies ?? AppendBatch.bodies(of: events)
        listener.deliver(line.room.info.id, events, bodies)
        line.state.withLock { state in
            for event in events { state.apply(event) }
        }
        line.usage.withLock { $0.add(events, bodies: bodies) }
    }
}
