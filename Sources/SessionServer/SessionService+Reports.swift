import Foundation
import SessionModel

/// Reports over a room's whole history: the attendance register, chat search and the
/// transcript. All read; none appends anything. Computed on demand from the stored events
/// (a five-day room is some tens of thousands of events, read only when someone asks).
extension SessionService {
    /// Who reads a report: a member with their role, or, with an expert's view and no seat,
    /// the room's moderator key or the server's admin token.
    struct Reader {
        var roomId: String
        var viewer: Viewer
    }

    /// Messages scanned by one search request at most; past that the answer says where to go on.
    static let searchScanMax = 2_000
    /// Reports read much of the history: each reader (a participant, or a key) gets this many
    /// at once, and one more every `reportRefillSeconds`.
    static let reportBurst = 30
    static let reportRefillSeconds = 2.0

    /// The reader behind a bearer token, for the room named by `key`: its id, or (for the
    /// holders of its moderator key or the admin token only) its join code. A room found by
    /// its code answers a wrong token with the same 404 as an unknown room, so the endpoint
    /// tells nothing about which codes exist.
    func reader(token: String?, room key: String) async throws -> Reader {
        if let room = try await ledger.room(id: key) {
            if let token, isKeyholder(token, of: room) { return Reader(roomId: room.info.id, viewer: Self.keyholder) }
            let credential = try await authenticate(token: token, roomId: room.info.id)
            if ledger.store.isShared { try await ledger.refresh(roomId: room.info.id) }
            guard let viewer = try await ledger.state(roomId: room.info.id)?.viewer(credential.participantId) else { throw APIError.unauthorized }
            return Reader(roomId: room.info.id, viewer: viewer)
        }
        let code = Secrets.normalizeCode(key)
        if !code.isEmpty, let room = try await ledger.room(code: code), let token, isKeyholder(token, of: room) {
            return Reader(roomId: room.info.id, viewer: Self.keyholder)
        }
        throw APIError.notFound("No workshop has the id \(TextSanitizer.displaySafe(String(key.prefix(40)))).")
    }

    /// The attendance register; experts (and keyholders) only.
    func attendance(for reader: Reader, rules: AttendanceRules, timeZone: TimeZone) async throws -> AttendanceRegister {
        guard reader.viewer.isExpert else {
            throw APIError.forbidden("Only the workshop's expert can read the attendance register.")
        }
        try await takeReportToken(reader)
        let (state, events) = try await history(reader.roomId)
        return AttendanceRegister.compute(room: state.room, events: events, rules: rules, timeZone: timeZone, now: time)
    }

    /// Messages holding `query` (case, accents and width ignored), newest first, from
    /// before the event `before`; deleted messages are never found.
    func search(for reader: Reader, query: String, before: Int64?, limit: Int) async throws -> SearchResponse {
        let (messages, nextBefore) = try await matches(for: reader, query: query, before: before, limit: limit)
        // The authors come along, as with history pages: the reader's state may not name them.
        let ids = Set(messages.map(\.authorId))
        let authors = try await ledger.state(roomId: reader.roomId)?.participants.filter { ids.contains($0.id) } ?? []
        return SearchResponse(messages: messages, nextBefore: nextBefore, authors: authors)
    }

    /// The matching messages, newest first, and where the next page starts.
    private func matches(for reader: Reader, query: String, before: Int64?, limit: Int) async throws -> ([ChatMessage], Int64?) {
        try await takeReportToken(reader)
        let folded = SearchText.fold(query)
        var cursor = before ?? Int64.max
        var found: [ChatMessage] = []
        var scanned = 0
        while true {
            let page = try await ledger.store.messages(roomId: reader.roomId, before: cursor, limit: Limits.historyPageMax)
            let newestFirst = Array(page.messages.reversed())
            for (index, message) in newestFirst.enumerated() where !message.deleted && SearchText.matches(message.text, folded: folded) {
                found.append(message)
                if found.count == limit {
                    let more = index < newestFirst.count - 1 || page.hasMore
                    return (found, more ? message.seq : nil)
                }
            }
            scanned += page.messages.count
            guard page.hasMore, let oldest = page.messages.first?.seq else { return (found, nil) }
            cursor = oldest
            if scanned >= Self.searchScanMax { return (found, cursor) }
        }
    }

    /// The transcript as the reader may see it.
    func export(for reader: Reader, format: Transcript.Format, labels: TranscriptLabels, timeZone: TimeZone) async throws -> String {
        try await takeReportToken(reader)
        let (state, events) = try await history(reader.roomId)
        return Transcript(state: state, events: events, viewer: reader.viewer, labels: labels, timeZone: timeZone, exportedAt: time)
            .render(format)
    }

    // MARK: Helpers

    /// An expert's view that belongs to no participant: a keyholder's.
    private static let keyholder = Viewer(participantId: "", role: .expert)

    private func takeReportToken(_ reader: Reader) async throws {
        let key = "report:" + reader.roomId + ":" + reader.viewer.participantId
        if let wait = try await ledger.store.takeToken(key, burst: Self.reportBurst, refillSeconds: Self.reportRefillSeconds, now: time) {
            throw APIError.rateLimited(retryAfter: wait)
        }
    }

    private func isKeyholder(_ token: String, of room: StoredRoom) -> Bool {
        if let admin = config.adminToken, constantTimeEqual(token, admin) { return true }
        return constantTimeEqual(Secrets.hash(token), room.moderatorKeyHash)
    }

    private func history(_ roomId: String) async throws -> (RoomState, [RoomEvent]) {
        if ledger.store.isShared { try await ledger.refresh(roomId: roomId) }
        guard let state = try await ledger.state(roomId: roomId) else { throw APIError.notFound("No workshop has the id \(roomId).") }
        let events = try await ledger.store.allEvents(roomId: roomId, after: 0)
        return (state, events.filter { $0.seq <= state.seq })
    }
}
