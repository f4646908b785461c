import Foundation
import SessionModel

/// Seat claims: someone on another machine joins with the name of an offline learner. The
/// experts are asked (a `seat_claimed` event); one accepts (the newcomer's claim token
/// becomes a token of that very participant) or refuses; with no answer by `expiresAt` the
/// claim expires. Refused or expired, the newcomer gets a seat of their own with a suffixed
/// name. The newcomer learns the outcome by polling the claim with its token.
extension SessionService {
    /// What the server keeps of a claim besides its event: the hash of the newcomer's token.
    /// It lives in the request table (shared by every server, never sent to members).
    struct ClaimSecret: Codable {
        var tokenHash: String
    }

    /// A claim cannot be made now (no expert to ask, too many waiting): a suffixed name instead.
    private struct ClaimNotPossible: Error {}

    private struct OwnSeat: Codable {
        var participantId: String
    }

    static func claimKey(_ claimId: String) -> IdempotencyKey { IdempotencyKey(participantId: claimId, key: "seat-claim") }

    /// An expert who would see the question: present and following the room (online or away).
    static func expertReachable(in state: RoomState) -> Bool {
        state.present.contains { $0.role == .expert && $0.presence != .offline }
    }

    /// Asks the experts for `holder`'s seat; the encoded `SeatClaimTicket`, or nil when no
    /// claim can be made (the caller then gives a suffixed name). A second claim on a seat
    /// already claimed is refused (409), so the real person can try again in a minute.
    func claimSeat(of holder: Participant, roomId: String, address: String) async throws -> Data? {
        guard let state = try await ledger.state(roomId: roomId) else { return nil }
        if state.pendingClaims.contains(where: { $0.participantId == holder.id }) { throw APIError.seatClaimPending(holder.name) }
        guard Self.expertReachable(in: state), state.pendingClaims.count < Limits.pendingClaimsMax else { return nil }
        // A stranger with the code must not keep the experts answering: few claims per address.
        if try await ledger.store.takeToken("claim:" + address, burst: config.claimBurst, refillSeconds: config.claimRefillSeconds, now: time) != nil {
            return nil
        }
        let claimId = Secrets.id(prefix: "c_")
        let token = Secrets.token()
        let at = time
        let expiresAt = WireCoding.wholeMilliseconds(at.addingTimeInterval(config.seatClaimTimeout))
        do {
            _ = try await ledger.commit(roomId: roomId, idempotency: Self.claimKey(claimId)) { state in
                guard let seat = state.participant(holder.id), seat.isPresent, seat.role == .learner else { throw ClaimNotPossible() }
                guard seat.presence == .offline else { throw APIError.nameTaken(seat.name) }
                if state.pendingClaims.contains(where: { $0.participantId == seat.id }) { throw APIError.seatClaimPending(seat.name) }
                guard Self.expertReachable(in: state), state.pendingClaims.count < Limits.pendingClaimsMax else { throw ClaimNotPossible() }
                let claim = SeatClaim(id: claimId, participantId: seat.id, at: at, expiresAt: expiresAt)
                return Decision(
                    events: [RoomEvent(seq: state.seq + 1, at: at, actor: nil, kind: .seatClaimed(claim))],
                    response: try WireCoding.encoder().encode(ClaimSecret(tokenHash: Secrets.hash(token))))
            }
        } catch is ClaimNotPossible {
            return nil
        }
        metrics.seatClaims.increment()
        return try encode(SeatClaimTicket(
            claimId: claimId, token: token, roomId: roomId, name: holder.name, expiresAt: expiresAt, pollTimeout: config.pollTimeoutCap))
    }

    /// The claim's secret hash, or 404 when the room has no such claim.
    func claimSecret(roomId: String, claimId: String) async throws -> ClaimSecret {
        guard !claimId.isEmpty, let record = try await ledger.store.response(roomId: roomId, key: Self.claimKey(claimId)),
              let secret = try? WireCoding.decoder().decode(ClaimSecret.self, from: record)
        else { throw APIError.claimNotFound }
        return secret
    }

