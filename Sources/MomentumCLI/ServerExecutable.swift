import Glibc
import MomentumTUI

/// `momentum serve`, `demo` and `migrate` run in `momentum-server`, the executable beside
/// `momentum` that holds the session server (Hummingbird, NIO, SQLite, PostgreSQL): `momentum`
/// execs it with the same arguments, so the process, its pid and its signals stay the same.
/// The client alone is what a learner's terminal runs, and it maps none of the server's pages.
enum ServerExecutable {
    static let name = "momentum-server"
    static let subcommands: Set<String> = ["serve", "demo", "migrate"]

    /// Whether the arguments name a subcommand of `momentum-server`, or ask for its help.
    static func runsInServer(_ arguments: [String]) -> Bool {
        guard arguments.count > 1 else { return false }
        if subcommands.contains(arguments[1]) { return true }
        return arguments[1] == "help" && arguments.count > 2 && subcommands.contains(arguments[2])
    }

    /// `momentum-server` in the folder of the executable at `path`.
    static func path(beside executable: String) -> String {
        guard let slash = executable.lastIndex(of: "/") else { return name }
        return executable[...slash] + name
    }

    /// Replaces this process with `momentum-server` when the arguments are its; returns
    /// otherwise. Exits with a sentence when it cannot be started.
    static func execIfServerCommand(_ arguments: [String]) {
        guard runsInServer(arguments) else { return }
        let server = path(beside: ownPath() ?? arguments[0])
        let argv = ([server] + arguments.dropFirst()).map { strdup($0) } + [nil]
        execv(server, argv)
        let reason = String(cString: strerror(errno))
        let sentence = CommandLineLanguage.pick(
            fr: "momentum : « \(arguments[1]) » est lancé par \(name), qui n'a pas pu démarrer (\(server) : \(reason)). Construis-le avec « swift build » (ou « make build ») et garde-le à côté de momentum.",
            en: "momentum: '\(arguments[1])' is run by \(name), which could not start (\(server): \(reason)). Build it with 'swift build' (or 'make build') and keep it beside momentum.")
        Console.err(sentence)
        exit(1)
    }

    /// This executable's own path, symbolic links resolved (`/proc/self/exe`).
    private static func ownPath() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
