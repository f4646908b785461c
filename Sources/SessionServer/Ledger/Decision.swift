import Foundation
import SessionModel

/// What a command decided, computed from the room's current state: the events to append,
/// tokens to grant or revoke, and the answer to remember.
struct Decision: Sendable {
    var events: [RoomEvent] = []
    var grant: TokenGrant? = nil
    var revokeParticipants: [String] = []
    /// Why they are revoked: "left" or "removed".
    var revocationReason = "left"
    /// The JSON answer; stored with the idempotency key, if any, and replayed to retries.
    var response: Data
    /// What is stored with the idempotency key instead of `response`, when the answer can be
    /// rebuilt from the events (a posted message: `StoredMessageAnswer`).
    var recorded: Data? = nil
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

/// Who hears about committed events: the hub and the metrics. A struct around the closure,
/// kept in a `let`: reading a bare closure out of a `Mutex` on every commit wrapped it in
/// one more reabstraction thunk each time, so commit N cost more than commit N-1.
///
/// It is given the room id, the events and each event's JSON (`AppendBatch.bodies`).
struct CommitListener: Sendable {
    let deliver: @Sendable (String, [RoomEvent], [Data]) -> Void

    init(_ deliver: @escaping @Sendable (String, [RoomEvent], [Data]) -> Void) {
        self.deliver = deliver
    }

    static let none = CommitListener { _, _, _ in }
}

/// A shared token bucket a command must take from before it is decided: taken after the
/// idempotency check, so a retry of a request that went through is never refused.
struct CommitLimit: Sendable {
    var key: String
    var burst: Int
    var refillSeconds: Double
    var now: Date
}