    /// The newcomer's poll: pending (held up to `timeout` s, never past the claim's expiry),
    /// or settled with the seat the newcomer now has and everything a join answers.
    func claimStatus(roomId: String, claimId: String, token: String?, timeout: Int) async throws -> Data {
        guard let token, !token.isEmpty else { throw APIError.unauthorized }
        let secret = try await claimSecret(roomId: roomId, claimId: claimId)
        guard constantTimeEqual(Secrets.hash(token), secret.tokenHash) else { throw APIError.unauthorized }
        let hold = ContinuousClock.now + .seconds(max(0, min(timeout, config.pollTimeoutCap)))
        while true {
            if ledger.store.isShared { try await ledger.refresh(roomId: roomId) }
            guard let state = try await ledger.state(roomId: roomId), let claim = state.claims.first(where: { $0.id == claimId }) else {
                throw APIError.claimNotFound
            }
            switch claim.status {
            case .pending:
                let left = claim.expiresAt.timeIntervalSince(time)
                if left <= 0 {
                    try await expireClaim(claimId, roomId: roomId)
                    continue
                }
                let holdLeft = hold - ContinuousClock.now
                guard holdLeft > .zero else { return try encode(SeatClaimAnswer(status: .pending, expiresAt: claim.expiresAt)) }
                // Any event of the room wakes this wait; the claim is read again then.
                _ = try? await hub.poll(roomId: roomId, participantId: nil, after: state.seq, head: state.seq, timeout: min(holdLeft, .milliseconds(Int64(left * 1000) + 1)))
            case .granted:
                return try await settled(claim, seatId: claim.participantId, token: token, roomId: roomId)
            case .refused, .expired:
                let seatId = try await ownSeat(for: claim, tokenHash: secret.tokenHash, roomId: roomId)
                return try await settled(claim, seatId: seatId, token: token, roomId: roomId)
            }
        }
    }

    /// The join answer for a settled claim: the newcomer's token is now that seat's.
    private func settled(_ claim: SeatClaim, seatId: String, token: String, roomId: String) async throws -> Data {
        guard let state = try await ledger.state(roomId: roomId), let seat = state.participant(seatId) else { throw APIError.claimNotFound }
        let join = JoinResponse(
            token: token, participant: seat, room: state.room, state: state.sent(to: Viewer(participantId: seat.id, role: seat.role)), cursor: Cursor.make(state.seq), pollTimeout: config.pollTimeoutCap)
        return try encode(SeatClaimAnswer(status: claim.status, expiresAt: claim.expiresAt, join: join))
    }

    /// A refused or expired claim's newcomer gets a seat of their own, with a suffixed name,
    /// once: a second poll (a lost answer) replays the first seat.
    private func ownSeat(for claim: SeatClaim, tokenHash: String, roomId: String) async throws -> String {
        let participantId = Secrets.id(prefix: "p_")
        let at = time
        let result = try await ledger.commit(roomId: roomId, idempotency: IdempotencyKey(participantId: claim.id, key: "own-seat")) { state in
            guard let claimed = state.participant(claim.participantId) else { throw APIError.claimNotFound }
            if state.locked { throw APIError.roomLocked }
            if state.present.count >= Limits.roomMaxParticipants { throw APIError.roomFull }
            let participant = Participant(
                id: participantId, name: Self.unusedName(claimed.name, in: state), role: .learner, presence: .online, joinedAt: at)
            return Decision(
                events: [RoomEvent(seq: state.seq + 1, at: at, actor: participantId, kind: .joined(participant))],
                grant: TokenGrant(tokenHash: tokenHash, participantId: participantId),
                response: try WireCoding.encoder().encode(OwnSeat(participantId: participantId)))
        }
        return try WireCoding.decoder().decode(OwnSeat.self, from: result.response).participantId
    }

    /// Settles a claim nobody answered, once its time is up.
    func expireClaim(_ claimId: String, roomId: String) async throws {
        let at = time
        _ = try await ledger.commit(roomId: roomId, idempotency: nil) { state in
            guard let claim = state.claims.first(where: { $0.id == claimId }), claim.status == .pending, at >= claim.expiresAt else {
                return Decision(response: Data())
            }
            return Decision(
                events: [RoomEvent(seq: state.seq + 1, at: at, actor: nil, kind: .seatRefused(claimId: claimId, expired: true))],
                response: Data())
        }
    }

    /// Expires every claim whose time is up, so the experts' question goes away even when
    /// its newcomer stopped asking.
    func sweepClaims() async {
        let at = time
        do {
            for roomId in ledger.roomIds() {
                guard let state = try await ledger.state(roomId: roomId) else { continue }
                for claim in state.pendingClaims where at >= claim.expiresAt {
                    try await expireClaim(claim.id, roomId: roomId)
                }
            }
        } catch {
            logger.error("seat claim sweep failed: \(error)")
        }
    }
}
