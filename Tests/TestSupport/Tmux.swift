public import Foundation
import Glibc

/// A tmux server of its own (no user configuration), driving a real terminal for tests.
public final class Tmux: Sendable {
    public let socket: String
    public let session = "t"

    public init() {
        socket = "momentum-test-\(UUID().uuidString.prefix(8))"
    }

    /// Starts `command` in a detached session of `width` x `height`.
    public func start(_ command: String, width: Int, height: Int) throws {
        try run(["-f", "/dev/null", "new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), command])
        try run(["set-option", "-t", session, "remain-on-exit", "on"])
    }

    /// The screen as text, one string per row (tmux drops trailing spaces).
    public func capture() -> [String] {
        ((try? output(["capture-pane", "-p", "-t", session])) ?? "").components(separatedBy: "\n").dropLast().map { $0 }
    }

    /// The screen with its SGR escape sequences (`capture-pane -e`), to see what is drawn
    /// reversed or underlined.
    public func captureStyled() -> [String] {
        ((try? output(["capture-pane", "-p", "-e", "-t", session])) ?? "").components(separatedBy: "\n").dropLast().map { $0 }
    }

    public func sendKeys(_ keys: String...) throws { try run(["send-keys", "-t", session] + keys) }

    /// Types text literally (no key names).
    public func type(_ text: String) throws { try run(["send-keys", "-t", session, "-l", text]) }

    /// Pastes text the way a terminal does, bracketed when the program asked for it.
    public func paste(_ text: String) throws {
        try run(["set-buffer", "-b", "t", text])
        try run(["paste-buffer", "-p", "-b", "t", "-t", session])
    }

    public func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
    }

    /// A tmux format about the pane, such as "#{alternate_on}" or "#{pane_pid}".
    public func display(_ format: String) -> String {
        ((try? output(["display-message", "-p", "-t", session, format])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func kill() { _ = try? run(["kill-server"]) }

    deinit { kill() }

    @discardableResult
    private func run(_ arguments: [String]) throws -> Int32 {
        try shell(arguments).status
    }

    private func output(_ arguments: [String]) throws -> String {
        try shell(arguments).output
    }

    /// tmux through popen: Foundation's Process can wait forever on tmux's daemonising client.
    private func shell(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let command = (["tmux", "-L", socket] + arguments).map(Self.quote).joined(separator: " ") + " 2>/dev/null"
        guard let pipe = popen(command, "r") else { throw TestFailure("cannot run tmux") }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, pipe)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        let status = pclose(pipe)
        return (status, String(decoding: data, as: UTF8.self))
    }

    private static func quote(_ argument: String) -> String {
        "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

extension Array where Element == String {
    /// Rows without trailing spaces, as tmux captures them.
    public var trimmingTrailingSpaces: [String] {
        map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
    }
}
