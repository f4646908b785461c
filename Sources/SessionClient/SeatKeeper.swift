import SessionModel
import Synchronization

/// Keeps a room session's seat on disk: claims it (a lock, so one client at a time), saves
/// the credentials once joined and the unsent changes after each change of the queue, and
/// forgets the seat once the room is left or closed to me.
final class SeatKeeper: Sendable {
    private struct State {
        var lock: SeatLock?
        var seat: SavedSeat?
        var pending: [SavedSeat.PendingChange] = []
        /// The user quit: the queue is no longer kept.
        var quit = false
    }

    private let store: SeatStore
    private let key: String
    private let state = Mutex(State())

    init(store: SeatStore, key: String) {
        self.store = store
        self.key = key
    }

    /// Takes the seat for this process and returns it if one was saved; nil when there is
    /// none, or when another client holds it (then nothing is kept for this one).
    func claim() -> SavedSeat? {
        guard let lock = store.lock(key) else { return nil }
        let saved = store.load(key)
        state.withLock {
            $0.lock = lock
            $0.seat = saved
            $0.pending = saved?.pending ?? []
        }
        return saved
    }

    func joined(_ response: JoinResponse) {
        save {
            let pending = $0.pending
            $0.seat = SavedSeat(
                roomId: response.room.id, token: response.token, participantId: response.participant.id,
                pollTimeout: response.pollTimeout, pending: pending)
        }
    }

    func changed(_ outbox: Outbox) {
        save { state in
            guard !state.quit else { return }
            state.pending = outbox.items.filter { $0.status == .pending || $0.status == .sending }
                .map { SavedSeat.PendingChange(clientId: $0.id, kind: $0.kind) }
            state.seat?.pending = state.pending
        }
    }

    /// The seat is over (left, removed, refused): nothing to take back next time.
    func forget() {
        state.withLock { state in
            state.seat = nil
            if state.lock != nil { store.remove(key) }
        }
    }

    /// The user quit while changes could not be sent (and was told): they are not sent on a
    /// later run, only the seat is kept.
    func dropPending() {
        save { state in
            state.quit = true
            state.pending = []
            state.seat?.pending = []
        }
    }

    /// Lets another client take the seat (this one stops; what is saved stays).
    func release() {
        state.withLock { $0.lock = nil }
    }

    /// Changes the seat and writes it, under the lock, so writes never cross.
    private func save(_ change: (inout State) -> Void) {
        state.withLock { state in
            change(&state)
            if state.lock != nil, let seat = state.seat { store.save(seat, as: key) }
        }
    }
}
