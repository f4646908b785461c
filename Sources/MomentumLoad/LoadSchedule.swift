/// When each message of a run is due, counted from the start of the measured window.
enum LoadSchedule {
    /// `rate` messages a second over all rooms, evenly spaced, rooms in turn.
    case steady(rate: Double)
    /// Every room publishes in the same instant, once a second: the worst case of a
    /// programme whose experts all start an exercise on the hour.
    case burst
    /// No messages: every poll stays parked, to measure what holding them costs.
    case idle

    /// How many messages the run publishes.
    func messages(rooms: Int, duration: Double) -> Int {
        switch self {
        case .steady(let rate): Int(rate * duration)
        case .burst: rooms * Int(duration)
        case .idle: 0
        }
    }

    /// Nanoseconds from the start at which message `n` is due (message n goes to room n % rooms).
    func offset(of n: Int, rooms: Int) -> UInt64 {
        switch self {
        case .steady(let rate): UInt64(Double(n) * 1e9 / rate)
        case .burst: UInt64(n / rooms) * 1_000_000_000
        case .idle: 0
        }
    }
}
