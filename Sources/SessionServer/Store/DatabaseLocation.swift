import Foundation

/// Where `--db` (or `MOMENTUM_DB_URL`) says the rooms live.
public enum DatabaseLocation: Sendable, Equatable {
    /// Nothing kept: for tests and trying things out.
    case memory
    /// One SQLite file, for one server.
    case sqlite(path: String)
    /// A PostgreSQL database, which several servers may share.
    case postgres(PostgresURL)

    /// Reads a path, `:memory:`, `sqlite:PATH` or a `postgres://` URL; any other
    /// `scheme://` is refused rather than taken for a file name.
    public init(_ text: String) throws(DatabaseLocationError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .empty }
        if trimmed == ":memory:" {
            self = .memory
            return
        }
        if trimmed.hasPrefix("sqlite:") {
            let path = String(trimmed.dropFirst("sqlite:".count)).replacingOccurrences(of: "//", with: "", options: .anchored)
            guard !path.isEmpty else { throw .empty }
            self = .sqlite(path: path)
            return
        }
        if let schemeEnd = trimmed.range(of: "://") {
            let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
            guard scheme == "postgres" || scheme == "postgresql" else { throw .unknownScheme(String(scheme)) }
            self = .postgres(try PostgresURL(trimmed))
            return
        }
        self = .sqlite(path: trimmed)
    }

    /// The location without a password, for logs and messages.
    public var redacted: String {
        switch self {
        case .memory: ":memory:"
        case .sqlite(let path): path
        case .postgres(let url): url.redacted
        }
    }
}

/// The parts of a `postgres://user:password@host:port/database?sslmode=...` URL.
public struct PostgresURL: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    /// `disable` (default), `prefer` or `require`.
    public var sslMode: String
    /// A Unix socket folder given as `?host=/var/run/postgresql`, used instead of TCP.
    public var socketFolder: String?

    init(_ text: String) throws(DatabaseLocationError) {
        guard let components = URLComponents(string: text) else { throw .badURL("it is not a URL") }
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw .badURL("the port \(port) is out of range") }
        user = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.isEmpty, !path.contains("/") else { throw .badURL("it names no database (postgres://user@host:5432/DATABASE)") }
        database = path.removingPercentEncoding ?? path
        sslMode = "disable"
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, ["disable", "prefer", "require"].contains(value) else {
                    throw .badURL("sslmode must be disable, prefer or require")
                }
                sslMode = value
            case "host":
                guard let value = item.value, value.hasPrefix("/") else { throw .badURL("host= must be a socket folder such as /var/run/postgresql") }
                socketFolder = value
            default:
                throw .badURL("the option \(item.name) is not supported (sslmode and host are)")
            }
        }
    }

    public var redacted: String {
        let credentials = password == nil ? user : user + ":***"
        return "postgres://\(credentials)@\(host):\(port)/\(database)"
    }
}

/// Why a `--db` value was refused, in words a person starting a server can act on.
public enum DatabaseLocationError: Error, Equatable, CustomStringConvertible {
    case empty
    case unknownScheme(String)
    case badURL(String)

    public var description: String {
        switch self {
        case .empty:
            "the database is empty: give a SQLite file path, :memory:, or a postgres:// URL"
        case .unknownScheme(let scheme):
            "the database URL scheme \"\(scheme)\" is not supported: give a SQLite file path, :memory:, or a postgres:// URL"
        case .badURL(let reason):
            "the PostgreSQL URL was refused: \(reason)"
        }
    }
}
