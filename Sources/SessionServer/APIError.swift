import SessionModel

/// An answer the server gives instead of a result: an HTTP status, a stable code, a sentence.
///
/// Every refusal is one of these; the error middleware turns anything else into a 500
/// with a generic sentence, so internals never leak to clients.
struct APIError: Error, Equatable, Sendable {
    var status: Int
    var code: String
    var message: String
    /// Seconds, for 429 answers.
    var retryAfter: Int? = nil

    var body: APIErrorBody { APIErrorBody(error: code, message: message) }

    static func badRequest(_ message: String) -> APIError { APIError(status: 400, code: "bad_request", message: message) }
    static func invalidJSON(_ message: String) -> APIError { APIError(status: 400, code: "invalid_json", message: message) }
    static func invalidField(_ field: String, _ problem: String) -> APIError {
        APIError(status: 400, code: "invalid_\(field)", message: "The \(field) was refused: \(problem).")
    }
    static let unauthorized = APIError(
        status: 401, code: "unauthorized",
        message: "This request needs a valid token: join the room again.")
    static let removed = APIError(
        status: 401, code: "removed", message: "The expert removed you from this room.")
    static func forbidden(_ message: String) -> APIError { APIError(status: 403, code: "forbidden", message: message) }
    static func notFound(_ message: String) -> APIError { APIError(status: 404, code: "not_found", message: message) }
    static func wrongCode(_ code: String) -> APIError {
        APIError(status: 404, code: "wrong_code", message: "The join code \(code) matches no workshop.")
    }
    static let wrongModeratorKey = APIError(
        status: 403, code: "wrong_moderator_key", message: "This moderator key does not open this workshop.")
    static let roomLocked = APIError(
        status: 403, code: "room_locked", message: "The expert has locked this room: nobody new can join for now.")
    static let roomFull = APIError(
        status: 403, code: "room_full", message: "This room is full (\(Limits.roomMaxParticipants) participants).")
    static let muted = APIError(status: 403, code: "muted", message: "The expert has muted you: you cannot write in the chat for now.")
    static let expertOnly = APIError(status: 403, code: "forbidden", message: "Only the workshop's expert can do this.")
    static func nameTaken(_ name: String) -> APIError {
        APIError(status: 409, code: "name_taken", message: "Someone in this room is already called \(name): choose another name.")
    }
    static func seatClaimPending(_ name: String) -> APIError {
        APIError(
            status: 409, code: "seat_claim_pending",
            message: "Someone is already asking the expert for the seat of \(name): try again in a minute.")
    }
    static let claimNotFound = APIError(status: 404, code: "claim_not_found", message: "This room has no such seat claim.")
    static let claimSettled = APIError(
        status: 409, code: "claim_settled", message: "This seat claim has already been answered, or it ran out of time.")
    static let cursorExpired = APIError(
        status: 410, code: "cursor_expired", message: "This cursor can no longer be served: reload the room state.")
    static let tooLarge = APIError(
        status: 413, code: "payload_too_large", message: "The request body is larger than \(Limits.requestBodyMax) bytes.")
    static func rateLimited(retryAfter: Int) -> APIError {
        APIError(status: 429, code: "rate_limited", message: "Too many requests: wait \(retryAfter) s and try again.", retryAfter: retryAfter)
    }
    static let roomStorageFull = APIError(
        status: 507, code: "room_storage_full",
        message: "This room has used all the storage it is given: no new message can be kept. The organiser can raise --room-quota-mb.")
    static let internalError = APIError(
        status: 500, code: "internal", message: "The server failed to answer this request; it has been logged.")
    static let unavailable = APIError(
        status: 503, code: "unavailable", message: "The server is shutting down; try again in a moment.")
}
