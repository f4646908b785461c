public import SessionModel

/// A change of questions, polls, pace signals or reactions, as the outbox keeps it (and
/// the seat on disk); its `clientId` is added when it is sent. Clearing signals is a
/// moderation action.
public enum Engagement: Sendable, Equatable, Codable {
    case ask(text: String, anonymous: Bool)
    case answer(questionId: String, text: String, publish: Bool)
    case openPoll(question: String, options: [String], anonymous: Bool)
    case vote(pollId: String, option: Int)
    case closePoll(pollId: String)
    case revealPoll(pollId: String)
    case signal(PaceSignal?)
    case react(messageId: String, emoji: Reaction, on: Bool)
    /// The expert's exercise timer (`seconds` for start and add).
    case timer(TimerAction, seconds: Int?)
    /// The expert closes the day.
    case closeDay
}

extension SessionAPI {
    /// Sends one engagement change with its idempotency key; answers the committed events.
    public func engage(_ room: RoomCredentials, _ change: Engagement, clientId: String) async throws(ClientError) -> CommittedResponse {
        let base = "/v1/rooms/\(room.roomId)"
        switch change {
        case .ask(let text, let anonymous):
            return try await post(base + "/questions", room, AskQuestionRequest(text: text, anonymous: anonymous, clientId: clientId))
        case .answer(let questionId, let text, let publish):
            return try await post(base + "/questions/\(questionId)/answer", room, AnswerQuestionRequest(text: text, publish: publish, clientId: clientId))
        case .openPoll(let question, let options, let anonymous):
            return try await post(base + "/polls", room, OpenPollRequest(question: question, options: options, anonymous: anonymous, clientId: clientId))
        case .vote(let pollId, let option):
            return try await post(base + "/polls/\(pollId)/vote", room, VoteRequest(option: option, clientId: clientId))
        case .closePoll(let pollId):
            return try await post(base + "/polls/\(pollId)/close", room, PollActionRequest(clientId: clientId))
        case .revealPoll(let pollId):
            return try await post(base + "/polls/\(pollId)/reveal", room, PollActionRequest(clientId: clientId))
        case .signal(let signal):
            return try await post(base + "/signal", room, SignalRequest(signal: signal, clientId: clientId))
        case .react(let messageId, let emoji, let on):
            return try await post(base + "/messages/\(messageId)/reactions", room, ReactionRequest(emoji: emoji.rawValue, on: on, clientId: clientId))
        case .timer(let action, let seconds):
            return try await post(base + "/moderation/timer", room, TimerRequest(action: action, seconds: seconds, clientId: clientId))
        case .closeDay:
            return try await post(base + "/moderation/close-day", room, CloseDayRequest(clientId: clientId))
        }
    }
}
