import Foundation
import Logging
import NIOCore
import SessionModel

/// What the server does, independent of HTTP: rooms, joins, chat, hands, presence.
///
/// Every change goes through `RoomLedger.commit`, whose `decide` closure checks the
/// request against the room's current state; a refused request throws and appends nothing.
final class SessionService: Sendable {
    let ledger: RoomLedger
    let hub: RoomHub
    let config: ServerConfig
    let metrics: ServerMetrics
    let logger: Logger
    /// The client's address behind trusted proxies, for the per-address limits.
    let clientAddress: ClientAddress
    private let now: @Sendable () -> Date

    init(store: any RoomStore, config: ServerConfig, metrics: ServerMetrics, logger: Logger, now: @escaping @Sendable () -> Date = Date.init) {
        self.config = config
        self.metrics = metrics
        self.logger = logger
        clientAddress = ClientAddress(trustedProxies: config.trustedProxies)
        self.now = { WireCoding.wholeMilliseconds(now()) }
        let hub = RoomHub(store: store, now: now)
        self.hub = hub
        self.ledger = RoomLedger(store: store, snapshotEvery: config.snapshotEvery, listener: CommitListener { roomId, events, bodies in
            metrics.eventsAppended.increment(by: Int64(events.count))
            hub.publish(roomId: roomId, events: events, bodies: bodies)
        })
    }

    var time: Date { now() }

    // MARK: Rooms

    /// Creates a room from a workshop description; answers its id, join code and moderator key.
    /// `roomId` names the room when the caller has a stable name for it (a workshop file
    /// opened at every start); otherwise a new random id is drawn.
    func createRoom(_ request: CreateRoomRequest, roomId: String? = nil) async throws -> CreateRoomResponse {
        let title = try validTitle(request.title, field: "title")
        guard !request.agenda.isEmpty else { throw APIError.invalidField("agenda", "it has no item") }
        guard request.agenda.count <= Limits.agendaMaxItems else {
            throw APIError.invalidField("agenda", "it has more than \(Limits.agendaMaxItems) items")
        }
        var agenda: [AgendaItem] = []
        for (index, draft) in request.agenda.enumerated() {
            let place = "item \(index + 1)"
            let itemTitle = try validTitle(draft.title, field: "agenda")
            guard (1...Limits.maxDays).contains(draft.day) else {
                throw APIError.invalidField("agenda", "\(place) has day \(draft.day); days go from 1 to \(Limits.maxDays)")
            }
            guard AgendaItem.parseClock(draft.start) != nil else {
                throw APIError.invalidField("agenda", "\(place) starts at \"\(draft.start)\", which is not a time like 09:30")
            }
            guard (1...Limits.agendaItemMaxMinutes).contains(draft.minutes) else {
                throw APIError.invalidField("agenda", "\(place) lasts \(draft.minutes) minutes; it must be 1 to \(Limits.agendaItemMaxMinutes)")
            }
            agenda.append(AgendaItem(id: "a\(index + 1)", title: itemTitle, day: draft.day, start: draft.start, minutes: draft.minutes))
        }
        let moderatorKey = Secrets.moderatorKey()
        let info = RoomInfo(id: roomId ?? Secrets.id(prefix: "r_"), title: title, createdAt: now())
        // Longer codes once many rooms are open: each open room is one more code a guess can hit.
        let codeLength = ledger.roomIds().count >= config.longCodesFromRooms ? 8 : 6
        var code = Secrets.joinCode(length: codeLength)
        // A code already in use (here or on another server) is drawn again.
        while true {
            do {
                if try await ledger.room(code: code) == nil {
                    try await ledger.createRoom(StoredRoom(info: info, agenda: agenda, code: code, moderatorKeyHash: Secrets.hash(moderatorKey)))
                    break
                }
            } catch StoreError.duplicateRoom {}
            code = Secrets.joinCode(length: codeLength)
        }
        metrics.rooms.increment()
        logger.info("room created", metadata: ["room": "\(info.id)", "title": "\(title)"])
        return CreateRoomResponse(roomId: info.id, code: code, moderatorKey: moderatorKey)
    }

