public import Foundation

/// Something that happened in a room, numbered by the room's gap-free `seq`.
public struct RoomEvent: Sendable, Equatable {
    public var seq: Int64
    public var at: Date
    /// The participant who caused it, or nil for the server itself (presence, room setup).
    public var actor: String?
    public var kind: Kind

    public init(seq: Int64, at: Date, actor: String?, kind: Kind) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.kind = kind
    }

    /// What happened. Unknown types from a newer server decode to `.unknown`, so old clients keep going.
    public enum Kind: Sendable, Equatable {
        case joined(Participant)
        case left(participantId: String)
        case removed(participantId: String)
        case presence(participantId: String, presence: Presence)
        case message(ChatMessage)
        case messageDeleted(messageId: String)
        case handRaised(participantId: String)
        case handLowered(participantId: String)
        case allHandsLowered
        case floor(participantId: String?)
        case agenda(itemId: String)
        case muted(participantId: String, muted: Bool)
        case locked(Bool)
        /// Someone asks for an offline learner's seat; the experts answer.
        case seatClaimed(SeatClaim)
        /// An expert gave the seat back to whoever claimed it.
        case seatGranted(claimId: String, participantId: String)
        /// An expert refused the claim, or nobody answered in time (`expired`).
        case seatRefused(claimId: String, expired: Bool)
        /// A learner's private question; only the asker and the experts see it.
        case questionAsked(Question)
        /// An expert answered (or closed, or published) a question; the data is the question as it now stands.
        case questionAnswered(Question)
        case pollOpened(Poll)
        /// A vote; the data is the poll after it, with the voter's vote only.
        case pollVoted(Poll)
        case pollClosed(Poll)
        case pollRevealed(Poll)
        /// A participant's pace signal set, or cleared with nil.
        case signal(participantId: String, signal: PaceSignal?)
        /// An expert cleared one participant's signal, or everyone's with nil.
        case signalsCleared(participantId: String?)
        case reaction(ReactionChange)
        /// The exercise timer started, got more time, paused, resumed, stopped or reached
        /// zero; the data is the timer as it now stands (the reducer forgets it once stopped or ended).
        case timer(TimerStep, ExerciseTimer)
        /// The expert closed the day: its recap and the next day's first item.
        case dayClosed(DayClose)
        /// An event this viewer may not see (another learner's private question): its `seq`
        /// only, so the viewer's stream keeps no gap.
        case hidden
        case unknown(type: String)
    }
}

extension RoomEvent.Kind {
    /// The wire name of the event, the `type` field.
    public var type: String {
        switch self {
        case .joined: "joined"
        case .left: "left"
        case .removed: "removed"
        case .presence: "presence"
        case .message: "message"
        case .messageDeleted: "message_deleted"
        case .handRaised: "hand_raised"
        case .handLowered: "hand_lowered"
        case .allHandsLowered: "hands_cleared"
        case .floor: "floor"
        case .agenda: "agenda"
        case .muted: "muted"
        case .locked: "locked"
        case .seatClaimed: "seat_claimed"
        case .seatGranted: "seat_granted"
        case .seatRefused: "seat_refused"
        case .questionAsked: "question.asked"
        case .questionAnswered: "question.answered"
        case .pollOpened: "poll.opened"
        case .pollVoted: "poll.voted"
        case .pollClosed: "poll.closed"
        case .pollRevealed: "poll.revealed"
        case .signal: "signal.changed"
        case .signalsCleared: "signals.cleared"
        case .reaction: "reaction.changed"
        case .timer(let step, _): "timer." + step.rawValue
        case .dayClosed: "day.closed"
        case .hidden: "hidden"
        case .unknown(let type): type
        }
    }
}

extension RoomEvent: Codable {
    private enum CodingKeys: String, CodingKey {
        case seq, type, at, actor, data
    }

    private struct ParticipantRef: Codable { var participantId: String }
    private struct PresenceData: Codable { var participantId: String; var presence: Presence }
    private struct MessageRef: Codable { var messageId: String }
    private struct FloorData: Codable { var participantId: String? }
    private struct AgendaData: Codable { var itemId: String }
    private struct MutedData: Codable { var participantId: String; var muted: Bool }
    private struct LockedData: Codable { var locked: Bool }
    private struct GrantedData: Codable { var claimId: String; var participantId: String }
    private struct RefusedData: Codable { var claimId: String; var expired: Bool }
    private struct SignalData: Codable { var participantId: String; var signal: PaceSignal? }
    private struct ClearedData: Codable { var participantId: String? }
    private struct Empty: Codable {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seq = try c.decode(Int64.self, forKey: .seq)
        at = try c.decode(Date.self, forKey: .at)
        actor = try c.decodeIfPresent(String.self, forKey: .actor)
        let type = try c.decode(String.self, forKey: .type)
        // A known type whose data this build cannot read is treated like an unknown type:
        // the stream goes on, and the next state reload repairs what was missed.
        kind = (try? Self.decodeKind(type: type, from: c)) ?? .unknown(type: type)
    }

