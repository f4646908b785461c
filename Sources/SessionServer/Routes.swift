import Foundation
import Hummingbird
import SessionModel

/// The v1 HTTP API of DESIGN.md, over `SessionService`. docs/openapi.yaml is the contract.
struct Routes {
    let service: SessionService
    static let version = "0.1.0"

    func build() -> Router<ServerContext> {
        let router = Router(context: ServerContext.self)
        router.add(middleware: ErrorMiddleware(metrics: service.metrics))

        router.get("/healthz") { _, _ in
            // A server up but unable to write must leave a load balancer's rotation: 503.
            guard let problem = await service.ledger.store.writeProblem() else {
                return try json(HealthResponse(status: "ok", version: Routes.version))
            }
            var response = try json(HealthResponse(status: "unavailable", version: Routes.version, problem: problem), status: .serviceUnavailable)
            response.headers[.retryAfter] = "5"
            return response
        }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: service.metrics.text())))
        }
        router.post("/v1/join") { request, context in
            let body = try await decode(JoinRequest.self, from: request, context: context)
            let address = service.clientAddress.resolve(peer: context.clientAddress, headers: request.headers)
            switch try await service.join(body, address: address) {
            case .joined(let answer): return raw(answer)
            case .claimed(let ticket): return raw(ticket, status: .accepted)
            }
        }
        router.post("/v1/rooms") { request, context in
            try service.checkAdmin(bearer(request))
            let body = try await decode(CreateRoomRequest.self, from: request, context: context)
            return try json(try await service.createRoom(body), status: .created)
        }

        let room = router.group("/v1/rooms/:roomId")
        room.get("events") { request, context in
            let caller = try await authenticate(request, context)
            let query = request.uri.queryParameters
            guard let after = query["after"].map(String.init), !after.isEmpty else {
                throw APIError(status: 400, code: "invalid_cursor", message: "The query parameter after (the cursor) is missing.")
            }
            let timeout = try intParameter(query["timeout"].map(String.init), name: "timeout", default: service.config.pollTimeoutCap, range: 0...3600)
            return raw(try await service.poll(for: caller, cursor: after, timeout: timeout))
        }
        room.get("state") { request, context in
            try json(try await service.state(for: try await authenticate(request, context)))
        }
        room.get("messages") { request, context in
            let caller = try await authenticate(request, context)
            let query = request.uri.queryParameters
            let limit = try intParameter(query["limit"].map(String.init), name: "limit", default: 50, range: 1...Limits.historyPageMax)
            let before = try beforeParameter(query["before"].map(String.init))
            return try json(try await service.messages(for: caller, before: before, limit: limit))
        }
        room.get("participants") { request, context in
            let caller = try await authenticate(request, context)
            let query = request.uri.queryParameters
            let after = try intParameter(query["after"].map(String.init), name: "after", default: 0, range: 0...Int(Int32.max))
            let limit = try intParameter(query["limit"].map(String.init), name: "limit", default: 200, range: 1...Limits.participantsPageMax)
            return try json(try await service.participants(for: caller, after: after, limit: limit))
        }
        room.post("messages") { request, context in
            let caller = try await authenticate(request, context)
            let body = try await decode(PostMessageRequest.self, from: request, context: context)
            return raw(try await service.postMessage(body, by: caller), status: .created)
        }
        room.post("hand") { request, context in
            let caller = try await authenticate(request, context)
            let body = try await decode(HandRequest.self, from: request, context: context)
            return raw(try await service.setHand(body, by: caller))
        }
        room.post("leave") { request, context in
            raw(try await service.leave(try await authenticate(request, context)))
        }
        room.get("claims/:claimId") { request, context in
            // The newcomer is no member yet: the claim's own token, not a participant's, is checked.
            let roomId = context.parameters.get("roomId") ?? ""
            guard try await service.ledger.room(id: roomId) != nil else { throw Self.roomNotFound(roomId) }
            let timeout = try intParameter(
                request.uri.queryParameters["timeout"].map(String.init), name: "timeout", default: service.config.pollTimeoutCap, range: 0...3600)
            return raw(try await service.claimStatus(
                roomId: roomId, claimId: context.parameters.get("claimId") ?? "", token: bearer(request), timeout: timeout))
        }
        addEngagement(to: room)
        addWorkshopReports(to: room)
        addWorkshop(to: room)
        room.post("moderation/:action") { request, context in
            let caller = try await authenticate(request, context)
            let name = context.parameters.get("action") ?? ""
            guard let action = ModerationAction(rawValue: name) else {
                throw APIError.notFound(
                    "There is no moderation action \"\(TextSanitizer.displaySafe(name))\"; the actions are "
                        + (ModerationAction.allCases.map(\.rawValue) + ["timer", "close-day"]).joined(separator: ", ") + ".")
            }
            let body = try await decode(ModerationRequest.self, from: request, context: context, allowEmpty: true)
            return raw(try await service.moderate(action, body, by: caller))
        }
        return router
    }

    // MARK: Helpers

    func authenticate(_ request: Request, _ context: ServerContext) async throws -> Credential {
        let roomId = context.parameters.get("roomId") ?? ""
        guard try await service.ledger.room(id: roomId) != nil else { throw Self.roomNotFound(roomId) }
        return try await service.authenticate(token: bearer(request), roomId: roomId)
    }

    private static func roomNotFound(_ roomId: String) -> APIError {
        APIError.notFound("No workshop has the id \(TextSanitizer.displaySafe(String(roomId.prefix(40)))).")
    }
}

