import GRDB
import Synchronization

/// Appends that arrive while SQLite's one writer is committing are committed together, in
/// the next transaction: group commit.
///
/// A hundred rooms posting in the same millisecond (the "burst" of `momentum-load`) were a
/// hundred transactions one after another, each with its WAL write and its trip to the
/// writer's thread. Now the first append leads: it runs its own work alone, and meanwhile
/// the others queue. When its transaction is done it hands the lead to the oldest waiting
/// append, which runs the queue in one transaction, each append's work in a savepoint of
/// its own, so that one that throws (a refusal, a taken `seq`) rolls back alone. Every
/// append is answered only after the COMMIT that holds it: a 2xx still follows a durable
/// commit. A group takes at most one append per room, in arrival order: the appends of one
/// room (two ledgers on one file, in tests) never share a transaction, so none reads
/// another's uncommitted events.
final class GroupCommit: Sendable {
    typealias Work = @Sendable (Database) throws -> Void

    private enum Turn: Sendable {
        case done(Result<Void, any Error>)
        /// The previous group committed and this append is the oldest waiting: it leads the next.
        case lead
    }

    private struct Waiting: Sendable {
        var roomId: String
        var work: Work
        var continuation: CheckedContinuation<Turn, Never>
    }

    private struct State {
        var queue: [Waiting] = []
        /// A leader is committing; appends that come now wait in `queue`.
        var committing = false
        var transactions = 0
    }

    private let state = Mutex(State())
    private let pool: DatabasePool
    /// The most appends one transaction holds.
    let groupMax: Int

    init(pool: DatabasePool, groupMax: Int = 128) {
        self.pool = pool
        self.groupMax = max(1, groupMax)
    }

    /// How many appends wait for the transaction in progress (for tests).
    var waiting: Int { state.withLock { $0.queue.count } }
    /// How many transactions ran (for tests).
    var transactions: Int { state.withLock { $0.transactions } }

    /// Runs `work` in a write transaction, alone or with the appends that came meanwhile;
    /// returns once that transaction committed, or throws what `work` or the commit threw.
    func run(roomId: String, _ work: @escaping Work) async throws {
        let leading = state.withLock { state in
            if state.committing { return false }
            state.committing = true
            return true
        }
        if leading { return try await lead(roomId: roomId, work).get() }
        let turn = await withCheckedContinuation { (continuation: CheckedContinuation<Turn, Never>) in
            let leadNow = state.withLock { state in
                // The leader finished meanwhile, and the queue with it.
                if !state.committing {
                    state.committing = true
                    return true
                }
                state.queue.append(Waiting(roomId: roomId, work: work, continuation: continuation))
                return false
            }
            if leadNow { continuation.resume(returning: .lead) }
        }
        switch turn {
        case .done(let result): try result.get()
        case .lead: try await lead(roomId: roomId, work).get()
        }
    }

    /// Commits `work` with the waiting appends of other rooms, answers them, and hands the
    /// lead to the oldest append still waiting (or leaves it free).
    private func lead(roomId: String, _ work: @escaping Work) async -> Result<Void, any Error> {
        let group = state.withLock { state -> [Waiting] in
            var rooms: Set<String> = [roomId]
            var taken: [Waiting] = [], kept: [Waiting] = []
            for waiting in state.queue {
                if taken.count < groupMax - 1, rooms.insert(waiting.roomId).inserted { taken.append(waiting) } else { kept.append(waiting) }
            }
            state.queue = kept
            return taken
        }
        let results = await commit([work] + group.map(\.work))
        let next = state.withLock { state -> Waiting? in
            state.transactions += 1
            if state.queue.isEmpty {
                state.committing = false
                return nil
            }
            return state.queue.removeFirst()
        }
        for (waiting, result) in zip(group, results.dropFirst()) { waiting.continuation.resume(returning: .done(result)) }
        next?.continuation.resume(returning: .lead)
        return results[0]
    }

    /// One transaction for `works`: alone, as it is; several, each in a savepoint. When the
    /// COMMIT fails, nothing of the group was kept and every one of them fails.
    private func commit(_ works: [Work]) async -> [Result<Void, any Error>] {
        if works.count == 1, let work = works.first {
            do {
                try await pool.write { db in try work(db) }
                return [.success(())]
            } catch {
                return [.failure(error)]
            }
        }
        // In a task of its own: GRDB interrupts the access of a cancelled task, and the leader's
        // request being cancelled (its client went away) must not fail the others' appends.
        return await Task { await grouped(works) }.value
    }

    private func grouped(_ works: [Work]) async -> [Result<Void, any Error>] {
        do {
            return try await pool.write { db in
                // On some errors (a full disk, an I/O error) SQLite rolls the whole transaction
                // back by itself, the appends before included: GRDB then refuses every later
                // statement of this access (SQLITE_ABORT), so the write throws and the whole
                // group fails below (tested).
                works.map { work in
                    Result {
                        try db.inSavepoint {
                            try work(db)
                            return .commit
                        }
                    }
                }
            }
        } catch {
            return works.map { _ in .failure(error) }
        }
    }
}
