public import Foundation

/// What a participant may do in a room; it comes from the server, never from a display name.
public enum Role: String, Codable, Sendable, CaseIterable {
    case learner
    case expert
}

/// Whether a participant is following the room right now, derived by the server from long-poll activity.
public enum Presence: String, Codable, Sendable, CaseIterable {
    case online
    case away
    case offline
}

/// Whether a participant is still a member of the room.
public enum Membership: String, Codable, Sendable {
    case present
    case left
    case removed
}

/// One person in a room. Departed participants stay in the state so old messages keep their author's name.
public struct Participant: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var role: Role
    public var presence: Presence
    public var muted: Bool
    public var membership: Membership
    public var joinedAt: Date

    public init(
        id: String, name: String, role: Role, presence: Presence = .online,
        muted: Bool = false, membership: Membership = .present, joinedAt: Date
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.presence = presence
        self.muted = muted
        self.membership = membership
        self.joinedAt = joinedAt
    }

    public var isPresent: Bool { membership == .present }
}
