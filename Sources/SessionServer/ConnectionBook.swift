import NIOCore
import Synchronization

/// Every open HTTP connection, by client address, so that no one address can take all the
/// descriptors and a full server makes room by closing idle connections first.
///
/// Without it, 1,100 idle connections from one address exhausted a 1,024-descriptor limit:
/// nobody else could connect, and the accept loop spun a core at 100%.
final class ConnectionBook: Sendable {
    struct Limits: Sendable {
        /// Connections open at once, in all; kept below the descriptor limit.
        var total: Int
        /// Connections open at once from one address (a school behind one NAT has many).
        var perAddress: Int
        /// Addresses without a per-address cap: a trusted reverse proxy speaks for everyone.
        var exempt: Set<String> = []
    }

    enum Admission {
        case admitted
        /// Admitted, after closing this idle connection to make room.
        case admittedAfterClosing(any Channel)
        case refused(Reason)
    }

    enum Reason: String {
        case address = "too many connections from this address"
        case full = "the server holds as many connections as it can"
    }

    private struct Entry {
        var address: String
        var channel: any Channel
        /// When the connection last became idle (no request in progress); nil while busy.
        var idleSince: UInt64?
    }

    private struct State {
        var entries: [ObjectIdentifier: Entry] = [:]
        var perAddress: [String: Int] = [:]
        var idleClock: UInt64 = 0
    }

    let limits: Limits
    private let state = Mutex(State())

    init(limits: Limits) {
        self.limits = limits
    }

    var count: Int { state.withLock { $0.entries.count } }

    func open(_ id: ObjectIdentifier, address: String, channel: any Channel) -> Admission {
        state.withLock { state in
            let fromAddress = state.perAddress[address, default: 0]
            if fromAddress >= limits.perAddress && !limits.exempt.contains(address) { return .refused(.address) }
            var victim: (any Channel)?
            if state.entries.count >= limits.total {
                // The connection idle the longest makes room; a busy one (a parked poll, a
                // request being read) is never closed for a newcomer.
                guard let oldest = state.entries.filter({ $0.value.idleSince != nil }).min(by: { $0.value.idleSince! < $1.value.idleSince! }) else {
                    return .refused(.full)
                }
                Self.remove(oldest.key, from: &state)
                victim = oldest.value.channel
            }
            state.idleClock += 1
            state.entries[id] = Entry(address: address, channel: channel, idleSince: state.idleClock)
            state.perAddress[address] = fromAddress + 1
            return victim.map { .admittedAfterClosing($0) } ?? .admitted
        }
    }

    func setIdle(_ id: ObjectIdentifier, _ idle: Bool) {
        state.withLock { state in
            guard state.entries[id] != nil else { return }
            if idle {
                state.idleClock += 1
                state.entries[id]?.idleSince = state.idleClock
            } else {
                state.entries[id]?.idleSince = nil
            }
        }
    }

    func close(_ id: ObjectIdentifier) {
        state.withLock { Self.remove(id, from: &$0) }
    }

    private static func remove(_ id: ObjectIdentifier, from state: inout State) {
        guard let entry = state.entries.removeValue(forKey: id) else { return }
        let left = (state.perAddress[entry.address] ?? 1) - 1
        state.perAddress[entry.address] = left > 0 ? left : nil
    }
}
