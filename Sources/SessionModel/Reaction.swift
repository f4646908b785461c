/// The reactions a message can get, one of each per person.
public enum Reaction: String, Codable, Sendable, CaseIterable {
    case thumbsUp = "👍"
    case heart = "❤️"
    case laugh = "😂"
    case wow = "😮"
    case clap = "👏"

    /// The word `--ascii` draws instead of the emoji.
    public var word: String {
        switch self {
        case .thumbsUp: "+1"
        case .heart: "love"
        case .laugh: "haha"
        case .wow: "wow"
        case .clap: "clap"
        }
    }

    /// Reads an emoji, with or without its variation selector, or its word ("+1", "clap").
    public init?(text: String) {
        let stripped = String(text.unicodeScalars.filter { $0.value != 0xFE0F }.map(Character.init))
        guard let found = Reaction.allCases.first(where: {
            String($0.rawValue.unicodeScalars.filter { $0.value != 0xFE0F }.map(Character.init)) == stripped || $0.word == text.lowercased()
        }) else { return nil }
        self = found
    }
}

/// One person's reaction turned on or off on a message.
public struct ReactionChange: Codable, Sendable, Equatable {
    public var messageId: String
    public var emoji: Reaction
    public var on: Bool
    public var participantId: String

    public init(messageId: String, emoji: Reaction, on: Bool, participantId: String) {
        self.messageId = messageId
        self.emoji = emoji
        self.on = on
        self.participantId = participantId
    }
}
