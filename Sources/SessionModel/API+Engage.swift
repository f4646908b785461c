// Request and response bodies of questions, polls, pace signals and reactions
// (docs/openapi.yaml). Every body carries the usual `clientId`, the idempotency key.

/// `POST /v1/rooms/{roomId}/questions`: a learner asks the experts privately.
public struct AskQuestionRequest: Codable, Sendable, Equatable {
    public var text: String
    /// Whether the learner stays unnamed if the question is published; false when absent.
    public var anonymous: Bool?
    public var clientId: String

    public init(text: String, anonymous: Bool, clientId: String) {
        self.text = text
        self.anonymous = anonymous
        self.clientId = clientId
    }
}

/// `POST .../questions/{questionId}/answer`: an expert answers, privately or to the room.
/// An empty `text` closes the question without words (answered aloud, or set aside).
public struct AnswerQuestionRequest: Codable, Sendable, Equatable {
    public var text: String
    public var publish: Bool
    public var clientId: String

    public init(text: String, publish: Bool, clientId: String) {
        self.text = text
        self.publish = publish
        self.clientId = clientId
    }
}

/// `POST .../polls`: an expert opens a poll of 2 to 6 answers.
public struct OpenPollRequest: Codable, Sendable, Equatable {
    public var question: String
    public var options: [String]
    /// Anonymous unless false: experts then see who voted what.
    public var anonymous: Bool?
    public var clientId: String

    public init(question: String, options: [String], anonymous: Bool, clientId: String) {
        self.question = question
        self.options = options
        self.anonymous = anonymous
        self.clientId = clientId
    }
}

/// `POST .../polls/{pollId}/vote`: the caller's vote, changeable until the poll closes.
public struct VoteRequest: Codable, Sendable, Equatable {
    /// 0-based index of the chosen answer.
    public var option: Int
    public var clientId: String

    public init(option: Int, clientId: String) {
        self.option = option
        self.clientId = clientId
    }
}

/// `POST .../polls/{pollId}/close` and `.../reveal`: only the idempotency key.
public struct PollActionRequest: Codable, Sendable, Equatable {
    public var clientId: String

    public init(clientId: String) { self.clientId = clientId }
}

/// `POST .../signal`: the caller's own pace signal; null (or absent) clears it.
public struct SignalRequest: Codable, Sendable, Equatable {
    public var signal: PaceSignal?
    public var clientId: String

    public init(signal: PaceSignal?, clientId: String) {
        self.signal = signal
        self.clientId = clientId
    }
}

/// `POST .../messages/{messageId}/reactions`: turns one of the caller's reactions on or off.
public struct ReactionRequest: Codable, Sendable, Equatable {
    /// One of 👍 ❤️ 😂 😮 👏 (❤ without its variation selector is accepted).
    public var emoji: String
    public var on: Bool
    public var clientId: String

    public init(emoji: String, on: Bool, clientId: String) {
        self.emoji = emoji
        self.on = on
        self.clientId = clientId
    }
}

/// The answer to questions, polls, signals and reactions: the events the request
/// committed, as the caller may see them (none when the room was already as asked).
public struct CommittedResponse: Codable, Sendable, Equatable {
    public var events: [RoomEvent]
    /// The room's last event once the request took effect.
    public var seq: Int64

    public init(events: [RoomEvent], seq: Int64) {
        self.events = events
        self.seq = seq
    }
}
