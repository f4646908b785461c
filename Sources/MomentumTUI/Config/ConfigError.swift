/// Why the config file could not be used, naming the file (and the line, when one is to
/// blame) so that the person can open it and fix it.
enum ConfigError: Error, Equatable, CustomStringConvertible {
    /// The file exists but cannot be read as text.
    case unreadable(path: String, reason: String)
    /// The file is read but something in it is wrong.
    case invalid(path: String, line: Int?, problem: String)
    /// The file holds a secret that must never be stored: a join code or a moderator key.
    case secret(path: String, line: Int?, key: String)
    /// The new settings could not be written.
    case unsaved(path: String, reason: String)

    var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "The config file \(path) cannot be read: \(reason)."
        case .invalid(let path, let line, let problem):
            "The config file \(Self.place(path, line)): \(problem)"
        case .secret(let path, let line, let key):
            "The config file \(Self.place(path, line)): \"\(key)\" cannot be kept in it. "
                + (key == "code"
                    ? "A join code is the shared secret of one workshop, so it never goes into a file: give it with --code each time. "
                    : "A moderator key gives the expert's powers, so it never goes into a file: give it with --moderator-key each time. ")
                + "Remove that line."
        case .unsaved(let path, let reason):
            "The config file \(path) could not be saved: \(reason)."
        }
    }

    private static func place(_ path: String, _ line: Int?) -> String {
        line.map { "\(path), line \($0)" } ?? path
    }
}
