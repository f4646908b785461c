import Foundation
import SessionModel

/// A room as stored: what the server needs to let people in.
struct StoredRoom: Sendable, Equatable {
    var info: RoomInfo
    var agenda: [AgendaItem]
    /// Normalised join code (see `Secrets.normalizeCode`).
    var code: String
    var moderatorKeyHash: String
}

/// Who a bearer token belongs to.
struct Credential: Sendable, Equatable {
    var roomId: String
    var participantId: String
    /// Why the token stopped working, if it did: "left" or "removed". A revoked token is
    /// kept (hashed) so that a removed participant learns it was a removal.
    var revoked: String? = nil
}

/// Who asked, and with which `clientId`, so that a retry gets the first answer again.
struct IdempotencyKey: Sendable, Hashable {
    var participantId: String
    /// The endpoint and the client's id, e.g. "message:7c1f...".
    var key: String
}

/// A token given with a join.
struct TokenGrant: Sendable, Equatable {
    var tokenHash: String
    var participantId: String
}

/// One atomic append: events at consecutive `seq`s right after `after`, with the records
/// that must commit with them or not at all.
struct AppendBatch: Sendable {
    var roomId: String
    /// The room's last `seq` the batch was decided on; the first event is `after + 1`.
    var after: Int64
    private(set) var events: [RoomEvent]
    /// Each event's JSON as `WireCoding` writes it, encoded once per commit: the store keeps
    /// these bytes, the room's usage counts them and the hub sends the public ones. Each
    /// event used to be encoded three times, by each of them.
    private(set) var bodies: [Data]
    /// The answer remembered for a `clientId`, replayed to retries.
    var request: (key: IdempotencyKey, response: Data)? = nil
    var grant: TokenGrant? = nil
    /// Participants whose tokens stop working, and why ("left" or "removed").
    var revoke: (participants: [String], reason: String)? = nil
    /// The room's state after the batch, when the ledger wants a snapshot kept.
    var snapshot: RoomState? = nil
}

extension AppendBatch {
    /// A batch of events with their bodies, encoded by the caller (the ledger's decision).
    init(roomId: String, after: Int64, events: [RoomEvent], bodies: [Data]) {
        precondition(events.count == bodies.count, "one body per event")
        self.roomId = roomId
        self.after = after
        self.events = events
        self.bodies = bodies
    }

    /// A batch of events, encoded here.
    init(roomId: String, after: Int64, events: [RoomEvent]) throws {
        self.init(roomId: roomId, after: after, events: events, bodies: try Self.bodies(of: events))
    }

    /// The stored JSON of each event: what every store keeps, and the bytes the hub sends.
    /// A message's event, the most common, is written by `JSONWriter` (the same bytes).
    static func bodies(of events: [RoomEvent]) throws -> [Data] {
        var encoder: JSONEncoder?
        return try events.map { event in
            if case .message(let message) = event.kind { return JSONWriter.messageEvent(event, message) }
            let general = encoder ?? WireCoding.encoder()
            encoder = general
            return try general.encode(event)
        }
    }

    /// Checks, for every store alike, that the batch `make` built follows the room's last
    /// event `head`: a taken `seq` is a conflict, a gap a bug in the caller.
    func checkFollows(head: Int64) throws {
        guard let first = events.first else { return }
        if first.seq <= head { throw StoreError.conflict(roomId: roomId, seq: first.seq) }
        guard first.seq == head + 1 else { throw StoreError.outOfOrder(roomId: roomId, seq: first.seq) }
    }

    /// The events appended after `after`, given the rows with `seq >= after` in order: the
    /// row at `after` itself must be there (unless `after` is 0), or the database is behind
    /// the ledger (replaced or restored) and nothing may be appended.
    ///
    /// Only the rows after `after` are decoded: the row at `after` is a proof by its `seq`
    /// alone. With one writer there are no others, and decoding that row on every commit
    /// was a good part of a post's CPU.
    static func missed<Body>(
        after: Int64, in rows: [(seq: Int64, body: Body)], roomId: String, decode: (Body) throws -> RoomEvent
    ) throws -> [RoomEvent] {
        var rest = rows[...]
        if after > 0 {
            guard rest.first?.seq == after else { throw StoreError.outOfOrder(roomId: roomId, seq: after + 1) }
            rest = rest.dropFirst()
        }
        return try rest.map { try decode($0.body) }
    }
}

/// Failures of a store. The ledger handles `conflict` and `duplicateRequest`; the others
/// reach the route, which answers 503 (the database) or 500 (a bug).
enum StoreError: Error, Equatable, CustomStringConvertible {
    /// Another writer appended at this `seq` first (PostgreSQL, several servers).
    case conflict(roomId: String, seq: Int64)
    /// Another writer recorded this idempotency key first.
    case duplicateRequest
    /// A room with this id or join code exists already.
    case duplicateRoom
    /// No room has this id.
    case unknownRoom(String)
    /// The database cannot be reached or refused the operation.
    case unavailable(String)
    /// A batch that does not follow the room's last event: a bug in the caller.
    case outOfOrder(roomId: String, seq: Int64)
    /// A stored row that cannot be read back.
    case corrupt(String)

