import ArgumentParser
import Foundation
import Logging
import SessionServer

/// `momentum migrate`: move a server's SQLite database to PostgreSQL.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy every room of a SQLite database into PostgreSQL.",
        discussion: """
            Stop the server first, then copy; start the servers on the PostgreSQL URL afterwards. Rooms, events, messages, tokens (so people keep their seats) and the answers kept for retries are copied, each room in one transaction, and read back to check them. A room already in the target is refused, and nothing after it is copied. See docs/DEPLOY.md.
              momentum migrate --from ~/.local/share/momentum/momentum.sqlite --to postgres://momentum@db.example:5432/momentum
            """
    )

    @Option(help: "The SQLite file a server used (its --db).")
    var from: String

    @Option(help: "The PostgreSQL URL, postgres://user:password@host:5432/database (default: $MOMENTUM_DB_URL).")
    var to: String?

    func run() async throws {
        guard let target = to ?? ProcessInfo.processInfo.environment["MOMENTUM_DB_URL"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw ValidationError("give the PostgreSQL URL with --to (or MOMENTUM_DB_URL).")
        }
        var logger = Logger(label: "momentum.migrate")
        logger.logLevel = .warning
        do {
            let report = try await DatabaseMigration.copy(from: from, to: target, logger: logger)
            Console.out("momentum: copied \(report.rooms) rooms (\(report.events) events, \(report.messages) messages, \(report.tokens) seats); every room reads back the same.")
        } catch {
            Console.err("momentum: the migration failed: \(error)")
            throw ExitCode(2)
        }
    }
}
