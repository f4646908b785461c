public import Foundation

/// Someone joining from another machine with the name of an offline learner: the experts
/// decide whether the newcomer takes that seat back (its history, its hand) or gets a
/// suffixed name. Kept in `RoomState.claims` so that an expert who joins or reloads sees
/// the claims still waiting; settled ones stay a while so the newcomer can learn the outcome.
public struct SeatClaim: Codable, Sendable, Equatable, Identifiable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case pending
        /// An expert gave the seat back: the newcomer is that participant now.
        case granted
        /// An expert refused: the newcomer gets a seat of their own, with a suffixed name.
        case refused
        /// No expert answered in time: as refused.
        case expired
    }

    public var id: String
    /// The offline participant whose seat is asked for.
    public var participantId: String
    public var at: Date
    /// When the claim is settled as `expired` if no expert answered.
    public var expiresAt: Date
    public var status: Status

    public init(id: String, participantId: String, at: Date, expiresAt: Date, status: Status = .pending) {
        self.id = id
        self.participantId = participantId
        self.at = at
        self.expiresAt = expiresAt
        self.status = status
    }
}

/// The answer to a join that became a seat claim (HTTP 202): what the newcomer needs to
/// learn the outcome. `token` is a secret: once the claim is settled it is the bearer token
/// of the seat the newcomer gets, whichever it is.
public struct SeatClaimTicket: Codable, Sendable, Equatable {
    public var claimId: String
    public var token: String
    public var roomId: String
    /// The name of the seat asked for, as the room shows it.
    public var name: String
    public var expiresAt: Date
    /// The longest the server holds `GET .../claims/{claimId}`, in seconds.
    public var pollTimeout: Int

    public init(claimId: String, token: String, roomId: String, name: String, expiresAt: Date, pollTimeout: Int) {
        self.claimId = claimId
        self.token = token
        self.roomId = roomId
        self.name = name
        self.expiresAt = expiresAt
        self.pollTimeout = pollTimeout
    }
}

/// `GET /v1/rooms/{roomId}/claims/{claimId}`: still pending, or settled with the seat the
/// newcomer now has (the old participant's when granted, a new suffixed one otherwise).
public struct SeatClaimAnswer: Codable, Sendable, Equatable {
    public var status: SeatClaim.Status
    public var expiresAt: Date
    /// Set once the claim is settled.
    public var join: JoinResponse?

    public init(status: SeatClaim.Status, expiresAt: Date, join: JoinResponse? = nil) {
        self.status = status
        self.expiresAt = expiresAt
        self.join = join
    }
}
