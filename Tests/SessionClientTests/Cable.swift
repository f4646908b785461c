import Foundation
import SessionClient
import Synchronization

/// A network cable between a client and a real server: it can be unplugged (no answer at
/// all, as when the server is down) and can lose the answer of a request the server did
/// apply (the worst case for retries).
final class Cable: HTTPTransport {
    static let clientURL = "http://momentum.test"

    private struct State {
        var plugged = true
        var answersToLose: [String] = []
        var unplugAfterLoss = false
        var requests: [HTTPRequest] = []
    }

    private let serverURL: String
    private let transport: any HTTPTransport
    private let state = Mutex(State())

    init(to serverURL: String, over transport: any HTTPTransport) {
        self.serverURL = serverURL
        self.transport = transport
    }

    func unplug() { state.withLock { $0.plugged = false } }

    /// Plugs the cable back; the answer to the next request whose URL contains `losing` is
    /// lost, and the cable is unplugged then when `thenUnplug` (the client dies with it).
    func plug(losingTheAnswerTo losing: String? = nil, thenUnplug: Bool = false) {
        state.withLock {
            $0.plugged = true
            if let losing { $0.answersToLose.append(losing) }
            $0.unplugAfterLoss = thenUnplug
        }
    }

    /// Requests that reached the server, in order.
    var requests: [HTTPRequest] { state.withLock { $0.requests } }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        guard state.withLock({ $0.plugged }) else { throw .cannotConnect("the cable is unplugged") }
        var forwarded = request
        forwarded.url = serverURL + request.url.dropFirst(Self.clientURL.count)
        state.withLock { $0.requests.append(forwarded) }
        let response = try await transport.send(forwarded)
        let lost = state.withLock { state -> Bool in
            guard let index = state.answersToLose.firstIndex(where: { request.url.contains($0) }) else { return false }
            state.answersToLose.remove(at: index)
            if state.unplugAfterLoss { state.plugged = false }
            return true
        }
        if lost { throw .cannotConnect("the answer was lost on the way back") }
        return response
    }
}
