import Foundation
import Synchronization

/// Growing waits for a client that keeps asking while it is rate-limited.
///
/// The first 429 says the bucket's own wait. Each refusal that comes before the previous
/// wait plus as long again has passed doubles it, up to `cap`; while the wait runs, the
/// key is refused at once, whatever its bucket holds. A client that honours `Retry-After`
/// is refused once and waits what the bucket says; one that hammers waits longer and
/// longer, and costs the server a lookup per request, no decision. Kept per process.
final class RefusalBackoff: Sendable {
    private struct Strike {
        var wait: Int
        var until: Date
    }

    /// The longest wait given, in seconds.
    let cap: Int
    private let strikes = Mutex([String: Strike]())

    init(cap: Int = 60) {
        self.cap = cap
    }

    /// Seconds still to wait for `key` while a refusal's wait runs, counting this request as
    /// one more refusal (it doubles the wait); nil when the key may be decided.
    func penalty(_ key: String, now: Date) -> Int? {
        let running = strikes.withLock { $0[key].map { now < $0.until } ?? false }
        return running ? refused(key, wait: 1, now: now) : nil
    }

    /// Records a refusal of `key` whose bucket says `wait`; answers the wait to give.
    func refused(_ key: String, wait: Int, now: Date) -> Int {
        strikes.withLock { strikes in
            var given = min(cap, max(1, wait))
            // Still hammering: asked again before the last wait, and as long again, ran out.
            if let last = strikes[key], now < last.until.addingTimeInterval(Double(last.wait)) {
                given = min(cap, max(given, last.wait * 2))
            }
            strikes[key] = Strike(wait: given, until: now.addingTimeInterval(Double(given)))
            if strikes.count > 10_000 { strikes = strikes.filter { now < $0.value.until.addingTimeInterval(Double($0.value.wait)) } }
            return given
        }
    }
}
