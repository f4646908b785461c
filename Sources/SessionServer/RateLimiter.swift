import Foundation
import Synchronization

/// Token buckets keyed by a string (a client address, a participant), in this process.
final class TokenBuckets: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    private let buckets = Mutex([String: Bucket]())

    init() {}

    /// Takes `cost` tokens for `key` (0 asks without taking) when a whole one is there; nil
    /// when allowed, otherwise the whole seconds to wait.
    func take(_ key: String, burst: Int, refillSeconds: Double, now: Date, cost: Double = 1) -> Int? {
        buckets.withLock { buckets in
            let burst = Double(burst)
            var bucket = buckets[key] ?? Bucket(tokens: burst, updated: now)
            let elapsed = max(0, now.timeIntervalSince(bucket.updated))
            bucket.tokens = min(burst, bucket.tokens + elapsed / refillSeconds)
            bucket.updated = now
            defer { buckets[key] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= cost
                if buckets.count > 10_000 { Self.prune(&buckets, now: now, refillSeconds: refillSeconds, burst: burst) }
                return nil
            }
            return max(1, Int(((1 - bucket.tokens) * refillSeconds).rounded(.up)))
        }
    }

    /// Forgets full buckets so that the table does not grow with every address ever seen.
    private static func prune(_ buckets: inout [String: Bucket], now: Date, refillSeconds: Double, burst: Double) {
        buckets = buckets.filter { _, bucket in
            bucket.tokens + now.timeIntervalSince(bucket.updated) / refillSeconds < burst
        }
    }
}

/// One kind of limit: a burst, then one more every `refillSeconds`.
struct RateLimiter: Sendable {
    let burst: Int
    let refillSeconds: Double
    private let buckets = TokenBuckets()

    init(burst: Int, refillSeconds: Double) {
        self.burst = burst
        self.refillSeconds = refillSeconds
    }

    /// Takes one token for `key`; nil when allowed, otherwise the whole seconds to wait.
    func take(_ key: String, now: Date) -> Int? {
        buckets.take(key, burst: burst, refillSeconds: refillSeconds, now: now)
    }
}
