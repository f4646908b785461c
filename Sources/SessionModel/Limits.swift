/// The sizes the server enforces and the client respects, in one place.
public enum Limits {
    /// Display names, in characters (grapheme clusters).
    public static let nameMaxLength = 32
    /// Chat messages, in characters.
    public static let messageMaxLength = 1000
    /// Unicode scalars in one character of a message: a letter with its accents, or an emoji
    /// sequence (the longest, a family or a flag with tags, has about ten).
    public static let scalarsPerCharacterMax = 12
    /// Chat messages, in bytes of UTF-8: 1,000 characters of any script fit in 4,000 bytes;
    /// the rest is room for accents and emoji sequences.
    public static let messageMaxBytes = 8_192
    /// Chat messages, in lines.
    public static let messageMaxLines = 20
    /// Workshop and agenda titles, in characters.
    public static let titleMaxLength = 120
    /// Agenda items in one workshop.
    public static let agendaMaxItems = 80
    /// Days in one workshop.
    public static let maxDays = 10
    /// Length of one agenda item, in minutes.
    public static let agendaItemMaxMinutes = 600
    /// Participants in one room, experts included.
    public static let roomMaxParticipants = 100
    /// Recent messages carried in a room snapshot; older ones come from the messages endpoint.
    public static let stateMessages = 100
    /// Most messages one history request returns.
    public static let historyPageMax = 200
    /// Most events one long-poll answer carries; a client further behind polls again at once.
    public static let eventBatchMax = 500
    /// Longest a long-poll is held by the server, in seconds.
    public static let pollTimeoutMax = 30
    /// Hold the server uses when the client does not ask for one, in seconds.
    public static let pollTimeoutDefault = 25
    /// Largest request body the server reads, in bytes.
    public static let requestBodyMax = 64 * 1024
    /// Polls kept in the room's state; opening one more forgets the oldest.
    public static let statePolls = 20
    /// Answers in one poll.
    public static let pollOptionsRange = 2...6
    /// A poll's question and each answer, in characters.
    public static let pollQuestionMaxLength = 200
    public static let pollOptionMaxLength = 60
    /// Questions a learner may have waiting for an answer at once.
    public static let openQuestionsPerLearner = 5
    /// Questions one room keeps (its state carries them): asking more is refused.
    public static let roomQuestionsMax = 500
    /// `clientId` idempotency keys, in bytes.
    public static let clientIdMaxLength = 64
    /// Seat claims waiting for an expert in one room at once; beyond, a newcomer with an
    /// offline learner's name gets a suffixed name at once, so nobody can flood the experts.
    public static let pendingClaimsMax = 3
    /// Settled seat claims a room's state keeps, for their newcomers to learn the outcome.
    public static let settledClaimsKept = 20
}
