/// `GET /v1/rooms/{roomId}/participants?after=&limit=`: everyone who ever joined the room,
/// in the order they joined, a page at a time (the state sent to clients names present
/// participants and those it refers to only).
public struct ParticipantsResponse: Codable, Sendable, Equatable {
    public var participants: [Participant]
    /// The `after` of the next page; nil on the last one.
    public var next: Int?

    public init(participants: [Participant], next: Int?) {
        self.participants = participants
        self.next = next
    }
}

extension Limits {
    /// Most participants one page of `GET .../participants` returns.
    public static let participantsPageMax = 500
}
