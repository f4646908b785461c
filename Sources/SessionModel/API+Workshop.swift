// Request bodies of the exercise timer and the close of a day (docs/openapi.yaml). Both
// answer a `CommittedResponse` and carry the usual `clientId`, the idempotency key.

/// `POST /v1/rooms/{roomId}/moderation/timer`: an expert starts, extends, pauses, resumes
/// or stops the exercise timer.
public struct TimerRequest: Codable, Sendable, Equatable {
    /// "start", "add", "pause", "resume" or "stop" (`TimerAction`); a string, so that a bad
    /// one gets its own sentence rather than a decoding error.
    public var action: String
    /// How long (start) or how much more (add), 1 to `Limits.timerMaxSeconds`.
    public var seconds: Int?
    public var clientId: String

    public init(action: TimerAction, seconds: Int? = nil, clientId: String) {
        self.action = action.rawValue
        self.seconds = seconds
        self.clientId = clientId
    }
}

/// `POST /v1/rooms/{roomId}/moderation/close-day`: only the idempotency key; the recap is the server's.
public struct CloseDayRequest: Codable, Sendable, Equatable {
    public var clientId: String

    public init(clientId: String) { self.clientId = clientId }
}
