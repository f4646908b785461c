import ArgumentParser
import Foundation
import Logging
import SessionServer

/// `momentum migrate`: move a server's SQLite database to PostgreSQL.
struct Migrate: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            abstract: CommandLineLanguage.pick(
                fr: "Copier toutes les salles d'une base SQLite dans PostgreSQL.",
                en: "Copy every room of a SQLite database into PostgreSQL."),
            discussion: CommandLineLanguage.pick(fr: """
                Arrête d'abord le serveur, puis copie ; relance ensuite les serveurs sur l'URL PostgreSQL. Les salles, les événements, les messages, les jetons (chacun garde sa place) et les réponses gardées pour les renvois sont copiés, chaque salle en une transaction, puis relus pour vérification. Une salle déjà présente dans la cible est refusée, et rien n'est copié après elle. Voir docs/DEPLOY.md.
                  momentum migrate --from ~/.local/share/momentum/momentum.sqlite --to postgres://momentum@db.example:5432/momentum
                """, en: """
                Stop the server first, then copy; start the servers on the PostgreSQL URL afterwards. Rooms, events, messages, tokens (so people keep their seats) and the answers kept for retries are copied, each room in one transaction, and read back to check them. A room already in the target is refused, and nothing after it is copied. See docs/DEPLOY.md.
                  momentum migrate --from ~/.local/share/momentum/momentum.sqlite --to postgres://momentum@db.example:5432/momentum
                """))
    }

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
