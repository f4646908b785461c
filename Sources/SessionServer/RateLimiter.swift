import Foundation
import Synchronization

/// Token buckets keyed by a string (a client address, a participant).
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    private let burst: Double
    private let refillSeconds: Double
    private let buckets = Mutex([String: Bucket]())

    init(burst: Int, refillSeconds: Double) {
        self.burst = Double(burst)
        self.refillSeconds = refillSeconds
    }

    /// Takes one token for `key`; nil when allowed, otherwise the whole seconds to wait.
    func take(_ key: String, now: Date) -> Int? {
        buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: burst, updated: now)
            let elapsed = max(0, now.timeIntervalSince(bucket.updated))
            bucket.tokens = min(burst, bucket.tokens + elapsed / refillSeconds)
            bucket.updated = now
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                buckets[key] = bucket
                if buckets.count > 10_000 { prune(&buckets, now: now) }
                return nil
            }
            buckets[key] = bucket
            return max(1, Int(((1 - bucket.tokens) * refillSeconds).rounded(.up)))
        }
    }

    /// Forgets full buckets so that the table does not grow with every address ever seen.
    private func prune(_ buckets: inout [String: Bucket], now: Date) {
        buckets = buckets.filter { _, bucket in
            bucket.tokens + now.timeIntervalSince(bucket.updated) / refillSeconds < burst
        }
    }
}
