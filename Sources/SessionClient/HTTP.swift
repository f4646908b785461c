public import Foundation

/// One HTTP request as the client sends it.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    public var url: String
    public var headers: [String: String]
    public var body: Data?
    /// The whole exchange must finish within this many seconds.
    public var timeout: Double

    public init(method: String, url: String, headers: [String: String] = [:], body: Data? = nil, timeout: Double = 20) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// An HTTP answer; header names are lowercased.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Why a request got no HTTP answer at all.
public enum TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidURL(String)
    case cannotResolve(String)
    case cannotConnect(String)
    case timedOut
    case responseTooLarge
    case tls(String)
    /// The server's certificate is not trusted (self-signed, unknown authority, wrong name):
    /// trying again cannot help, unless the user gives the authority (`--ca-file`).
    case certificate(String)
    case cancelled
    case other(String)

    public var description: String {
        switch self {
        case .invalidURL(let url): "the address \(url) is not an http:// or https:// URL"
        case .cannotResolve(let detail): "the server's name could not be resolved (\(detail))"
        case .cannotConnect(let detail): "the server could not be reached (\(detail))"
        case .timedOut: "the server did not answer in time"
        case .responseTooLarge: "the server's answer was too large"
        case .tls(let detail): "the secure connection failed (\(detail))"
        case .certificate(let detail): "the server's certificate could not be verified (\(detail))"
        case .cancelled: "the request was cancelled"
        case .other(let detail): detail
        }
    }
}

/// Sends HTTP requests; libcurl in the product, a fake in tests.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse
}
