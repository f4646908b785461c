public import Foundation

// Request and response bodies of the v1 HTTP API; docs/openapi.yaml is the contract.

public struct JoinRequest: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var moderatorKey: String?

    public init(code: String, name: String, moderatorKey: String? = nil) {
        self.code = code
        self.name = name
        self.moderatorKey = moderatorKey
    }
}

public struct JoinResponse: Codable, Sendable, Equatable {
    public var token: String
    public var participant: Participant
    public var room: RoomInfo
    public var state: RoomState
    public var cursor: String
    /// The longest the server holds a long-poll, in seconds.
    public var pollTimeout: Int

    public init(token: String, participant: Participant, room: RoomInfo, state: RoomState, cursor: String, pollTimeout: Int) {
        self.token = token
        self.participant = participant
        self.room = room
        self.state = state
        self.cursor = cursor
        self.pollTimeout = pollTimeout
    }
}

public struct EventsResponse: Codable, Sendable, Equatable {
    public var events: [RoomEvent]
    public var cursor: String

    public init(events: [RoomEvent], cursor: String) {
        self.events = events
        self.cursor = cursor
    }
}

public struct StateResponse: Codable, Sendable, Equatable {
    public var state: RoomState
    public var cursor: String
    /// The caller, as the server sees it now.
    public var participant: Participant

    public init(state: RoomState, cursor: String, participant: Participant) {
        self.state = state
        self.cursor = cursor
        self.participant = participant
    }
}

public struct MessagesResponse: Codable, Sendable, Equatable {
    /// Oldest first.
    public var messages: [ChatMessage]
    /// Whether older messages remain before the first one.
    public var hasMore: Bool
    /// The authors of these messages: a room's state names only present participants and
    /// those it refers to, so an older message's author may be known from here only.
    /// Absent from servers older than this field.
    public var authors: [Participant]?

    public init(messages: [ChatMessage], hasMore: Bool, authors: [Participant]? = nil) {
        self.messages = messages
        self.hasMore = hasMore
        self.authors = authors
    }
}

public struct PostMessageRequest: Codable, Sendable, Equatable {
    public var text: String
    public var clientId: String

    public init(text: String, clientId: String) {
        self.text = text
        self.clientId = clientId
    }
}

public struct PostMessageResponse: Codable, Sendable, Equatable {
    public var message: ChatMessage

    public init(message: ChatMessage) { self.message = message }
}

public struct HandRequest: Codable, Sendable, Equatable {
    public var raised: Bool
    public var clientId: String

    public init(raised: Bool, clientId: String) {
        self.raised = raised
        self.clientId = clientId
    }
}

/// The answer to hand, leave and moderation requests: the event they appended, if any.
public struct ActionResponse: Codable, Sendable, Equatable {
    /// The room's last event once the action took effect.
    public var seq: Int64

    public init(seq: Int64) { self.seq = seq }
}

/// The moderation actions an expert can take, as named in the URL path.
public enum ModerationAction: String, Codable, Sendable, CaseIterable {
    case lowerHand = "lower-hand"
    case lowerAllHands = "lower-all-hands"
    case floor
    case agenda
    case mute
    case remove
    case lock
    case deleteMessage = "delete-message"
    /// Gives an offline learner's seat to whoever claimed it from another machine.
    case acceptClaim = "accept-claim"
    /// Refuses a seat claim: the newcomer gets a suffixed name.
    case refuseClaim = "refuse-claim"
    /// Clears one participant's pace signal (`participantId`), or everyone's.
    case clearSignals = "clear-signals"
}

/// The body of every moderation request; which fields matter depends on the action.
public struct ModerationRequest: Codable, Sendable, Equatable {
    public var participantId: String?
    public var itemId: String?
    public var muted: Bool?
    public var locked: Bool?
    public var messageId: String?
    public var claimId: String?
    /// The idempotency key: a retry with the same one gets the first answer and changes nothing.
    public var clientId: String?

    public init(
        participantId: String? = nil, itemId: String? = nil, muted: Bool? = nil, locked: Bool? = nil,
        messageId: String? = nil, claimId: String? = nil, clientId: String? = nil
    ) {
        self.participantId = participantId
        self.itemId = itemId
        self.muted = muted
        self.locked = locked
        self.messageId = messageId
        self.claimId = claimId
        self.clientId = clientId
    }
}

/// An agenda item as a workshop file or a room creation request gives it (no id yet).
public struct AgendaDraft: Codable, Sendable, Equatable {
    public var title: String
    public var day: Int
    public var start: String
    public var minutes: Int

    public init(title: String, day: Int, start: String, minutes: Int) {
        self.title = title
        self.day = day
        self.start = start
        self.minutes = minutes
    }
}

/// `POST /v1/rooms`, and the format of a workshop file.
public struct CreateRoomRequest: Codable, Sendable, Equatable {
    public var title: String
    public var agenda: [AgendaDraft]

    public init(title: String, agenda: [AgendaDraft]) {
        self.title = title
        self.agenda = agenda
    }
}

public struct CreateRoomResponse: Codable, Sendable, Equatable {
    public var roomId: String
    public var code: String
    public var moderatorKey: String

    public init(roomId: String, code: String, moderatorKey: String) {
        self.roomId = roomId
        self.code = code
        self.moderatorKey = moderatorKey
    }
}

/// Every 4xx and 5xx answer: a stable machine code and a sentence for people.
public struct APIErrorBody: Codable, Sendable, Equatable {
    public var error: String
    public var message: String

    public init(error: String, message: String) {
        self.error = error
        self.message = message
    }
}

public struct HealthResponse: Codable, Sendable, Equatable {
    /// "ok", or "unavailable" when the server cannot write (then `problem` says why).
    public var status: String
    public var version: String
    public var problem: String?

    public init(status: String, version: String, problem: String? = nil) {
        self.status = status
        self.version = version
        self.problem = problem
    }
}
