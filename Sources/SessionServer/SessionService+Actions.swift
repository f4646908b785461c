import Foundation
import SessionModel

extension SessionService {
    /// Posts a chat message. A retry with the same `clientId` gets the first answer and posts nothing.
    func postMessage(_ request: PostMessageRequest, by caller: Credential) async throws -> Data {
        let clientId = try validClientId(request.clientId)
        let text: String
        switch TextSanitizer.normalizeMessage(request.text) {
        case .success(let normalized): text = normalized
        case .failure(let problem): throw APIError.invalidField("text", problem.description)
        }
        let at = time
        let messageId = Secrets.id(prefix: "m_")
        let burst = config.messageBurst, refill = config.messageRefillSeconds
        let quota = config.roomQuotaBytes
        let ledger = self.ledger, metrics = self.metrics
        let result = try await ledger.commit(
            roomId: caller.roomId, idempotency: IdempotencyKey(participantId: caller.participantId, key: "message:" + clientId)
        ) { state in
            let me = try Self.presentMember(caller, in: state)
            if me.muted { throw APIError.muted }
            if state.isOver && me.role == .learner { throw APIError.workshopOver }
            // After the idempotency check: a retry of a message kept before gets its answer.
            if quota > 0, let usage = ledger.usage(roomId: caller.roomId), usage.bytes >= quota {
                metrics.messagesOverQuota.increment()
                throw APIError.roomStorageFull
            }
            // Counted here, after the idempotency check: a retry gets its first answer, never a 429.
            let key = "message:" + me.id
            if let wait = ledger.backoff.penalty(key, now: at)
                ?? Self.messageWait(for: me.id, in: state, at: at, burst: burst, refillSeconds: refill).map({ ledger.backoff.refused(key, wait: $0, now: at) }) {
                throw APIError.rateLimited(retryAfter: wait)
            }
            let message = ChatMessage(id: messageId, seq: state.seq + 1, authorId: me.id, text: text, at: at, clientId: clientId)
            return Decision(
                events: [RoomEvent(seq: state.seq + 1, at: at, actor: me.id, kind: .message(message))],
                response: JSONWriter.postMessageResponse(message),
                recorded: JSONWriter.storedMessageAnswer(StoredMessageAnswer(messageSeq: message.seq)))
        }
        switch result {
        case .committed(_, let response):
            metrics.messages.increment()
            return response
        case .replayed(let stored):
            return try await replayedPost(stored, roomId: caller.roomId)
        }
    }

    /// The first answer to a post, for a retry: rebuilt from the event the request table
    /// points to (a message is stored once), or the whole answer an older server stored.
    private func replayedPost(_ stored: Data, roomId: String) async throws -> Data {
        guard let answer = try? WireCoding.decoder().decode(StoredMessageAnswer.self, from: stored) else { return stored }
        let events = try await ledger.store.events(roomId: roomId, after: answer.messageSeq - 1, limit: 1)
        guard let event = events.first, event.seq == answer.messageSeq, case .message(let message) = event.kind else {
            throw StoreError.corrupt("the message event \(answer.messageSeq) of room \(roomId) is missing")
        }
        return JSONWriter.postMessageResponse(message)
    }

    /// Raises or lowers the caller's own hand; raising a raised hand changes nothing.
    func setHand(_ request: HandRequest, by caller: Credential) async throws -> Data {
        let clientId = try validClientId(request.clientId)
        let at = time
        let muted = try await ledger.state(roomId: caller.roomId)?.participant(caller.participantId)?.muted ?? false
        let limit = muted
            ? CommitLimit(key: "hand-muted:" + caller.participantId, burst: 2, refillSeconds: 10, now: at)
            : CommitLimit(key: "hand:" + caller.participantId, burst: config.handBurst, refillSeconds: config.handRefillSeconds, now: at)
        let result = try await ledger.commit(
            roomId: caller.roomId, idempotency: IdempotencyKey(participantId: caller.participantId, key: "hand:" + clientId), limit: limit
        ) { state in
            let me = try Self.presentMember(caller, in: state)
            let isRaised = state.hands.contains(me.id)
            guard isRaised != request.raised else { return try Self.unchanged(state) }
            let kind: RoomEvent.Kind = request.raised ? .handRaised(participantId: me.id) : .handLowered(participantId: me.id)
            return try Self.decision([RoomEvent(seq: state.seq + 1, at: at, actor: me.id, kind: kind)], after: state)
        }
        return result.response
    }

    /// Leaves the room: the caller's token stops working.
    func leave(_ caller: Credential) async throws -> Data {
        let at = time
        let result = try await ledger.commit(roomId: caller.roomId, idempotency: nil) { state in
            let me = try Self.presentMember(caller, in: state)
            var decision = try Self.decision([RoomEvent(seq: state.seq + 1, at: at, actor: me.id, kind: .left(participantId: me.id))], after: state)
            decision.revokeParticipants = [me.id]
            return decision
        }
        return result.response
    }

    // MARK: Shared rules

    /// Seconds to wait before `participantId` may post again, or nil. At most `burst`
    /// messages in any `burst × refillSeconds` window, counted from the room's own events,
    /// so every server sharing the database counts the same messages.
    static func messageWait(for participantId: String, in state: RoomState, at: Date, burst: Int, refillSeconds: Double) -> Int? {
        let window = Double(burst) * refillSeconds
        let mine = state.messages.filter { $0.authorId == participantId && at.timeIntervalSince($0.at) < window }
        guard mine.count >= burst, let oldest = mine.first else { return nil }
        return max(1, Int((window - at.timeIntervalSince(oldest.at)).rounded(.up)))
    }

    func validClientId(_ raw: String) throws -> String {
        guard !raw.isEmpty, raw.utf8.count <= Limits.clientIdMaxLength,
              raw.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F })
        else {
            throw APIError.invalidField("clientId", "it must be 1 to \(Limits.clientIdMaxLength) printable ASCII characters, such as a UUID")
        }
        return raw
    }

    /// The caller, who must still be a member of the room.
    static func presentMember(_ caller: Credential, in state: RoomState) throws -> Participant {
        guard let me = state.participant(caller.participantId), me.isPresent else { throw APIError.unauthorized }
        return me
    }

    /// A decision whose answer is the room's last `seq` once `events` are appended.
    static func decision(_ events: [RoomEvent], after state: RoomState) throws -> Decision {
        Decision(events: events, response: try WireCoding.encoder().encode(ActionResponse(seq: events.last?.seq ?? state.seq)))
    }

    /// A request that is already satisfied: nothing is appended, and the answer is the same.
    static func unchanged(_ state: RoomState) throws -> Decision {
        try decision([], after: state)
    }
}
