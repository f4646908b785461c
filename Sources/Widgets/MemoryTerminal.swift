public import Foundation
import Glibc

/// A terminal in memory: keeps the last frame and plays a script of input, for tests that
/// run the app's whole loop without a terminal.
///
/// `wait` follows the script: it types keys, waits (in real time, polling the app's real
/// descriptors) until a frame shows something, or lets virtual time pass on its clock.
/// When the script is over it asks the app to stop, as a hang-up would.
public final class MemoryTerminal: Terminal {
    /// One step of a test's script.
    public enum Step: Sendable {
        /// Keys typed now.
        case type([InputEvent])
        /// Waits, in real time, until the frame's text contains `text`.
        case waitFor(String, within: Double = 10)
        /// Lets `seconds` of virtual time pass, over `real` seconds of real time (the network
        /// and the server run in real time meanwhile).
        case advance(seconds: Double, real: Double = 0)
        /// Calls back (to note counters between steps).
        case mark(@Sendable () -> Void)
    }

    public private(set) var size: Size
    /// Every frame is drawn: tests run on a virtual clock and wait for what a frame shows.
    public var frameInterval = Duration.zero
    public private(set) var frame: CellBuffer
    public private(set) var cursor: Point?
    public private(set) var frames = 0
    public private(set) var bells = 0
    public private(set) var restored = false
    /// Every wake-up `wait` returned, in order.
    public private(set) var wakeups: [Wakeup] = []
    /// What went wrong with the script (a text that never showed), for the test to expect empty.
    public private(set) var failures: [String] = []
    /// How many wake-ups there were when each `mark` step ran.
    public private(set) var wakeupsAtMarks: [Int] = []
    /// Every frame drawn, as text rows, when `keepFrames` is set.
    public private(set) var history: [[String]] = []
    public var keepFrames = false
    public let clock: VirtualClock?
    private var queued: [InputEvent] = []
    private var script: [Step]
    /// Virtual seconds left of the `advance` step under way, and its pace.
    private var advancing: (left: Double, perRealSecond: Double)?
    /// When the `waitFor` step under way started waiting.
    private var waitingSince: Date?

    public init(width: Int, height: Int, clock: VirtualClock? = nil, script: [Step] = []) {
        size = Size(width: width, height: height)
        frame = CellBuffer(width: width, height: height)
        self.clock = clock
        self.script = script
    }

    public func draw(_ buffer: CellBuffer, cursor: Point?) {
        frame = buffer
        self.cursor = cursor
        frames += 1
        if keepFrames { history.append(buffer.rows) }
    }

    public func readEvents() -> [InputEvent] {
        defer { queued.removeAll() }
        return queued
    }

    public func bell() { bells += 1 }
    public func restore() { restored = true }

    /// Queues input for the next `readEvents`.
    public func type(_ events: InputEvent...) { queued += events }

    /// Changes the size and queues a resize event, as a terminal does.
    public func resize(width: Int, height: Int) {
        size = Size(width: width, height: height)
        queued.append(.resize)
    }

    public func wait(until deadline: Date?, others: [Int32]) -> Wakeup {
        let wakeup = nextWakeup(deadline: deadline, others: others)
        wakeups.append(wakeup)
        return wakeup
    }

    private func nextWakeup(deadline: Date?, others: [Int32]) -> Wakeup {
        while true {
            if !queued.isEmpty { return Wakeup(input: true) }
            let readable = Self.poll(others, milliseconds: 0)
            if !readable.isEmpty { return Wakeup(readable: readable) }
            if let (left, pace) = advancing, let clock {
                // Virtual time passes in slices of real time, so the network keeps up.
                let toDeadline = deadline.map { max(0, $0.timeIntervalSince(clock.now)) } ?? .infinity
                let slice = min(left, toDeadline, pace == .infinity ? left : pace * 0.01)
                if pace != .infinity {
                    let ready = Self.poll(others, milliseconds: Int32(slice / pace * 1000))
                    if !ready.isEmpty { return Wakeup(readable: ready) }
                }
                clock.advance(by: slice)
                advancing = left - slice > 1e-9 ? (left - slice, pace) : nil
                if let deadline, clock.now >= deadline { return Wakeup() }
                continue
            }
            guard let step = script.first else { return Wakeup(stop: true) }
            switch step {
            case .type(let events):
                script.removeFirst()
                queued += events
            case .advance(let seconds, let real):
                script.removeFirst()
                advancing = (seconds, real > 0 ? seconds / real : .infinity)
            case .mark(let note):
                script.removeFirst()
                wakeupsAtMarks.append(wakeups.count)
                note()
            case .waitFor(let text, let within):
                if frame.rows.joined(separator: "\n").contains(text) {
                    script.removeFirst()
                    waitingSince = nil
                    continue
                }
                let started = waitingSince ?? Date()
                waitingSince = started
                if Date().timeIntervalSince(started) > within {
                    failures.append("never showed \"\(text)\"; the screen was:\n" + frame.rows.joined(separator: "\n"))
                    script.removeAll()
                    return Wakeup(stop: true)
                }
                let ready = Self.poll(others, milliseconds: 20)
                if !ready.isEmpty { return Wakeup(readable: ready) }
            }
        }
    }

    /// The descriptors among `fds` that are readable within `milliseconds`.
    private static func poll(_ fds: [Int32], milliseconds: Int32) -> Set<Int32> {
        guard !fds.isEmpty else {
            if milliseconds > 0 { usleep(useconds_t(milliseconds) * 1000) }
            return []
        }
        var polled = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        guard Glibc.poll(&polled, nfds_t(polled.count), milliseconds) > 0 else { return [] }
        return Set(polled.filter { $0.revents != 0 }.map(\.fd))
    }
}
