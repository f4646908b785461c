import ArgumentParser
import Foundation
import Logging
import MomentumTUI
import SessionServer

/// `momentum migrate`: move a server's SQLite database to PostgreSQL.
struct Migrate: AsyncParsableCommand {
    static var configuration: CommandConfiguration { CommandHelp.migrate }

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(fr: "Le fichier SQLite d'un serveur (son --db).", en: "The SQLite file a server used (its --db).")))
    var from: String

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "L'URL PostgreSQL, postgres://utilisateur:motdepasse@hôte:5432/base (par défaut : $MOMENTUM_DB_URL).",
        en: "The PostgreSQL URL, postgres://user:password@host:5432/database (default: $MOMENTUM_DB_URL).")))
    var to: String?

    @OptionGroup var language: LanguageOption

    func run() async throws {
        guard let target = to ?? ProcessInfo.processInfo.environment["MOMENTUM_DB_URL"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw ValidationError(CommandLineLanguage.pick(
                fr: "donne l'URL PostgreSQL avec --to (ou MOMENTUM_DB_URL).", en: "give the PostgreSQL URL with --to (or MOMENTUM_DB_URL)."))
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