    var description: String {
        switch self {
        case .conflict(let roomId, let seq): "event \(seq) of room \(roomId) was appended by another server first"
        case .duplicateRequest: "this request was recorded by another server first"
        case .duplicateRoom: "a room with this id or join code exists already"
        case .unknownRoom(let id): "no room has the id \(id)"
        case .unavailable(let reason): "the database is unavailable: \(reason)"
        case .outOfOrder(let roomId, let seq): "event \(seq) of room \(roomId) does not follow the room's last event"
        case .corrupt(let what): "a stored row cannot be read: \(what)"
        }
    }
}

/// Where rooms, their events and credentials live: persistence only, no rules.
///
/// `RoomLedger` decides; a store appends a batch atomically at the expected `seq` and
/// reads back. The same conformance suite (`Tests/SessionServerTests/StoreConformance`)
/// runs against every implementation.
protocol RoomStore: Sendable {
    /// True when other processes append to the same rooms (PostgreSQL): the ledger then
    /// expects conflicts and re-reads rooms when `changes` says they moved.
    var isShared: Bool { get }
    /// Why a write would fail now, for `/healthz`; nil when the store can write.
    func writeProblem() async -> String?

    func createRoom(_ room: StoredRoom) async throws
    func rooms() async throws -> [StoredRoom]
    func room(id: String) async throws -> StoredRoom?
    func room(code: String) async throws -> StoredRoom?

    /// In one transaction that holds the room against every other writer (every server):
    /// reads the events appended after `after`, gives them to `make`, and appends the batch
    /// `make` builds from them, with its records. `make` returning nil appends nothing;
    /// `make` throwing appends nothing and rethrows. Throws `duplicateRequest` when the
    /// batch's idempotency key is recorded already, `conflict` if a `seq` is taken anyway.
    ///
    /// `request`, when given, is looked up first, in the same transaction: when it is
    /// recorded, `make` is never called and `duplicateRequest` is thrown, so a retry is never
    /// decided again (never refused by a limit the first request used up).
    ///
    /// Deciding while holding the room is what keeps a busy server from starving another:
    /// whoever holds the room appends, with no retry.
    func append(
        roomId: String, after: Int64, request: IdempotencyKey?, _ make: @escaping @Sendable (_ missed: [RoomEvent]) throws -> AppendBatch?
    ) async throws
    /// Events after `seq`, oldest first, at most `limit`.
    func events(roomId: String, after seq: Int64, limit: Int) async throws -> [RoomEvent]
    /// The most recent state snapshot of the room, if one was kept.
    func latestSnapshot(roomId: String) async throws -> RoomState?

    /// The answer recorded for this key, if any.
    func response(roomId: String, key: IdempotencyKey) async throws -> Data?
    func credential(tokenHash: String) async throws -> Credential?

    /// Messages before the event `seq`, oldest first, at most `limit`, and whether more remain.
    func messages(roomId: String, before seq: Int64, limit: Int) async throws -> (messages: [ChatMessage], hasMore: Bool)
    func message(roomId: String, id: String) async throws -> ChatMessage?

    /// Room ids whose events changed in another process, and `nil` when the store may have
    /// missed some (a reconnect): then every room must be re-read. Empty for a store that
    /// is not shared.
    func changes() -> AsyncStream<String?>

    /// Shared token buckets (join attempts per address, wrong codes in all), so that every
    /// server counts the same attempts. Nil when a whole token is there, otherwise whole
    /// seconds to wait; `cost` is what an allowed call takes (0 asks without taking).
    func takeToken(_ key: String, burst: Int, refillSeconds: Double, now: Date, cost: Double) async throws -> Int?

    /// Long-poll activity seen by this server (participant → last seen), merged with what
    /// other servers recorded; answers the latest sighting per participant, per room.
    func shareActivity(_ seen: [String: [String: Date]]) async throws -> [String: [String: Date]]

    func close() async

    /// Bytes of the room's stored events (their JSON bodies), for the room quota and /metrics.
    func storedBytes(roomId: String) async throws -> Int64
    /// Deletes the room and everything stored with it (retention); answers how many events went.
    func deleteRoom(id: String) async throws -> Int
}

extension RoomStore {
    /// Appends what `make` builds, with no request to look up first.
    func append(roomId: String, after: Int64, _ make: @escaping @Sendable (_ missed: [RoomEvent]) throws -> AppendBatch?) async throws {
        try await append(roomId: roomId, after: after, request: nil, make)
    }

    /// Appends a batch decided on the room as of `batch.after`; `conflict` when the room moved since.
    func append(_ batch: AppendBatch) async throws {
        try await append(roomId: batch.roomId, after: batch.after, request: batch.request?.key) { missed in
            if let first = missed.first { throw StoreError.conflict(roomId: batch.roomId, seq: first.seq) }
            return batch
        }
    }

    /// Every event of a room from `seq` on, in pages.
    func allEvents(roomId: String, after seq: Int64, page: Int = 2_000) async throws -> [RoomEvent] {
        var all: [RoomEvent] = []
        var last = seq
        while true {
            let batch = try await events(roomId: roomId, after: last, limit: page)
            all += batch
            guard let next = batch.last?.seq, batch.count == page else { return all }
            last = next
        }
    }
}

extension RoomStore {
    /// Why a write would fail now (a full or read-only disk, a database that cannot take
    /// writes), for `/healthz`; nil when the store can write. Stores that cannot tell say nil.
    func writeProblem() async -> String? { nil }

    /// Takes one token: the usual limit.
    func takeToken(_ key: String, burst: Int, refillSeconds: Double, now: Date) async throws -> Int? {
        try await takeToken(key, burst: burst, refillSeconds: refillSeconds, now: now, cost: 1)
    }
}
