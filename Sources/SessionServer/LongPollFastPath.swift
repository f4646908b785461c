import Prometheus
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
    /// The route's latency histogram for answered polls, with the router's (holds included).
    let answered: DurationHistogram

    init(service: SessionService) {
        self.service = service
        answered = service.metrics.histogram(route: Self.route, status: 200)
    }

    /// The route's path, as the metrics name it.
    static let route = "/v1/rooms/{roomId}/events"

    struct Request {
        var roomId: String
        var token: String
        var after: Int64
        var hold: Duration
        /// When its head was read, for the latency histogram.
        var began = ContinuousClock.now
    }

    /// The poll `head` asks for, read from its bytes, when it has the plain form a client
    /// sends: `GET /v1/rooms/{id}/events?after=c{seq}[&timeout={s}]` with a bearer token.
    /// Nil for anything unusual (escapes, other parameters, a repeated one): the router's
    /// own parser decides what those mean.
    func request(_ head: RequestHead) -> Request? {
        guard let authorization = head.authorization, let token = bearerToken(head.string(authorization)) else { return nil }
        let parsed: (room: Range<Int>, after: Int64, timeout: Int?)? = head.bytes.withUnsafeReadableBytes { raw in
            var i = head.target.lowerBound
            let end = head.target.upperBound
            func take(_ text: StaticString) -> Bool {
                text.withUTF8Buffer { expected in
                    guard i + expected.count <= end else { return false }
                    for k in 0..<expected.count where raw[i + k] != expected[k] { return false }
                    i += expected.count
                    return true
                }
            }
            func number(max digits: Int) -> Int64? {
                let start = i
                var value: Int64 = 0
                while i < end, raw[i] >= UInt8(ascii: "0"), raw[i] <= UInt8(ascii: "9"), i - start < digits {
                    value = value * 10 + Int64(raw[i] - UInt8(ascii: "0"))
                    i += 1
                }
                return i > start ? value : nil
            }
            guard take("/v1/rooms/") else { return nil }
            let roomStart = i
            while i < end, raw[i] != UInt8(ascii: "/") {
                // An escape or anything but the id's own characters: the router decides.
                guard isIdentifier(raw[i]) else { return nil }
                i += 1
            }
            let room = roomStart..<i
            guard !room.isEmpty, take("/events?") else { return nil }
            var after: Int64?
            var timeout: Int?
            while true {
                if after == nil, take("after=c"), let seq = number(max: 18) {
                    after = seq
                } else if timeout == nil, take("timeout="), let seconds = number(max: 4), seconds <= 3600 {
                    timeout = Int(seconds)
                } else {
                    return nil
                }
                if i == end { break }
                guard take("&") else { return nil }
            }
            guard let after else { return nil }
            return (room, after, timeout)
        }
        guard let parsed else { return nil }
        let cap = service.config.pollTimeoutCap
        return Request(roomId: head.string(parsed.room), token: token, after: parsed.after, hold: .seconds(max(0, min(parsed.timeout ?? cap, cap))))
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
}

/// Letters, digits, `_` and `-`: what room ids are made of.
private func isIdentifier(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
         UInt8(ascii: "_"), UInt8(ascii: "-"): true
    default: false
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
