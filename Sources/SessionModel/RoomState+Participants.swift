/// Who a room's state sent to a client names: present members and anyone the rest of
/// the state refers to. Everyone else who ever joined is paged
/// (`GET /v1/rooms/{roomId}/participants`), or a join answer after 2,000 visits would
/// carry 2,000 departed people for ever.
extension RoomState {
    /// Ids the state itself refers to: authors of the messages in the window, hands, the
    /// floor, pace signals, questions, polls, seat claims and reactions.
    public var referencedParticipantIds: Set<String> {
        var ids = Set(messages.map(\.authorId))
        ids.formUnion(hands)
        if let floor { ids.insert(floor) }
        ids.formUnion(signals.keys)
        for question in questions {
            if let asker = question.askerId { ids.insert(asker) }
            if let by = question.answeredBy { ids.insert(by) }
        }
        for poll in polls {
            ids.insert(poll.openedBy)
            ids.formUnion(poll.votes.keys)
        }
        ids.formUnion(claims.map(\.participantId))
        for byEmoji in reactions.values {
            for who in byEmoji.values { ids.formUnion(who) }
        }
        return ids
    }

    /// The state without the departed participants it does not refer to. The reducer
    /// needs no one else: an event about someone absent changes nothing but that person,
    /// and a `joined` event carries the whole participant.
    public func withoutAbsentees() -> RoomState {
        let referenced = referencedParticipantIds
        var shown = self
        shown.participants = participants.filter { $0.isPresent || referenced.contains($0.id) }
        return shown
    }

    /// What a join or a state read sends `viewer`: their view (`seen(by:)`) without absentees.
    public func sent(to viewer: Viewer) -> RoomState {
        seen(by: viewer).withoutAbsentees()
    }
}
