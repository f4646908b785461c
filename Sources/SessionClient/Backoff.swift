/// Exponential backoff with jitter: 0.5 s, 1 s, 2 s... up to `cap`, each scaled by a random
/// factor in [0.5, 1) so that fifteen clients cut off together do not return together.
public struct Backoff: Sendable, Equatable {
    public var base: Double
    public var cap: Double

    public init(base: Double = 0.5, cap: Double = 30) {
        self.base = base
        self.cap = cap
    }

    /// The wait before attempt `attempt` (1 for the first retry); `jitter` is uniform in [0, 1).
    public func delay(attempt: Int, jitter: Double) -> Double {
        let exponent = Double(max(0, min(attempt - 1, 30)))
        let raw = min(cap, base * pow2(exponent))
        return raw * (0.5 + 0.5 * min(max(jitter, 0), 1))
    }

    private func pow2(_ exponent: Double) -> Double {
        var value = 1.0
        for _ in 0..<Int(exponent) { value *= 2 }
        return value
    }
}
