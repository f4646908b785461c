public import Foundation
public import SessionModel

/// Every change the user asked of the room, in order, each with the `clientId` that makes
/// retries safe: messages, the hand, and the expert's moderation.
///
/// A value type with no I/O: `OutboxSender` takes items one at a time with `next()` and
/// reports back. An item that fails for a passing reason stays first and is tried again
/// with the same id, so sends keep their order across disconnects and server restarts; one
/// the server refuses is marked failed with the server's sentence, and the queue moves on.
public struct Outbox: Sendable, Equatable {
    public enum Kind: Sendable, Equatable, Codable {
        case message(String)
        case hand(raised: Bool)
        /// An expert's action; a moderation click during a network drop waits here like a message.
        case moderation(ModerationAction, ModerationRequest)
        /// A question, a poll, a vote, a pace signal or a reaction.
        case engage(Engagement)
    }

    public enum Status: Sendable, Equatable {
        /// Waiting for its turn, or for the network.
        case pending
        /// On its way to the server.
        case sending
        /// Acknowledged: durable on the server.
        case sent
        /// Refused by the server; `retry` puts it back in the queue.
        case failed(reason: String)
    }

    public struct Item: Sendable, Equatable, Identifiable {
        /// The `clientId` sent with every try.
        public let id: String
        public let kind: Kind
        public internal(set) var status: Status
        /// Tries that failed for a passing reason.
        public internal(set) var attempts: Int
        /// The last passing failure, for "not sent yet: server unreachable".
        public internal(set) var lastError: String?
        /// The chat message the server created, once sent.
        public internal(set) var messageId: String?
        /// The server's refusal, with its code, so the app can say it in the user's language.
        public internal(set) var refusal: ClientError?
        /// The server's code for the last passing failure ("rate_limited"), nil for no answer:
        /// a message held back by the rate limit is not "waiting for the network".
        public internal(set) var lastErrorCode: String? = nil
    }

    public private(set) var items: [Item] = []

    public init() {}

    @discardableResult
    public mutating func enqueue(_ kind: Kind, clientId: String = UUID().uuidString.lowercased()) -> String {
        items.append(Item(id: clientId, kind: kind, status: .pending, attempts: 0, lastError: nil, messageId: nil, refusal: nil))
        return clientId
    }

    /// The first item still to send, now marked as sending; nil while one is in flight or none waits.
    public mutating func next() -> Item? {
        if items.contains(where: { $0.status == .sending }) { return nil }
        guard let index = items.firstIndex(where: { $0.status == .pending }) else { return nil }
        items[index].status = .sending
        return items[index]
    }

    public mutating func sent(_ id: String, messageId: String? = nil) {
        update(id) {
            $0.status = .sent
            $0.messageId = messageId
            $0.lastError = nil
        }
    }

    /// No answer, or a 5xx/429: it stays first in line and will be tried again.
    public mutating func failedForNow(_ id: String, reason: String, code: String? = nil) {
        update(id) {
            $0.status = .pending
            $0.attempts += 1
            $0.lastError = reason
            $0.lastErrorCode = code
        }
    }

    /// The server refused it: it will not be tried again unless the user asks.
    public mutating func refused(_ id: String, reason: String) {
        update(id) { $0.status = .failed(reason: reason) }
    }

    /// The server refused it, with the error it answered.
    public mutating func refused(_ id: String, error: ClientError) {
        update(id) {
            $0.status = .failed(reason: error.description)
            $0.refusal = error
        }
    }

    /// Puts a refused item back at the end of the queue, with the same `clientId`.
    public mutating func retry(_ id: String) {
        guard let index = items.firstIndex(where: { $0.id == id }), case .failed = items[index].status else { return }
        var item = items.remove(at: index)
        item.status = .pending
        item.lastError = nil
        item.refusal = nil
        items.append(item)
    }

    /// Forgets sent items and items the user gave up on.
    public mutating func remove(_ id: String) {
        items.removeAll { $0.id == id && $0.status != .sending }
    }

    /// Items not yet acknowledged.
    public var unsent: [Item] { items.filter { $0.status != .sent } }

    private mutating func update(_ id: String, _ change: (inout Item) -> Void) {
        guard let index = items.firstIndex(where: { $0.id == id }) else { return }
        change(&items[index])
    }
}

extension Outbox {
    /// Items refused since `earlier`, each once: what the app has to say.
    public func newlyRefused(since earlier: Outbox) -> [Item] {
        items.filter { item in
            guard case .failed = item.status else { return false }
            guard let before = earlier.items.first(where: { $0.id == item.id }) else { return true }
            if case .failed = before.status { return false }
            return true
        }
    }
}
