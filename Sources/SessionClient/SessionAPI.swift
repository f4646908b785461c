public import Foundation
public import SessionModel

/// Who the client is in a room, once joined.
public struct RoomCredentials: Sendable, Equatable {
    public var roomId: String
    public var token: String

    public init(roomId: String, token: String) {
        self.roomId = roomId
        self.token = token
    }
}

extension JoinResponse {
    /// The credentials every later call of this membership uses.
    public var credentials: RoomCredentials { RoomCredentials(roomId: room.id, token: token) }
}

/// The v1 API of the session server, call by call, over any `HTTPTransport`.
public struct SessionAPI: Sendable {
    public let baseURL: String
    public let transport: any HTTPTransport
    /// Seconds for ordinary requests.
    public var requestTimeout: Double = 15
    /// Seconds the client waits beyond the server's hold before it gives a long-poll up: the
    /// heartbeat deadline. The server answers every poll by its hold (an empty batch at worst),
    /// so a poll unanswered past it means a server gone silent (blackholed), said as
    /// "reconnecting" then. 10 s left the header "online" 35 s after the server went away.
    public var pollMargin: Double = 5

    /// `baseURL` like "http://127.0.0.1:8080"; a trailing slash is ignored.
    public init(baseURL: String, transport: any HTTPTransport) {
        var url = baseURL
        while url.hasSuffix("/") { url.removeLast() }
        self.baseURL = url
        self.transport = transport
    }

    /// What a join answers: the seat, or a claim on an offline learner's seat that an
    /// expert must answer first (HTTP 202).
    public enum JoinAnswer: Sendable, Equatable {
        case joined(JoinResponse)
        case claimed(SeatClaimTicket)
    }

    /// Joins; a name that belongs to an offline learner may become a seat claim.
    public func enter(_ request: JoinRequest) async throws(ClientError) -> JoinAnswer {
        let body: Data
        do { body = try WireCoding.encoder().encode(request) } catch { throw .invalidResponse("could not encode the request: \(error)") }
        let response = try await send("POST", "/v1/join", token: nil, bodyData: body, timeout: nil)
        do {
            if response.status == 202 { return .claimed(try WireCoding.decoder().decode(SeatClaimTicket.self, from: response.body)) }
            return .joined(try WireCoding.decoder().decode(JoinResponse.self, from: response.body))
        } catch {
            throw .invalidResponse("POST /v1/join answered \(response.status) with a body that is not the expected JSON")
        }
    }

    /// Joins, for callers that never claim a seat (bots, tests): a claim is an error here.
    public func join(_ request: JoinRequest) async throws(ClientError) -> JoinResponse {
        switch try await enter(request) {
        case .joined(let response): return response
        case .claimed(let ticket):
            throw .server(status: 202, code: "seat_claimed", message: "The name \(ticket.name) is an offline participant's: the expert was asked.", retryAfter: nil)
        }
    }

    /// Where a seat claim stands; the server holds the answer up to `timeout` s while it is pending.
    public func claim(_ ticket: SeatClaimTicket, timeout: Int) async throws(ClientError) -> SeatClaimAnswer {
        try await call(
            "GET", "/v1/rooms/\(ticket.roomId)/claims/\(ticket.claimId)?timeout=\(timeout)", token: ticket.token,
            timeout: Double(timeout) + pollMargin)
    }

    public func events(_ room: RoomCredentials, after cursor: String, timeout: Int) async throws(ClientError) -> EventsResponse {
        let path = "/v1/rooms/\(room.roomId)/events?after=\(escape(cursor))&timeout=\(timeout)"
        let response = try await send("GET", path, token: room.token, bodyData: nil, timeout: Double(timeout) + pollMargin)
        // Every poll answer: a batch of messages is read without JSONDecoder (`EventsReader`).
        do {
            return try EventsReader.decode(response.body)
        } catch {
            throw .invalidResponse("GET \(path) answered \(response.status) with a body that is not the expected JSON")
        }
    }

    public func state(_ room: RoomCredentials) async throws(ClientError) -> StateResponse {
        try await call("GET", "/v1/rooms/\(room.roomId)/state", token: room.token)
    }

    public func messages(_ room: RoomCredentials, before seq: Int64?, limit: Int) async throws(ClientError) -> MessagesResponse {
        var path = "/v1/rooms/\(room.roomId)/messages?limit=\(limit)"
        if let seq { path += "&before=\(seq)" }
        return try await call("GET", path, token: room.token)
    }

    /// Everyone who ever joined, in join order, from the `after`th on (see `ParticipantsResponse`).
    public func participants(_ room: RoomCredentials, after: Int, limit: Int) async throws(ClientError) -> ParticipantsResponse {
        try await call("GET", "/v1/rooms/\(room.roomId)/participants?after=\(after)&limit=\(limit)", token: room.token)
    }

