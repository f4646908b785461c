public import Foundation
import Synchronization

/// The real `momentum serve` binary in a child process, for tests that kill it.
public final class ServerProcess: Sendable {
    public let port: Int
    public let url: String
    /// The join code and moderator key printed for `--workshop`, if one was given.
    public let code: String?
    public let moderatorKey: String?
    private let process: Process
    private let output: Output

    private final class Output: Sendable {
        let lines = Mutex<[String]>([])
    }

    /// The `momentum` executable next to the test bundle, or `$MOMENTUM_BIN`.
    public static var binary: String {
        if let path = ProcessInfo.processInfo.environment["MOMENTUM_BIN"] { return path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("momentum").path
    }

    /// Starts `momentum serve` and waits until it listens.
    /// `launcher` runs the server through another program, e.g. `["prlimit", "--nofile=1024:1024"]`.
    public init(database: String, port: Int = 0, workshop: String? = nil, extraArguments: [String] = [], launcher: [String] = []) async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw TestFailure("no momentum binary at \(Self.binary): run 'swift build' first")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        var arguments = ["serve", "--host", "127.0.0.1", "--port", String(port), "--db", database, "--log-level", "warning"]
        if let workshop { arguments += ["--workshop", workshop] }
        arguments += extraArguments
        if let program = launcher.first {
            // The launcher execs the server, so the child's pid stays the server's.
            process.executableURL = URL(fileURLWithPath: program.hasPrefix("/") ? program : "/usr/bin/\(program)")
            arguments = Array(launcher.dropFirst()) + [Self.binary] + arguments
        }
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        // MOMENTUM_TEST_SERVER_LOG=FILE keeps the servers' warnings, for a failing test.
        if let log = ProcessInfo.processInfo.environment["MOMENTUM_TEST_SERVER_LOG"] {
            // O_APPEND: several servers write to one file without overwriting each other.
            process.standardError = FileHandle(fileDescriptor: open(log, O_WRONLY | O_APPEND | O_CREAT, 0o644), closeOnDealloc: true)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        let output = Output()
        try process.runAlone()
        readUntilEnd(pipe.fileHandleForReading) { data in
            let text = String(decoding: data, as: UTF8.self)
            output.lines.withLock { $0 += text.split(separator: "\n").map(String.init) }
        }
        self.process = process
        self.output = output
        let listening = await eventually(within: 60) {
            output.lines.withLock { $0.contains { $0.contains("listening on http://") } } || !process.isRunning
        }
        let lines = output.lines.withLock { $0 }
        guard listening, let line = lines.first(where: { $0.contains("listening on http://") }),
              let bound = line.split(separator: ":").last.flatMap({ Int($0) })
        else {
            process.terminate()
            throw TestFailure("momentum serve did not start: \(lines.joined(separator: " / "))")
        }
        self.port = bound
        url = "http://127.0.0.1:\(bound)"
        func value(after label: String) -> String? {
            lines.first { $0.contains(label) }?.split(separator: " ").dropFirst(2).first.map(String.init)
        }
        code = value(after: "join code:")
        // A reopened workshop does not show its key again.
        moderatorKey = lines.contains { $0.contains("is open again") } ? nil : value(after: "moderator key:")
    }

    /// SIGKILL: no shutdown, no flush, nothing the process can do.
    public func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    public func terminate() {
        process.terminate()
        process.waitUntilExit()
    }

    public var isRunning: Bool { process.isRunning }

    /// SIGSTOP: a blackholed server. The kernel still accepts connections and acknowledges
    /// bytes, but nothing answers; `thaw` lets it go on.
    public func freeze() { Foundation.kill(process.processIdentifier, SIGSTOP) }

    public func thaw() { Foundation.kill(process.processIdentifier, SIGCONT) }
}

/// A workshop file in a temporary folder.
public func temporaryWorkshopFile() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("workshop-\(UUID().uuidString).json").path
    let json = #"{"title": "Atelier durabilité", "agenda": [{"title": "Accueil", "day": 1, "start": "09:00", "minutes": 30}]}"#
    try Data(json.utf8).write(to: URL(fileURLWithPath: path))
    return path
}