    private func validTitle(_ raw: String, field: String) throws -> String {
        switch TextSanitizer.validateTitle(raw) {
        case .success(let title): return title
        case .failure(let problem): throw APIError.invalidField(field, "\"\(TextSanitizer.displaySafe(raw))\": \(problem)")
        }
    }

    func checkAdmin(_ token: String?) throws {
        guard let expected = config.adminToken else {
            throw APIError.forbidden("Room creation over HTTP is off: start the server with --admin-token.")
        }
        guard let token, constantTimeEqual(token, expected) else {
            throw APIError(status: 401, code: "unauthorized", message: "Creating a room needs the server's admin token.")
        }
    }

    // MARK: Joining

    /// What a join answers: the seat (200), or a claim on an offline learner's seat that
    /// the experts must answer first (202, a `SeatClaimTicket`).
    enum JoinAnswer {
        case joined(Data)
        case claimed(Data)
    }

    /// Lets someone into a room by its join code; experts add the room's moderator key.
    func join(_ request: JoinRequest, address: String) async throws -> JoinAnswer {
        let joinKey = "join:" + address, asked = now()
        var wait = ledger.backoff.penalty(joinKey, now: asked)
        if wait == nil, let bucket = try await ledger.store.takeToken(joinKey, burst: config.joinBurst, refillSeconds: config.joinRefillSeconds, now: asked) {
            wait = ledger.backoff.refused(joinKey, wait: bucket, now: asked)
        }
        if let wait { throw APIError.rateLimited(retryAfter: wait) }
        let code = Secrets.normalizeCode(request.code)
        guard !code.isEmpty else { throw APIError.invalidField("code", "it is empty") }
        // The wrong-code budget of the whole server (shared through the store): while it is
        // spent, no code is looked up at all, or a guess from a fresh address would still be
        // told when it is right. Only a wrong code spends it.
        let failures = (key: "join-failures", burst: config.joinFailureBurst, refill: config.joinFailureRefillSeconds)
        if let wait = try await ledger.store.takeToken(failures.key, burst: failures.burst, refillSeconds: failures.refill, now: now(), cost: 0) {
            metrics.joinsHeldBack.increment()
            throw APIError.rateLimited(retryAfter: wait)
        }
        guard let room = try await ledger.room(code: code) else {
            _ = try await ledger.store.takeToken(failures.key, burst: failures.burst, refillSeconds: failures.refill, now: now(), cost: 1)
            throw APIError.wrongCode(TextSanitizer.displaySafe(code))
        }
        let name: String
        switch TextSanitizer.validateName(request.name) {
        case .success(let valid): name = valid
        case .failure(let problem): throw APIError.invalidField("name", problem.description)
        }
        var isExpert = false
        if let key = request.moderatorKey, !key.isEmpty {
            guard constantTimeEqual(Secrets.hash(key), room.moderatorKeyHash) else { throw APIError.wrongModeratorKey }
            isExpert = true
        }
        let role: Role = isExpert ? .expert : .learner
        // The name of an offline learner, from another machine: the experts are asked first.
        if role == .learner, let holder = try await ledger.state(roomId: room.info.id)?.presentParticipant(named: name),
           holder.role == .learner, holder.presence == .offline,
           let ticket = try await claimSeat(of: holder, roomId: room.info.id, address: address) {
            return .claimed(ticket)
        }
        let token = Secrets.token()
        let participantId = Secrets.id(prefix: "p_")
        let at = now()
        let pollTimeout = config.pollTimeoutCap
        let result = try await ledger.commit(roomId: room.info.id, idempotency: nil) { state in
            if role == .learner && state.locked { throw APIError.roomLocked }
            if state.present.count >= Limits.roomMaxParticipants { throw APIError.roomFull }
            if let holder = state.presentParticipant(named: name) {
                // The expert, on another machine after a crash, takes their seat back with the
                // moderator key: a new token for the same participant, who keeps the floor and
                // the history. A learner's seat is claimed (above); when no expert can be asked,
                // the newcomer gets a suffixed name below.
                let claimFailed = role == .learner && holder.role == .learner && holder.presence == .offline
                guard claimFailed || (role == .expert && holder.role == .expert && holder.presence == .offline) else {
                    throw APIError.nameTaken(name)
                }
                if !claimFailed {
                    let response = JoinResponse(
                    token: token, participant: holder, room: state.room, state: state.sent(to: Viewer(participantId: holder.id, role: holder.role)),
                        cursor: Cursor.make(state.seq), pollTimeout: pollTimeout)
                    return Decision(grant: TokenGrant(tokenHash: Secrets.hash(token), participantId: holder.id), response: try WireCoding.encoder().encode(response))
                }
            }
            // Coming back after leaving keeps one's name, and a mute: leaving does not lift it.
            let given = Self.unusedName(name, in: state)
            let previous = given == name ? Self.departed(named: name, in: state) : nil
            let participant = Participant(
                id: participantId, name: given, role: role, presence: .online,
                muted: role == .learner && previous?.muted == true, joinedAt: at)
            let event = RoomEvent(seq: state.seq + 1, at: at, actor: participantId, kind: .joined(participant))
            var after = state
            after.apply(event)
            let response = JoinResponse(
                token: token, participant: participant, room: state.room, state: after.sent(to: Viewer(participantId: participant.id, role: role)),
                cursor: Cursor.make(after.seq), pollTimeout: pollTimeout)
            return Decision(events: [event], grant: TokenGrant(tokenHash: Secrets.hash(token), participantId: participantId), response: try WireCoding.encoder().encode(response))
        }
        metrics.joins.increment()
        return .joined(result.response)
    }

