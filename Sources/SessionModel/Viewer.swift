/// Who a room's events and state are shown to: a participant and their role.
///
/// The server shapes every long-poll answer, history read and state for one viewer
/// (`RoomEvent.seen(by:)`, `RoomState.seen(by:)`), so a learner never receives another
/// learner's private question or the names behind an anonymous poll.
public struct Viewer: Sendable, Hashable {
    public var participantId: String
    public var role: Role

    public init(participantId: String, role: Role) {
        self.participantId = participantId
        self.role = role
    }

    public var isExpert: Bool { role == .expert }
}
