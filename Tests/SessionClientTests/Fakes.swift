import Foundation
import SessionClient
import SessionModel
import Synchronization

/// A transport that answers from a script, one entry per request, and records what was asked.
final class ScriptedTransport: HTTPTransport {
    enum Reply: Sendable {
        case json(Int, any Encodable & Sendable)
        case failure(TransportError)
        /// Blocks like a parked long-poll until the test ends it (cancellation).
        case hang
    }

    private let state = Mutex<(replies: [Reply], requests: [HTTPRequest])>(([], []))

    init(_ replies: [Reply]) {
        state.withLock { $0.replies = replies }
    }

    var requests: [HTTPRequest] { state.withLock { $0.requests } }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let reply = state.withLock { state -> Reply in
            state.requests.append(request)
            return state.replies.isEmpty ? .hang : state.replies.removeFirst()
        }
        switch reply {
        case .json(let status, let body):
            let data = (try? WireCoding.encoder().encode(body)) ?? Data()
            return HTTPResponse(status: status, headers: [:], body: data)
        case .failure(let error):
            throw error
        case .hang:
            while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(5)) }
            throw .cancelled
        }
    }
}

/// A transport that answers each request by what it asks, whatever the order of requests.
final class RoutedTransport: HTTPTransport {
    private let route: @Sendable (HTTPRequest) -> ScriptedTransport.Reply
    private let log = Mutex<[HTTPRequest]>([])

    init(_ route: @escaping @Sendable (HTTPRequest) -> ScriptedTransport.Reply) { self.route = route }

    var requests: [HTTPRequest] { log.withLock { $0 } }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        log.withLock { $0.append(request) }
        return try await ScriptedTransport([route(request)]).send(request)
    }
}

/// A clock that does not wait: it records each sleep and returns at once.
final class RecordingSleeper: Sleeper {
    private let slept = Mutex<[Double]>([])
    var sleeps: [Double] { slept.withLock { $0 } }

    func sleep(seconds: Double) async throws {
        slept.withLock { $0.append(seconds) }
        await Task.yield()
        try Task.checkCancellation()
    }
}

/// Collects what a driver delivers.
final class Deliveries<T: Sendable>: Sendable {
    private let items = Mutex<[T]>([])
    var all: [T] { items.withLock { $0 } }
    func append(_ item: T) { items.withLock { $0.append(item) } }
}
