public import Foundation
import Synchronization

/// Connections opened and held by a child process (python3) from a chosen loopback
/// address: a flood bigger than this test process's descriptor limit, which a test must
/// not change (Foundation's `Process.run` on another thread crashed when it did).
public final class ConnectionFlood: Sendable {
    private let process: Process
    private let input: Pipe
    private let output = Lines()

    /// Everything the child printed; chunks can end mid-line, so lines are cut when read.
    private final class Lines: Sendable {
        let text = Mutex("")
        var lines: [String] { text.withLock { $0.split(separator: "\n").dropLast($0.hasSuffix("\n") ? 0 : 1).map(String.init) } }
    }

    private static let script = #"""
import resource, socket, sys, threading, time
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
port, count, source, payload = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4].encode().decode("unicode_escape").encode("latin-1")
held = []
for _ in range(count):
    s = socket.socket()
    s.bind((source, 0))
    s.connect(("127.0.0.1", port))
    if payload:
        s.sendall(payload)
    held.append(s)
print("opened", len(held), flush=True)
done = threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
while not done.is_set():
    closed = 0
    for s in held:
        s.setblocking(False)
        try:
            if s.recv(1, socket.MSG_PEEK) == b"":
                closed += 1
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
    print("closed", closed, flush=True)
    time.sleep(0.2)
"""#

    /// Opens `count` connections from `source` to 127.0.0.1:`port`, each sending `payload`.
    public init(port: Int, count: Int, from source: String, payload: String = "") throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        let escaped = payload.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
        process.arguments = ["-c", Self.script, String(port), String(count), source, escaped]
        input = Pipe()
        let pipe = Pipe()
        process.standardInput = input
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.runAlone()
        readUntilEnd(pipe.fileHandleForReading) { [lines = self.output] data in
            lines.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
    }

    public var transcript: String { output.lines.suffix(3).joined(separator: " | ") }

    /// How many connections the child opened, once it has opened them all.
    public var opened: Int? {
        output.lines.first { $0.hasPrefix("opened ") }.flatMap { Int($0.dropFirst(7)) }
    }

    /// How many of them the server has closed, as last counted.
    public var closedByServer: Int {
        output.lines.last { $0.hasPrefix("closed ") }.flatMap { Int($0.dropFirst(7)) } ?? 0
    }

    /// Closes every connection: the child is ended, and the kernel closes its sockets. Not
    /// waited for: a test's task must not block Swift's pool, which an in-process server shares.
    public func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
    }
}
