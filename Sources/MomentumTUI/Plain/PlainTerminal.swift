import Dispatch
import Foundation
import Widgets

/// Standard input and output as a `Terminal` for plain mode: each line typed (or piped) is a
/// paste and an Enter; frames are not drawn (plain mode prints sentences, not screens).
/// SIGINT, SIGTERM and SIGHUP ask the runner to stop, so the room is left properly; the end
/// the end of standard input comes as Ctrl-D, which the plain model takes as quitting.
final class PlainTerminal: Terminal {
    let size = Size(width: 80, height: 24)
    /// Plain mode writes sentences, not frames: nothing to coalesce.
    let frameInterval = Duration.zero
    /// Standard input reached its end (a pipe ran dry).
    private(set) var inputClosed = false
    private var partial: [UInt8] = []
    private var events: [InputEvent] = []
    private let signals = WakePipe()
    private var sources: [any DispatchSourceSignal] = []

    init() {
        sources = [SIGINT, SIGTERM, SIGHUP].map { [signals] number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { signals.wake(UInt8(truncatingIfNeeded: number)) }
            source.resume()
            return source
        }
    }

    deinit { sources.forEach { $0.cancel() } }

    func draw(_ buffer: CellBuffer, cursor: Point?) {}
    func bell() {}
    func restore() {}

    func readEvents() -> [InputEvent] {
        defer { events.removeAll() }
        return events
    }

    func wait(until deadline: Date?, others: [Int32]) -> Wakeup {
        let watched = (inputClosed ? [] : [STDIN_FILENO]) + [signals.readDescriptor] + others
        var fds = watched.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let milliseconds: Int32 = deadline.map { Int32(clamping: Int64(max(0, ($0.timeIntervalSinceNow * 1000).rounded(.up)))) } ?? -1
        guard poll(&fds, nfds_t(fds.count), milliseconds) > 0 else { return Wakeup() }
        var wakeup = Wakeup()
        for fd in fds where fd.revents != 0 {
            switch fd.fd {
            case STDIN_FILENO: wakeup.input = readLines()
            case signals.readDescriptor:
                _ = signals.drain()
                wakeup.stop = true
            default: wakeup.readable.insert(fd.fd)
            }
        }
        return wakeup
    }

    /// Reads what standard input has (one read: poll said it would not block) and turns
    /// every complete line into a paste and an Enter.
    private func readLines() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(STDIN_FILENO, &buffer, buffer.count)
        if count <= 0 {
            inputClosed = true
            if !partial.isEmpty { events += [.paste(String(decoding: partial, as: UTF8.self)), .enter] }
            partial.removeAll()
            // Ctrl-D is how a terminal says "no more input"; the model quits on it once joined.
            events.append(.ctrl("d"))
            return true
        }
        partial += buffer[0..<count]
        while let newline = partial.firstIndex(of: UInt8(ascii: "\n")) {
            let line = String(decoding: partial[..<newline], as: UTF8.self)
            partial.removeSubrange(...newline)
            events += [.paste(line), .enter]
        }
        return !events.isEmpty || inputClosed
    }
}