    public func postMessage(_ room: RoomCredentials, _ request: PostMessageRequest) async throws(ClientError) -> PostMessageResponse {
        try await call("POST", "/v1/rooms/\(room.roomId)/messages", token: room.token, body: request)
    }

    public func setHand(_ room: RoomCredentials, _ request: HandRequest) async throws(ClientError) -> ActionResponse {
        try await call("POST", "/v1/rooms/\(room.roomId)/hand", token: room.token, body: request)
    }

    public func leave(_ room: RoomCredentials) async throws(ClientError) -> ActionResponse {
        try await call("POST", "/v1/rooms/\(room.roomId)/leave", token: room.token, body: [String: String]())
    }

    /// An expert's action; `clientId`, when given, goes in the body as the idempotency key.
    public func moderate(
        _ room: RoomCredentials, _ action: ModerationAction, _ request: ModerationRequest, clientId: String? = nil
    ) async throws(ClientError) -> ActionResponse {
        try await call(
            "POST", "/v1/rooms/\(room.roomId)/moderation/\(action.rawValue)", token: room.token,
            body: IdempotentBody(request: request, clientId: clientId))
    }

    public func createRoom(adminToken: String, _ request: CreateRoomRequest) async throws(ClientError) -> CreateRoomResponse {
        try await call("POST", "/v1/rooms", token: adminToken, body: request)
    }

    public func health() async throws(ClientError) -> HealthResponse {
        try await call("GET", "/healthz")
    }

    // MARK: Plumbing

    /// A POST with the caller's token and a JSON body.
    func post<Body: Encodable, Answer: Decodable>(_ path: String, _ room: RoomCredentials, _ body: Body) async throws(ClientError) -> Answer {
        try await call("POST", path, token: room.token, body: body)
    }

    private func call<Answer: Decodable>(
        _ method: String, _ path: String, token: String? = nil, timeout: Double? = nil
    ) async throws(ClientError) -> Answer {
        try await call(method, path, token: token, bodyData: nil, timeout: timeout)
    }

    private func call<Body: Encodable, Answer: Decodable>(
        _ method: String, _ path: String, token: String? = nil, body: Body, timeout: Double? = nil
    ) async throws(ClientError) -> Answer {
        let data: Data
        do { data = try WireCoding.encoder().encode(body) } catch { throw .invalidResponse("could not encode the request: \(error)") }
        return try await call(method, path, token: token, bodyData: data, timeout: timeout)
    }

    private func call<Answer: Decodable>(
        _ method: String, _ path: String, token: String?, bodyData: Data?, timeout: Double?
    ) async throws(ClientError) -> Answer {
        let response = try await send(method, path, token: token, bodyData: bodyData, timeout: timeout)
        do {
            return try WireCoding.decoder().decode(Answer.self, from: response.body)
        } catch {
            throw .invalidResponse("\(method) \(path) answered \(response.status) with a body that is not the expected JSON")
        }
    }

    /// One request; any 2xx answer, or the server's refusal as a `ClientError`.
    func send(
        _ method: String, _ path: String, token: String?, bodyData: Data?, timeout: Double?
    ) async throws(ClientError) -> HTTPResponse {
        var headers: [String: String] = [:]
        if let token { headers["Authorization"] = "Bearer \(token)" }
        if bodyData != nil { headers["Content-Type"] = "application/json" }
        let request = HTTPRequest(method: method, url: baseURL + path, headers: headers, body: bodyData, timeout: timeout ?? requestTimeout)
        let response: HTTPResponse
        do { response = try await transport.send(request) } catch { throw .transport(error) }
        guard (200..<300).contains(response.status) else { throw Self.serverError(response) }
        return response
    }

    static func serverError(_ response: HTTPResponse) -> ClientError {
        let retryAfter = response.headers["retry-after"].flatMap { Int($0) }
        if let body = try? WireCoding.decoder().decode(APIErrorBody.self, from: response.body) {
            return .server(status: response.status, code: body.error, message: body.message, retryAfter: retryAfter)
        }
        return .server(status: response.status, code: "http_\(response.status)", message: "The server answered HTTP \(response.status).", retryAfter: retryAfter)
    }

    /// `text` percent-encoded for a query, all but letters and digits. A cursor ("c1234", in
    /// every poll's address) is ASCII letters and digits, left as it is without Foundation,
    /// whose encoding ran for every poll.
    func escape(_ text: String) -> String {
        if text.utf8.allSatisfy({ isASCIIAlphanumeric($0) }) { return text }
        return text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    private func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
