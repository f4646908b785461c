/// Waits; the real clock in the product, a controllable one in tests.
public protocol Sleeper: Sendable {
    func sleep(seconds: Double) async throws
}

/// `Task.sleep` on the continuous clock.
public struct ContinuousSleeper: Sleeper {
    public init() {}

    public func sleep(seconds: Double) async throws {
        try await Task.sleep(for: .milliseconds(Int64(max(0, seconds) * 1000)))
    }
}