    private static func decodeKind(type: String, from c: KeyedDecodingContainer<CodingKeys>) throws -> Kind {
        func data<T: Decodable>(_: T.Type) throws -> T { try c.decode(T.self, forKey: .data) }
        switch type {
        case "joined": return .joined(try data(Participant.self))
        case "left": return .left(participantId: try data(ParticipantRef.self).participantId)
        case "removed": return .removed(participantId: try data(ParticipantRef.self).participantId)
        case "presence":
            let d = try data(PresenceData.self)
            return .presence(participantId: d.participantId, presence: d.presence)
        case "message": return .message(try data(ChatMessage.self))
        case "message_deleted": return .messageDeleted(messageId: try data(MessageRef.self).messageId)
        case "hand_raised": return .handRaised(participantId: try data(ParticipantRef.self).participantId)
        case "hand_lowered": return .handLowered(participantId: try data(ParticipantRef.self).participantId)
        case "hands_cleared": return .allHandsLowered
        case "floor": return .floor(participantId: try data(FloorData.self).participantId)
        case "agenda": return .agenda(itemId: try data(AgendaData.self).itemId)
        case "muted":
            let d = try data(MutedData.self)
            return .muted(participantId: d.participantId, muted: d.muted)
        case "locked": return .locked(try data(LockedData.self).locked)
        case "seat_claimed": return .seatClaimed(try data(SeatClaim.self))
        case "seat_granted":
            let d = try data(GrantedData.self)
            return .seatGranted(claimId: d.claimId, participantId: d.participantId)
        case "seat_refused":
            let d = try data(RefusedData.self)
            return .seatRefused(claimId: d.claimId, expired: d.expired)
        case "question.asked": return .questionAsked(try data(Question.self))
        case "question.answered": return .questionAnswered(try data(Question.self))
        case "poll.opened": return .pollOpened(try data(Poll.self))
        case "poll.voted": return .pollVoted(try data(Poll.self))
        case "poll.closed": return .pollClosed(try data(Poll.self))
        case "poll.revealed": return .pollRevealed(try data(Poll.self))
        case "signal.changed":
            let d = try data(SignalData.self)
            return .signal(participantId: d.participantId, signal: d.signal)
        case "signals.cleared": return .signalsCleared(participantId: try data(ClearedData.self).participantId)
        case "reaction.changed": return .reaction(try data(ReactionChange.self))
        case "day.closed": return .dayClosed(try data(DayClose.self))
        case "hidden": return .hidden
        default:
            if type.hasPrefix("timer."), let step = TimerStep(rawValue: String(type.dropFirst("timer.".count))) {
                return .timer(step, try data(ExerciseTimer.self))
            }
            return .unknown(type: type)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(seq, forKey: .seq)
        try c.encode(kind.type, forKey: .type)
        try c.encode(at, forKey: .at)
        try c.encodeIfPresent(actor, forKey: .actor)
        switch kind {
        case .joined(let p): try c.encode(p, forKey: .data)
        case .left(let id), .removed(let id), .handRaised(let id), .handLowered(let id):
            try c.encode(ParticipantRef(participantId: id), forKey: .data)
        case .presence(let id, let presence):
            try c.encode(PresenceData(participantId: id, presence: presence), forKey: .data)
        case .message(let m): try c.encode(m, forKey: .data)
        case .messageDeleted(let id): try c.encode(MessageRef(messageId: id), forKey: .data)
        case .allHandsLowered, .hidden, .unknown: try c.encode(Empty(), forKey: .data)
        case .floor(let id): try c.encode(FloorData(participantId: id), forKey: .data)
        case .agenda(let id): try c.encode(AgendaData(itemId: id), forKey: .data)
        case .muted(let id, let muted): try c.encode(MutedData(participantId: id, muted: muted), forKey: .data)
        case .locked(let locked): try c.encode(LockedData(locked: locked), forKey: .data)
        case .seatClaimed(let claim): try c.encode(claim, forKey: .data)
        case .seatGranted(let claimId, let participantId):
            try c.encode(GrantedData(claimId: claimId, participantId: participantId), forKey: .data)
        case .seatRefused(let claimId, let expired): try c.encode(RefusedData(claimId: claimId, expired: expired), forKey: .data)
        case .questionAsked(let q), .questionAnswered(let q): try c.encode(q, forKey: .data)
        case .pollOpened(let p), .pollVoted(let p), .pollClosed(let p), .pollRevealed(let p): try c.encode(p, forKey: .data)
        case .signal(let id, let signal): try c.encode(SignalData(participantId: id, signal: signal), forKey: .data)
        case .signalsCleared(let id): try c.encode(ClearedData(participantId: id), forKey: .data)
        case .reaction(let change): try c.encode(change, forKey: .data)
        case .timer(_, let timer): try c.encode(timer, forKey: .data)
        case .dayClosed(let close): try c.encode(close, forKey: .data)
        }
    }
}
