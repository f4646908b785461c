import Foundation

extension SessionService {
    /// Retention (`--retention-days`): deletes the rooms whose last event is older than
    /// that, with everything stored for them, and counts them in /metrics.
    func pruneRooms() async {
        guard config.retentionDays > 0 else { return }
        let cutoff = time.addingTimeInterval(-Double(config.retentionDays) * 86_400)
        do {
            let pruned = try await ledger.prune(idleBefore: cutoff)
            guard pruned.rooms > 0 else { return }
            metrics.roomsPruned.increment(by: Int64(pruned.rooms))
            metrics.eventsPruned.increment(by: Int64(pruned.events))
            metrics.rooms.decrement(by: Double(pruned.rooms))
            logger.info("retention: deleted \(pruned.rooms) rooms idle for \(config.retentionDays) days, \(pruned.events) events")
        } catch {
            logger.error("retention failed: \(error)")
        }
    }
}
