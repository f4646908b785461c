import Foundation
import SessionModel

extension SessionService {
    /// An expert's action on the room. Every check is against the current state inside the
    /// commit: a learner's request, or one about someone who is not there, appends nothing.
    func moderate(_ action: ModerationAction, _ request: ModerationRequest, by caller: Credential) async throws -> Data {
        let at = time
        // Refuse a learner before looking at the request; the commit checks again against the state it decides on.
        if let me = try await ledger.state(roomId: caller.roomId)?.participant(caller.participantId), me.isPresent, me.role != .expert {
            throw APIError.expertOnly
        }
        // Deleting needs the message, which may be older than the state's recent messages.
        var knownMessage: ChatMessage?
        if action == .deleteMessage {
            guard let messageId = request.messageId, !messageId.isEmpty else { throw Self.missing("messageId", for: action) }
            knownMessage = try await ledger.store.message(roomId: caller.roomId, id: messageId)
        }
        let target = knownMessage
        // Accepting hands the newcomer's token to the claimed seat: its hash is read first.
        var claimSecret: ClaimSecret?
        if action == .acceptClaim || action == .refuseClaim {
            guard let claimId = request.claimId, !claimId.isEmpty else { throw Self.missing("claimId", for: action) }
            claimSecret = try await self.claimSecret(roomId: caller.roomId, claimId: claimId)
        }
        let secret = claimSecret
        let idempotency = try request.clientId.map { IdempotencyKey(participantId: caller.participantId, key: "moderation:\(action.rawValue):" + (try validClientId($0))) }
        let result = try await ledger.commit(roomId: caller.roomId, idempotency: idempotency, limit: expertLimit(caller, at: at)) { state in
            let me = try Self.presentMember(caller, in: state)
            guard me.role == .expert else { throw APIError.expertOnly }
            let kinds = try Self.moderationEvents(action, request, by: me, in: state, message: target, at: at)
            let events = kinds.enumerated().map { index, kind in
                RoomEvent(seq: state.seq + 1 + Int64(index), at: at, actor: me.id, kind: kind)
            }
            var decision = try Self.decision(events, after: state)
            if action == .remove, let id = request.participantId {
                decision.revokeParticipants = [id]
                decision.revocationReason = "removed"
            }
            if let secret, let event = events.first, case .seatGranted(_, let participantId) = event.kind {
                decision.grant = TokenGrant(tokenHash: secret.tokenHash, participantId: participantId)
            }
            return decision
        }
        return result.response
    }

    /// The events an action appends, or an empty list when the room is already as asked.
    static func moderationEvents(
        _ action: ModerationAction, _ request: ModerationRequest, by me: Participant, in state: RoomState, message: ChatMessage?,
        at: Date
    ) throws -> [RoomEvent.Kind] {
        switch action {
        case .lowerHand:
            let target = try presentTarget(request, for: action, in: state)
            return state.hands.contains(target.id) ? [.handLowered(participantId: target.id)] : []
        case .lowerAllHands:
            return state.hands.isEmpty ? [] : [.allHandsLowered]
        case .floor:
            guard let id = request.participantId else {
                return state.floor == nil ? [] : [.floor(participantId: nil)]
            }
            let target = try presentTarget(ModerationRequest(participantId: id), for: action, in: state)
            return state.floor == target.id ? [] : [.floor(participantId: target.id)]
        case .agenda:
            guard let itemId = request.itemId, !itemId.isEmpty else { throw missing("itemId", for: action) }
            guard state.agenda.contains(where: { $0.id == itemId }) else {
                throw APIError.notFound("The agenda of this workshop has no item \(TextSanitizer.displaySafe(itemId)).")
            }
            return state.currentItemId == itemId ? [] : [.agenda(itemId: itemId)]
        case .mute:
            guard let muted = request.muted else { throw missing("muted", for: action) }
            let target = try presentTarget(request, for: action, in: state)
            guard target.role == .learner else {
                throw APIError(status: 409, code: "not_a_learner", message: "Only learners can be muted.")
            }
            return target.muted == muted ? [] : [.muted(participantId: target.id, muted: muted)]
        case .remove:
            let target = try presentTarget(request, for: action, in: state)
            guard target.role == .learner else {
                throw APIError(status: 409, code: "not_a_learner", message: "Only learners can be removed from a room.")
            }
            return [.removed(participantId: target.id)]
        case .lock:
            guard let locked = request.locked else { throw missing("locked", for: action) }
            return state.locked == locked ? [] : [.locked(locked)]
        case .deleteMessage:
            guard let message else {
                throw APIError.notFound("No message \(TextSanitizer.displaySafe(request.messageId ?? "")) in this room.")
            }
            return message.deleted || state.messages.contains(where: { $0.id == message.id && $0.deleted })
                ? [] : [.messageDeleted(messageId: message.id)]
        case .acceptClaim, .refuseClaim:
            guard let claim = state.claims.first(where: { $0.id == request.claimId }) else { throw APIError.claimNotFound }
            // Once its time is up a claim is settled as expired, even before the sweep says so.
            guard claim.status == .pending, at < claim.expiresAt else { throw APIError.claimSettled }
            return action == .acceptClaim
                ? [.seatGranted(claimId: claim.id, participantId: claim.participantId)]
                : [.seatRefused(claimId: claim.id, expired: false)]
        case .clearSignals:
            guard let id = request.participantId else {
                return state.signals.isEmpty ? [] : [.signalsCleared(participantId: nil)]
            }
            guard state.participant(id) != nil else {
                throw APIError.notFound("Nobody with the id \(TextSanitizer.displaySafe(id)) is in this room.")
            }
            return state.signals[id] == nil ? [] : [.signalsCleared(participantId: id)]
        }
    }

    private static func presentTarget(_ request: ModerationRequest, for action: ModerationAction, in state: RoomState) throws -> Participant {
        guard let id = request.participantId, !id.isEmpty else { throw missing("participantId", for: action) }
        guard let target = state.participant(id), target.isPresent else {
            throw APIError.notFound("Nobody with the id \(TextSanitizer.displaySafe(id)) is in this room.")
        }
        return target
    }

    static func missing(_ field: String, for action: ModerationAction) -> APIError {
        APIError(status: 400, code: "invalid_\(field)", message: "The action \(action.rawValue) needs the field \(field).")
    }
}
