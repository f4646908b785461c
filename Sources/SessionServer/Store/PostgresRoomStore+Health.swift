import Foundation
import PostgresNIO

extension PostgresRoomStore {
    /// A server that cannot reach PostgreSQL, or reaches one that takes no writes (a standby,
    /// a read-only transaction default). One query, answered from a cache for a second:
    /// `/healthz` needs no token, so it must not let anyone load the database.
    func writeProblem() async -> String? {
        if let cached = health.withLock({ $0 }), Date().timeIntervalSince(cached.at) < 1 { return cached.problem }
        let problem: String?
        do {
            let rows = try await client.query("SELECT pg_is_in_recovery(), current_setting('transaction_read_only')", logger: logger)
            var readOnly = false
            for try await (recovery, setting) in rows.decode((Bool, String).self) { readOnly = recovery || setting == "on" }
            problem = readOnly ? "the database takes no writes (a standby or read-only database)" : nil
        } catch {
            problem = "the database cannot be reached"
        }
        health.withLock { $0 = (Date(), problem) }
        return problem
    }
}
