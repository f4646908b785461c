public import Foundation
import Synchronization

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
