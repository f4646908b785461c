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