/// The token of an `Authorization: Bearer ...` header.
func bearer(_ request: Request) -> String? {
    request.headers[.authorization].flatMap(bearerToken)
}

/// Reads a JSON body of at most `Limits.requestBodyMax` bytes, with errors that say which field is wrong.
func decode<T: Decodable>(_ type: T.Type, from request: Request, context: ServerContext, allowEmpty: Bool = false) async throws -> T {
    let buffer: ByteBuffer
    do {
        buffer = try await request.body.collect(upTo: Limits.requestBodyMax)
    } catch let error as any HTTPResponseError {
        throw error
    } catch {
        // A body the HTTP parser could not read (a malformed chunk, a cut connection) is the
        // sender's fault, not the server's: 400 with the usual JSON, never a 500.
        throw APIError.badRequest("The request body could not be read: it is not well-formed HTTP.")
    }
    var data = Data(buffer.readableBytesView)
    if data.isEmpty {
        guard allowEmpty else { throw APIError.invalidJSON("The request has no body; this endpoint expects JSON.") }
        data = Data("{}".utf8)
    } else {
        // A web page can post a "simple" cross-origin request only as text/plain or a form:
        // asking for JSON's media type keeps every page of the web from posting here.
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/json") else {
            throw APIError(
                status: 415, code: "unsupported_media_type",
                message: "The request body must be sent with Content-Type: application/json.")
        }
    }
    if let flat = T.self as? any FlatDecodable.Type,
       let fast = data.withUnsafeBytes({ FlatJSON.strings($0) }).flatMap(flat.init(flat:)) as? T {
        return fast
    }
    let value: T
    do {
        value = try WireCoding.decoder().decode(T.self, from: data)
    } catch let error as DecodingError {
        throw APIError.invalidJSON(describe(error))
    }
    if let key = DuplicateKeys.first(in: data) {
        throw APIError.invalidJSON("The field \(TextSanitizer.displaySafe(String(key.prefix(40)))) appears twice in one object.")
    }
    return value
}

/// A DecodingError in plain words: which field, and what was wrong with it.
func describe(_ error: DecodingError) -> String {
    func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
    switch error {
    case .keyNotFound(let key, let context):
        let field = path(context.codingPath + [key])
        return "The field \(field) is missing."
    case .typeMismatch(_, let context) where context.codingPath.isEmpty:
        return "The request body should be a JSON object."
    case .typeMismatch(let type, let context):
        return "The field \(path(context.codingPath)) should be \(typeName(type))."
    case .valueNotFound(let type, let context):
        return "The field \(path(context.codingPath)) should be \(typeName(type)), not null."
    case .dataCorrupted(let context):
        if context.codingPath.isEmpty { return "The request body is not valid JSON." }
        return "The field \(path(context.codingPath)) has a value that is not allowed."
    @unknown default:
        return "The request body is not the JSON this endpoint expects."
    }
}

private func typeName(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is Bool.Type: "true or false"
    case is Int.Type, is Int64.Type: "a whole number"
    case is Double.Type: "a number"
    default: "an object or a list"
    }
}

func intParameter(_ text: String?, name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
    guard let text else { return value }
    guard let number = Int(text), range.contains(number) else {
        throw APIError(status: 400, code: "invalid_\(name)", message: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound).")
    }
    return number
}

func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
    raw(try WireCoding.encoder().encode(value), status: status)
}

func raw(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
    raw(ByteBuffer(bytes: data), status: status)
}

func raw(_ bytes: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
    Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: bytes))
}
