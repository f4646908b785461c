public import Foundation

/// A learner's private question to the experts, and its answer once given.
///
/// Only the asker and the experts see it, until an expert publishes it with the answer;
/// then the whole room sees it, without the asker's id when it was asked anonymously.
public struct Question: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    /// Who asked; nil in a published anonymous question as the rest of the room sees it.
    public var askerId: String?
    public var text: String
    /// Whether the asker wants to stay unnamed if the question is published.
    public var anonymous: Bool
    public var askedAt: Date
    /// The expert's answer: nil while the question is open, "" when closed without words
    /// (answered aloud, or set aside).
    public var answer: String?
    public var answeredBy: String?
    public var answeredAt: Date?
    /// Shown to the whole room (with its answer).
    public var published: Bool

    public init(
        id: String, askerId: String?, text: String, anonymous: Bool, askedAt: Date,
        answer: String? = nil, answeredBy: String? = nil, answeredAt: Date? = nil, published: Bool = false
    ) {
        self.id = id
        self.askerId = askerId
        self.text = text
        self.anonymous = anonymous
        self.askedAt = askedAt
        self.answer = answer
        self.answeredBy = answeredBy
        self.answeredAt = answeredAt
        self.published = published
    }

    /// Still waiting for an expert: counted in the expert's header.
    public var isOpen: Bool { answer == nil }

    /// The question as `viewer` may see it, or nil when it is not theirs to see.
    ///
    /// This is the privacy rule of questions, in one place: the asker and every expert see
    /// it; other learners only once it is published, and then without the asker's id if it
    /// was asked anonymously.
    public func seen(by viewer: Viewer) -> Question? {
        if viewer.isExpert || askerId == viewer.participantId { return self }
        guard published else { return nil }
        var shown = self
        if anonymous { shown.askerId = nil }
        return shown
    }
}
