public import Foundation

/// Facts about a room that do not change once it exists.
public struct RoomInfo: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var createdAt: Date

    public init(id: String, title: String, createdAt: Date) {
        self.id = id
        self.title = title
        self.createdAt = createdAt
    }
}

/// Everything a client needs to draw a room, folded from its events by `apply(_:)`.
///
/// The server keeps one per room and answers joins and state requests with it; clients
/// apply the same events with the same reducer, so both always agree.
public struct RoomState: Codable, Sendable, Equatable {
    public var room: RoomInfo
    public var agenda: [AgendaItem]
    public var currentItemId: String?
    /// When the current agenda item was started, for elapsed and remaining time.
    public var currentItemSince: Date?
    /// Everyone who ever joined, in the order they joined; see `Participant.membership`.
    public var participants: [Participant]
    /// Raised hands, first raised first.
    public var hands: [String]
    /// Who has the floor, if anyone.
    public var floor: String?
    public var locked: Bool
    /// The most recent messages, oldest first, at most `Limits.stateMessages`.
    public var messages: [ChatMessage]
    /// Private questions to the experts, oldest first: on the server all of them; in a
    /// participant's copy only those `Question.seen(by:)` lets them see.
    public var questions: [Question]
    /// Quick polls, oldest first, at most `Limits.statePolls`.
    public var polls: [Poll]
    /// Pace signals by participant.
    public var signals: [String: PaceSignal]
    /// Reactions to the messages in `messages`: message id → emoji → who, first first.
    public var reactions: [String: [String: [String]]]
    /// The last event folded into this state.
    public var seq: Int64
    /// Seat claims (`SeatClaim`): those waiting for an expert, and the last settled ones.
    public var claims: [SeatClaim]
    /// The exercise timer, while one runs or is paused.
    public var timer: ExerciseTimer?
    /// The days the expert closed, in order; the last one may end the workshop (`isOver`).
    public var closedDays: [DayClose]

    public init(room: RoomInfo, agenda: [AgendaItem]) {
        self.room = room
        self.agenda = agenda
        self.currentItemId = nil
        self.currentItemSince = nil
        self.participants = []
        self.hands = []
        self.floor = nil
        self.locked = false
        self.messages = []
        self.questions = []
        self.polls = []
        self.signals = [:]
        self.reactions = [:]
        self.seq = 0
        self.claims = []
        self.timer = nil
        self.closedDays = []
    }

    /// Reads states written before questions, polls, signals, reactions, seat claims, the timer and day closes
    /// existed (kept snapshots, older servers) with those empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        room = try c.decode(RoomInfo.self, forKey: .room)
        agenda = try c.decode([AgendaItem].self, forKey: .agenda)
        currentItemId = try c.decodeIfPresent(String.self, forKey: .currentItemId)
        currentItemSince = try c.decodeIfPresent(Date.self, forKey: .currentItemSince)
        participants = try c.decode([Participant].self, forKey: .participants)
        hands = try c.decode([String].self, forKey: .hands)
        floor = try c.decodeIfPresent(String.self, forKey: .floor)
        locked = try c.decode(Bool.self, forKey: .locked)
        messages = try c.decode([ChatMessage].self, forKey: .messages)
        questions = try c.decodeIfPresent([Question].self, forKey: .questions) ?? []
        polls = try c.decodeIfPresent([Poll].self, forKey: .polls) ?? []
        signals = try c.decodeIfPresent([String: PaceSignal].self, forKey: .signals) ?? [:]
        reactions = try c.decodeIfPresent([String: [String: [String]]].self, forKey: .reactions) ?? [:]
        seq = try c.decode(Int64.self, forKey: .seq)
        claims = try c.decodeIfPresent([SeatClaim].self, forKey: .claims) ?? []
        timer = try c.decodeIfPresent(ExerciseTimer.self, forKey: .timer)
        closedDays = try c.decodeIfPresent([DayClose].self, forKey: .closedDays) ?? []
    }

    /// Claims waiting for an expert's answer.
    public var pendingClaims: [SeatClaim] { claims.filter { $0.status == .pending } }

    public func participant(_ id: String) -> Participant? {
        participants.first { $0.id == id }
    }

    /// Members who have not left or been removed.
    public var present: [Participant] { participants.filter(\.isPresent) }

    /// Present members as rosters list them: experts first, then by name.
    public var roster: [Participant] {
        present.sorted {
            ($0.role == .expert ? 0 : 1, $0.name.lowercased()) < ($1.role == .expert ? 0 : 1, $1.name.lowercased())
        }
    }

    /// Present members whose client is following the room now.
    public var onlineCount: Int { participants.filter { $0.isPresent && $0.presence == .online }.count }

    public var currentItem: AgendaItem? {
        guard let id = currentItemId else { return nil }
        return agenda.first { $0.id == id }
    }

    /// 1-based place of a participant in the hand queue, or nil when their hand is down.
    public func handPlace(of participantId: String) -> Int? {
        hands.firstIndex(of: participantId).map { $0 + 1 }
    }

    /// Questions still waiting for an expert.
    public var openQuestions: [Question] { questions.filter(\.isOpen) }

    public func poll(_ id: String) -> Poll? { polls.first { $0.id == id } }

    /// The poll open now, if any (the latest one not closed).
    public var openPoll: Poll? { polls.last { !$0.closed } }

    /// How many present participants show each pace signal.
    public var signalCounts: [PaceSignal: Int] {
        var counts: [PaceSignal: Int] = [:]
        for (id, signal) in signals where participant(id)?.isPresent == true { counts[signal, default: 0] += 1 }
        return counts
    }

    /// Who reacted to a message with each emoji, in the order of `Reaction.allCases`.
    public func reactions(to messageId: String) -> [(Reaction, [String])] {
        guard let byEmoji = reactions[messageId] else { return [] }
        return Reaction.allCases.compactMap { emoji in
            guard let who = byEmoji[emoji.rawValue], !who.isEmpty else { return nil }
            return (emoji, who)
        }
    }

    /// The present participant whose name matches, ignoring case and accents.
    public func presentParticipant(named name: String) -> Participant? {
        let key = RoomState.nameKey(name)
        return participants.first { $0.isPresent && RoomState.nameKey($0.name) == key }
    }

    /// The form in which two names count as the same: look-alikes (Cyrillic "а" for "a"),
    /// case, accents and width folded; see `NameRules.skeleton`.
    public static func nameKey(_ name: String) -> String {
        NameRules.skeleton(name)
    }
}