    // MARK: Authentication

    /// The caller behind a bearer token, who must be a present member of `roomId`.
    func authenticate(token: String?, roomId: String) async throws -> Credential {
        guard let token, !token.isEmpty else { throw APIError.unauthorized }
        guard let credential = try await ledger.credential(token: token) else { throw APIError.unauthorized }
        switch credential.revoked {
        case "removed": throw APIError.removed
        case .some: throw APIError.unauthorized
        case nil: break
        }
        guard credential.roomId == roomId else {
            throw APIError.forbidden("This token belongs to another room.")
        }
        return credential
    }

    // MARK: Reading

    func state(for caller: Credential) async throws -> StateResponse {
        // A reload must see what the caller did through another server a moment ago.
        if ledger.store.isShared { try await ledger.refresh(roomId: caller.roomId) }
        guard let state = try await ledger.state(roomId: caller.roomId),
              let me = state.participant(caller.participantId)
        else { throw APIError.unauthorized }
        // Privacy: the caller's own view (`RoomState.seen(by:)`), never the room's whole state;
        // departed participants it does not refer to are paged (`participants(for:after:limit:)`).
        return StateResponse(state: state.sent(to: Viewer(participantId: me.id, role: me.role)), cursor: Cursor.make(state.seq), participant: me)
    }

    func messages(for caller: Credential, before: Int64?, limit: Int) async throws -> MessagesResponse {
        let page = try await ledger.store.messages(roomId: caller.roomId, before: before ?? Int64.max, limit: limit)
        // The authors come along: the caller's state may not name those who left long ago.
        let state = try await ledger.state(roomId: caller.roomId)
        let ids = Set(page.messages.map(\.authorId))
        let authors = state?.participants.filter { ids.contains($0.id) } ?? []
        return MessagesResponse(messages: page.messages, hasMore: page.hasMore, authors: authors)
    }

    /// Everyone who ever joined, in join order, from the `after`th on: the rest of the
    /// roster that states sent to clients leave out (`RoomState.withoutAbsentees`).
    func participants(for caller: Credential, after: Int, limit: Int) async throws -> ParticipantsResponse {
        guard let state = try await ledger.state(roomId: caller.roomId) else { throw APIError.unauthorized }
        let all = state.participants
        let start = min(after, all.count)
        let end = min(start + limit, all.count)
        return ParticipantsResponse(participants: Array(all[start..<end]), next: end < all.count ? end : nil)
    }

