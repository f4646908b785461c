/// Why a call to the session server failed, in terms a person can act on.
public enum ClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No HTTP answer: the network or the server is down. Worth retrying.
    case transport(TransportError)
    /// The server refused, with its stable code (`wrong_code`, `name_taken`, ...) and sentence.
    case server(status: Int, code: String, message: String, retryAfter: Int?)
    /// The server answered something this client cannot read.
    case invalidResponse(String)

    public var description: String {
        switch self {
        case .transport(let error): error.description
        case .server(_, _, let message, _): message
        case .invalidResponse(let detail): "the server's answer could not be read (\(detail))"
        }
    }

    /// The server's error code, for errors the server sent.
    public var code: String? {
        if case .server(_, let code, _, _) = self { return code }
        return nil
    }

    /// Whether trying the same request again later may succeed: no answer (but a bad address
    /// or an untrusted certificate), 5xx, 408, 429.
    public var isTransient: Bool {
        switch self {
        case .transport(let error): !isFinal(error)
        // 507: the room's storage quota is spent; trying again keeps nothing more.
        case .server(let status, _, _, _): (status >= 500 && status != 507) || status == 408 || status == 429
        case .invalidResponse: true
        }
    }

    /// A bad address or an untrusted certificate stays so however often it is tried.
    private func isFinal(_ error: TransportError) -> Bool {
        switch error {
        case .invalidURL, .certificate: true
        case .cannotResolve, .cannotConnect, .timedOut, .responseTooLarge, .tls, .cancelled, .other: false
        }
    }
}
