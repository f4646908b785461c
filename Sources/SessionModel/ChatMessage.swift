public import Foundation

/// A chat line as the server stored it. `seq` is the room event that posted it.
public struct ChatMessage: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var seq: Int64
    public var authorId: String
    public var text: String
    public var at: Date
    /// Set when an expert deleted it; the text is then empty.
    public var deleted: Bool
    /// The author's idempotency key, so the author's client can replace its pending line.
    public var clientId: String?

    public init(id: String, seq: Int64, authorId: String, text: String, at: Date, deleted: Bool = false, clientId: String? = nil) {
        self.id = id
        self.seq = seq
        self.authorId = authorId
        self.text = text
        self.at = at
        self.deleted = deleted
        self.clientId = clientId
    }
}
