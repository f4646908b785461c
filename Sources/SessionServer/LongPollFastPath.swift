import NIOCore
import SessionModel

/// The long-poll as a synchronous decision, for `LongPollHandler` on the event loop.
///
/// Most polls are the same request again: a known token, a cursor at the room's head, an
/// online caller. Those are answered or parked here, under two locks, with no task and no
/// thread hand-off. Anything else (a token this server has not checked yet, a presence to
/// commit, a cursor to judge, events older than the window, a malformed query) is
/// `declined`, and the general path in `Routes` handles it with the same rules.
struct LongPollFastPath: Sendable {
    let service: SessionService

    /// The route's path, as the metrics name it.
    static let route = "/v1/rooms/:roomId/events"

    struct Request {
        var roomId: String
        var token: String
        var after: Int64
        var hold: Duration
    }

    /// The poll, when `target` (path and query) and `authorization` ask for one in the plain
    /// form a client sends; nil for anything unusual, left to the general path.
    func request(target: String, authorization: String?) -> Request? {
        guard let authorization, let token = bearerToken(authorization) else { return nil }
        let (path, query) = splitTarget(target)
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        // "", "v1", "rooms", id, "events"
        guard parts.count == 5, parts[0].isEmpty, parts[1] == "v1", parts[2] == "rooms", parts[4] == "events", !parts[3].isEmpty else { return nil }
        var after: Int64?
        var timeout: Int?
        for pair in query.split(separator: "&") {
            guard let equals = pair.firstIndex(of: "=") else { return nil }
            let key = pair[..<equals], value = pair[pair.index(after: equals)...]
            switch key {
            case "after":
                guard after == nil, let seq = Cursor.parse(String(value)) else { return nil }
                after = seq
            case "timeout":
                guard timeout == nil, value.utf8.count <= 4, let seconds = Int(value), (0...3600).contains(seconds) else { return nil }
                timeout = seconds
            default:
                // Escapes and other parameters: the router's own parser decides what they mean.
                return nil
            }
        }
        guard let after else { return nil }
        let cap = service.config.pollTimeoutCap
        return Request(roomId: String(parts[3]), token: token, after: after, hold: .seconds(max(0, min(timeout ?? cap, cap))))
    }

    enum Outcome {
        case answered(ByteBuffer)
        case parked(waiterId: UInt64, viewer: Viewer)
        case declined
    }

    /// Answers from memory or parks `delivery`; `declined` leaves the request to the general path.
    func poll(_ request: Request, delivery: RoomHub.Delivery) -> Outcome {
        guard let known = service.ledger.knownPoller(token: request.token),
              known.credential.roomId == request.roomId,
              known.presence == .online,
              request.after <= known.seq
        else { return .declined }
        let participantId = known.credential.participantId
        let viewer = Viewer(participantId: participantId, role: known.role)
        switch service.hub.park(roomId: request.roomId, viewer: viewer, after: request.after, timeout: request.hold, delivery: delivery) {
        case .answered(let bytes): return .answered(bytes)
        case .parked(let id):
            service.metrics.openPolls.increment()
            return .parked(waiterId: id, viewer: viewer)
        case .declined: return .declined
        }
    }

    /// A parked poll was answered or its connection closed.
    func ended(roomId: String, participantId: String) {
        service.metrics.openPolls.decrement()
        service.hub.markActivity(roomId: roomId, participantId: participantId, opening: false)
    }

    /// The events after `after` from the store, for a waiter the window no longer covers.
    func storeAnswer(roomId: String, after: Int64, for viewer: Viewer) async throws -> ByteBuffer {
        try await service.hub.storeAnswer(roomId: roomId, after: after, for: viewer)
    }

    private func splitTarget(_ target: String) -> (Substring, Substring) {
        guard let mark = target.firstIndex(of: "?") else { return (target[...], "") }
        return (target[..<mark], target[target.index(after: mark)...])
    }
}

/// The token of an `Authorization: Bearer ...` value, without Foundation (it ran per request).
func bearerToken(_ header: String) -> String? {
    let value = header.utf8
    guard value.count > 7 else { return nil }
    let scheme = value.prefix(6)
    guard String(decoding: scheme, as: UTF8.self).lowercased() == "bearer", value[value.index(value.startIndex, offsetBy: 6)] == UInt8(ascii: " ") else { return nil }
    let token = header.utf8.dropFirst(7).drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    var end = token.endIndex
    while end > token.startIndex, let last = Optional(token[token.index(before: end)]), last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
        end = token.index(before: end)
    }
    let trimmed = token[token.startIndex..<end]
    return trimmed.isEmpty ? nil : String(decoding: trimmed, as: UTF8.self)
}
