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
        case admitted(Ticket)
        /// Admitted, after closing this idle connection to make room.
        case admittedAfterClosing(Ticket, any Channel)
        case refused(Reason)
    }

    /// An admitted connection's idleness, which it sets without the book's lock (twice per
    /// request): when it last became idle, on the book's clock, or 0 while busy.
    final class Ticket: Sendable {
        fileprivate let idleSince = Atomic<UInt64>(0)
    }

    enum Reason: String {
        case address = "too many connections from this address"
        case full = "the server holds as many connections as it can"
    }

    private struct Entry {
        var address: String
        var channel: any Channel
        var ticket: Ticket
    }

    private struct State {
        var entries: [ObjectIdentifier: Entry] = [:]
        var perAddress: [String: Int] = [:]
    }

    /// Orders the moments connections became idle.
    private let idleClock = Atomic<UInt64>(0)

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
                let idle = state.entries.compactMap { entry -> (key: ObjectIdentifier, value: Entry, since: UInt64)? in
                    let since = entry.value.ticket.idleSince.load(ordering: .relaxed)
                    return since == 0 ? nil : (entry.key, entry.value, since)
                }
                guard let oldest = idle.min(by: { $0.since < $1.since }) else {
                    return .refused(.full)
                }
                Self.remove(oldest.key, from: &state)
                victim = oldest.value.channel
            }
            let ticket = Ticket()
            setIdle(ticket, true)
            state.entries[id] = Entry(address: address, channel: channel, ticket: ticket)
            state.perAddress[address] = fromAddress + 1
            return victim.map { .admittedAfterClosing(ticket, $0) } ?? .admitted(ticket)
        }
    }

    func setIdle(_ ticket: Ticket, _ idle: Bool) {
        ticket.idleSince.store(idle ? idleClock.wrappingAdd(1, ordering: .relaxed).newValue : 0, ordering: .relaxed)
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
