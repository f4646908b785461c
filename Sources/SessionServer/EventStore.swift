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

/// What a command decided, computed from the room's current state inside the store's
/// transaction: the events to append, tokens to grant or revoke, and the answer to remember.
struct Decision: Sendable {
    var events: [RoomEvent] = []
    var grant: (tokenHash: String, participantId: String)? = nil
    var revokeParticipants: [String] = []
    /// Why they are revoked: "left" or "removed".
    var revocationReason = "left"
    /// The JSON answer; stored with the idempotency key, if any, and replayed to retries.
    var response: Data
}

/// Who asked, and with which `clientId`, so that a retry gets the first answer again.
struct IdempotencyKey: Sendable, Hashable {
    var participantId: String
    /// The endpoint and the client's id, e.g. "message:7c1f...".
    var key: String
}

enum CommitResult: Sendable {
    /// New events were appended (possibly none, for a request that changed nothing).
    case committed(events: [RoomEvent], response: Data)
    /// The idempotency key was seen before: this is the first answer, and nothing was appended.
    case replayed(response: Data)

    var response: Data {
        switch self {
        case .committed(_, let response), .replayed(let response): response
        }
    }
}

/// Where rooms, their events and credentials live.
///
/// `commit` is the only way to append: the store runs `decide` against the room's
/// current state with every other commit to that room excluded, gives the events
/// consecutive `seq`s, and makes them durable before it returns. Committed events are
/// handed to `onCommit` in `seq` order, so the hub never sees a gap.
protocol EventStore: Sendable {
    func createRoom(_ room: StoredRoom, events: [RoomEvent]) async throws
    func room(id: String) async throws -> StoredRoom?
    func room(code: String) async throws -> StoredRoom?
    func roomIds() async throws -> [String]
    /// The room's state with every committed event folded in.
    func state(roomId: String) async throws -> RoomState?
    func credential(tokenHash: String) async throws -> Credential?
    func commit(
        roomId: String, idempotency: IdempotencyKey?,
        decide: @escaping @Sendable (RoomState) throws -> Decision
    ) async throws -> CommitResult
    /// Events after `seq`, oldest first, at most `limit`.
    func events(roomId: String, after seq: Int64, limit: Int) async throws -> [RoomEvent]
    /// Messages before the event `seq`, oldest first, at most `limit`, and whether more remain.
    func messages(roomId: String, before seq: Int64, limit: Int) async throws -> (messages: [ChatMessage], hasMore: Bool)
    func message(roomId: String, id: String) async throws -> ChatMessage?
    /// Called after each commit, in commit order, with the events it appended.
    func setCommitHandler(_ handler: @escaping @Sendable (String, [RoomEvent]) -> Void)
}
