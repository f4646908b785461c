public import Foundation
import Synchronization

/// What ended a terminal's wait.
public struct Wakeup: Sendable, Equatable {
    /// Keys, mouse or a resize are waiting in `readEvents`.
    public var input = false
    /// The user or the system asks the program to stop: SIGTERM, SIGHUP, SIGINT, a hang-up,
    /// or the end of a test's script.
    public var stop = false
    /// Which of the other descriptors are readable.
    public var readable: Set<Int32> = []

    public init(input: Bool = false, stop: Bool = false, readable: Set<Int32> = []) {
        self.input = input
        self.stop = stop
        self.readable = readable
    }

    /// Nothing woke it: the deadline passed.
    public var timedOut: Bool { !input && !stop && readable.isEmpty }
}

/// Where the app draws and reads keys: ncurses in the product, memory in tests.
///
/// The app never touches ncurses: it renders its state into a `CellBuffer` and hands it to
/// `draw`, with the cell where the user types so that screen readers follow the cursor.
/// `wait` is what the runner blocks in: idle means blocked there.
public protocol Terminal: AnyObject {
    var size: Size { get }
    /// Shows a whole frame; `cursor` nil hides the cursor.
    func draw(_ buffer: CellBuffer, cursor: Point?)
    /// Every input event available now, without waiting.
    func readEvents() -> [InputEvent]
    /// Blocks until input, a request to stop, one of `others` is readable, or `deadline`
    /// (on the runner's clock; nil for none) passes.
    func wait(until deadline: Date?, others: [Int32]) -> Wakeup
    /// Rings the bell (mentions, being given the floor).
    func bell()
    /// Gives the terminal back as it was: normal screen, cooked mode, cursor shown.
    func restore()
}

/// A clock the runner reads: the system's in the product, a virtual one in tests.
public protocol RunnerClock: AnyObject, Sendable {
    var now: Date { get }
}

/// The system clock.
public final class SystemClock: RunnerClock {
    public init() {}
    public var now: Date { Date() }
}

/// A clock that moves only when told: tests run a minute, or a day, in no time.
public final class VirtualClock: RunnerClock {
    private let time: Mutex<Date>

    public init(_ start: Date) { time = Mutex(start) }

    public var now: Date { time.withLock { $0 } }

    public func advance(by seconds: Double) { time.withLock { $0 += seconds } }

    public func set(_ date: Date) { time.withLock { $0 = max($0, date) } }
}
