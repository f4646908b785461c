import Foundation
import Hummingbird
import Logging
import SessionModel

/// Turns every failure into `{error, message}` JSON with the right status, and times requests.
///
/// Route handlers throw `APIError`; Hummingbird throws its own errors for unknown paths and
/// oversized bodies; anything else is a bug, logged here and answered with a plain 500.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = Self.response(for: error)
        } catch let error as any HTTPResponseError {
            response = Self.response(for: Self.translate(error.status, request: request))
        } catch let error as StoreError {
            response = Self.response(for: Self.translate(error, context: context))
        } catch is DecodingError {
            response = Self.response(for: .invalidJSON("The request body is not the JSON this endpoint expects."))
        } catch {
            context.logger.error("unexpected error on \(request.method) \(request.uri.path): \(error)")
            response = Self.response(for: .internalError)
        }
        metrics.recordLatency(route: context.endpointPath ?? "unmatched", status: Int(response.status.code), duration: ContinuousClock.now - start)
        return response
    }

    /// The store's failures, as a client should see them: the database down is 503 with a
    /// retry, a room that vanished is 404, anything else is a bug (500, logged).
    static func translate(_ error: StoreError, context: ServerContext) -> APIError {
        switch error {
        case .unavailable(let reason):
            context.logger.warning("store unavailable: \(reason)")
            return APIError(status: 503, code: "unavailable", message: "The server cannot use its database (unreachable, full or read-only); try again in a moment.", retryAfter: 2)
        case .unknownRoom(let id):
            return .notFound("No workshop has the id \(TextSanitizer.displaySafe(String(id.prefix(40)))).")
        case .conflict, .duplicateRequest, .duplicateRoom, .outOfOrder, .corrupt:
            context.logger.error("store error: \(error)")
            return .internalError
        }
    }

    static func translate(_ status: HTTPResponse.Status, request: Request) -> APIError {
        switch status.code {
        case 404: APIError(status: 404, code: "not_found", message: "No such endpoint: \(request.method) \(TextSanitizer.displaySafe(request.uri.path)).")
        case 405: APIError(status: 405, code: "method_not_allowed", message: "\(request.uri.path) does not answer \(request.method).")
        case 413: .tooLarge
        default: APIError(status: Int(status.code), code: "bad_request", message: "The request was refused (\(status.code) \(status.reasonPhrase)).")
        }
    }

    /// The 503 body, for answers written below the router.
    static let unavailableBody = ByteBuffer(bytes: (try? WireCoding.encoder().encode(
        APIErrorBody(error: "unavailable", message: "The server cannot reach its database; try again in a moment."))) ?? Data())

    static func response(for error: APIError) -> Response {
        let body = (try? WireCoding.encoder().encode(error.body)) ?? Data("{\"error\":\"internal\",\"message\":\"\"}".utf8)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retryAfter = error.retryAfter { headers[.retryAfter] = String(retryAfter) }
        if error.status == 401 { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: .init(code: error.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