    /// The long-poll: events after `cursor`, at once or when the next one is committed.
    func poll(for caller: Credential, cursor: String, timeout: Int) async throws -> ByteBuffer {
        guard let after = Cursor.parse(cursor) else {
            throw APIError(status: 400, code: "invalid_cursor", message: "The cursor \"\(TextSanitizer.displaySafe(String(cursor.prefix(40))))\" was not given by this server.")
        }
        guard var view = try await ledger.pollView(roomId: caller.roomId, participantId: caller.participantId) else { throw APIError.unauthorized }
        if after > view.seq, ledger.store.isShared {
            // A cursor from another server that is ahead of this one: catch up before judging it.
            try await ledger.refresh(roomId: caller.roomId)
            view = try await ledger.pollView(roomId: caller.roomId, participantId: caller.participantId) ?? view
        }
        // Privacy: the answer is shaped for the caller's role. Someone who joined through another
        // server a moment ago may not be folded in here yet: a learner's view, the least one.
        let viewer = view.viewer ?? Viewer(participantId: caller.participantId, role: .learner)
        if let presence = view.presence, presence != .online {
            try await setPresence(roomId: caller.roomId, participantId: caller.participantId, to: .online)
        }
        let hold = Duration.seconds(max(0, min(timeout, config.pollTimeoutCap)))
        metrics.openPolls.increment()
        defer { metrics.openPolls.decrement() }
        do {
            return try await hub.poll(roomId: caller.roomId, participantId: viewer.participantId, role: viewer.role, after: after, head: view.seq, timeout: hold)
        } catch RoomHub.PollError.cursorAhead {
            throw APIError.cursorExpired
        }
    }

    // MARK: Presence

    /// Commits a presence change, unless it is already so or the participant has gone.
    func setPresence(roomId: String, participantId: String, to presence: Presence) async throws {
        let at = now()
        _ = try await ledger.commit(roomId: roomId, idempotency: nil) { state in
            guard let me = state.participant(participantId), me.isPresent, me.presence != presence else {
                return Decision(response: Data())
            }
            return Decision(
                events: [RoomEvent(seq: state.seq + 1, at: at, actor: nil, kind: .presence(participantId: participantId, presence: presence))],
                response: Data())
        }
    }

    /// Recomputes everyone's presence from long-poll activity: online while polling,
    /// away after `awayAfter` without a poll, offline after `offlineAfter`.
    func sweepPresence() async {
        let at = now()
        do {
            // What this server saw (an open poll counts as seen now), merged with the other servers'.
            var local: [String: [String: Date]] = [:]
            for roomId in ledger.roomIds() {
                for (participantId, seen) in hub.activity(roomId: roomId) {
                    local[roomId, default: [:]][participantId] = seen.openPolls > 0 ? at : seen.lastSeen
                }
            }
            let shared = try await ledger.store.shareActivity(local)
            for roomId in ledger.roomIds() {
                guard let state = try await ledger.state(roomId: roomId) else { continue }
                let activity = shared[roomId] ?? [:]
                for participant in state.present {
                    let idle = at.timeIntervalSince(activity[participant.id] ?? participant.joinedAt)
                    let wanted: Presence = idle >= config.offlineAfter ? .offline : idle >= config.awayAfter ? .away : .online
                    if wanted != participant.presence {
                        try await setPresence(roomId: roomId, participantId: participant.id, to: wanted)
                    }
                }
            }
        } catch {
            logger.error("presence sweep failed: \(error)")
        }
    }

    // MARK: Helpers

    func encode<T: Encodable>(_ value: T) throws -> Data { try WireCoding.encoder().encode(value) }
}

/// Compares secrets without leaking where they differ through timing.
func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var diff: UInt8 = 0
    for i in 0..<x.count { diff |= x[i] ^ y[i] }
    return diff == 0
}
