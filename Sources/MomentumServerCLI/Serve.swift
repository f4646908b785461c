import ArgumentParser
import Foundation
import Logging
import MomentumTUI
import SessionModel
import SessionServer

/// `momentum serve`: the session server.
struct Serve: AsyncParsableCommand {
    static var configuration: CommandConfiguration { CommandHelp.serve }

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(fr: "L'adresse où écouter.", en: "The address to listen on.")))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(fr: "Le port où écouter (0 en choisit un libre).", en: "The port to listen on (0 picks a free one).")))
    var port = 8080

    @Option(name: .customLong("db"), help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "La base de données : un fichier SQLite, :memory: ou une URL postgres:// (par défaut : $MOMENTUM_DB_URL, sinon $XDG_DATA_HOME/momentum/momentum.sqlite).",
        en: "The database: a SQLite file, :memory:, or a postgres:// URL (default: $MOMENTUM_DB_URL, else $XDG_DATA_HOME/momentum/momentum.sqlite).")))
    var database: String?

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "Le jeton qui autorise POST /v1/rooms (mieux : --admin-token-file ou $MOMENTUM_ADMIN_TOKEN, que ps ne montre pas ; sans jeton, les salles viennent seulement de --workshop).",
        en: "The token that allows POST /v1/rooms (better: --admin-token-file or $MOMENTUM_ADMIN_TOKEN, which ps does not show; without one, rooms come from --workshop only).")))
    var adminToken: String?

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(fr: "Un fichier dont la première ligne est le jeton d'administration.", en: "A file whose first line is the admin token.")))
    var adminTokenFile: String?

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "Un fichier d'atelier (JSON : titre et programme) à ouvrir au démarrage : sa salle est créée la première fois, puis rouverte à chaque démarrage, avec le même code.",
        en: "A workshop file (JSON: title and agenda) to open at start: its room is created the first time and opened again at every later start, with the same join code.")))
    var workshop: String?

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "Avec --workshop : le nom de la salle de l'atelier (par défaut : le chemin complet du fichier). Un nouveau nom ouvre une nouvelle salle.",
        en: "With --workshop: the name of the workshop's room (default: the file's full path). A new name opens a new room.")))
    var room: String?

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "Le plus long qu'une requête d'attente (long-poll) est tenue, en secondes (1 à \(Limits.pollTimeoutMax)).",
        en: "The longest a long-poll is held, in seconds (1 to \(Limits.pollTimeoutMax)).")))
    var pollTimeout = Limits.pollTimeoutDefault

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "Les messages qu'une personne peut envoyer d'affilée ; ensuite un par seconde (1 à 100000).",
        en: "Messages one participant may post in a burst; then one a second (1 to 100000).")))
    var messageBurst = 10

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "La place qu'une salle peut prendre sur le disque, en Mo (ses événements) ; atteinte, les nouveaux messages sont refusés. 0 : sans limite.",
        en: "The disk space one room may take, in MB (its events); once reached, new messages are refused. 0: no limit.")))
    var roomQuotaMb = 200

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "Les salles sans événement depuis tant de jours sont supprimées, avec tout ce qui est gardé d'elles. 0 (par défaut) : gardées pour toujours.",
        en: "Rooms with no event for this many days are deleted, with everything kept for them. 0 (the default): kept for ever.")))
    var retentionDays = 0

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "Une connexion sans requête en cours est fermée après tant de secondes (5 à 3600) ; cela coupe aussi les en-têtes qui arrivent octet par octet.",
        en: "A connection with no request in progress is closed after this many seconds (5 to 3600); this also cuts headers that trickle in a byte at a time.")))
    var idleTimeout = 60

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "Les connexions ouvertes à la fois depuis une même adresse (1 à 100000) ; le total suit la limite de fichiers du système.",
        en: "Connections open at once from one address (1 to 100000); the total follows the system's open-file limit.")))
    var connectionsPerAddress = 256

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "Le niveau du journal : trace, debug, info, notice, warning, error.",
        en: "Log level: trace, debug, info, notice, warning, error.")))
    var logLevel = "info"

    @Option(name: .customLong("trusted-proxy"), help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "L'adresse d'un proxy (nginx) dont les en-têtes X-Forwarded-For et Forwarded disent l'adresse du client, pour les limites par adresse ; à répéter pour plusieurs. Des autres, ces en-têtes sont ignorés.",
        en: "The address of a proxy (nginx) whose X-Forwarded-For and Forwarded headers name the client, for the per-address limits; repeat it for several. From anyone else, those headers are ignored."),
        valueName: "address"))
    var trustedProxies: [String] = []

    @OptionGroup var language: LanguageOption

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError(CommandLineLanguage.pick(fr: "--port va de 0 à 65535.", en: "--port must be between 0 and 65535."))
        }
        guard (1...Limits.pollTimeoutMax).contains(pollTimeout) else {
            throw ValidationError(CommandLineLanguage.pick(
                fr: "--poll-timeout va de 1 à \(Limits.pollTimeoutMax) secondes.",
                en: "--poll-timeout must be between 1 and \(Limits.pollTimeoutMax) seconds."))
        }
        guard (5...3600).contains(idleTimeout) else {
            throw ValidationError(CommandLineLanguage.pick(fr: "--idle-timeout va de 5 à 3600 secondes.", en: "--idle-timeout must be between 5 and 3600 seconds."))
        }
        guard (1...100_000).contains(connectionsPerAddress) else {
            throw ValidationError(CommandLineLanguage.pick(fr: "--connections-per-address va de 1 à 100000.", en: "--connections-per-address must be between 1 and 100000."))
        }
        if room != nil && workshop == nil {
            throw ValidationError(CommandLineLanguage.pick(
                fr: "--room nomme la salle d'un fichier --workshop : donne aussi le fichier.",
                en: "--room names the room of a --workshop file: give the file too."))
        }
        guard (0...1_000_000).contains(roomQuotaMb) else {
            throw ValidationError(CommandLineLanguage.pick(fr: "--room-quota-mb va de 0 à 1000000.", en: "--room-quota-mb must be between 0 and 1000000."))
        }
        guard (0...36_500).contains(retentionDays) else {
            throw ValidationError(CommandLineLanguage.pick(fr: "--retention-days va de 0 à 36500.", en: "--retention-days must be between 0 and 36500."))
        }
        guard (1...100_000).contains(messageBurst) else {
            throw ValidationError(CommandLineLanguage.pick(fr: "--message-burst va de 1 à 100000.", en: "--message-burst must be between 1 and 100000."))
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError(CommandLineLanguage.pick(
                fr: "--log-level vaut trace, debug, info, notice, warning ou error.",
                en: "--log-level must be one of trace, debug, info, notice, warning, error."))
        }
        if let database {
            do {
                _ = try DatabaseLocation(database)
            } catch {
                throw ValidationError("--db: \(error)")
            }
        }
    }

    func run() async throws {
        DescriptorLimit.raise()
        var logger = Logger(label: "momentum.server")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let environment = ProcessInfo.processInfo.environment
        let databaseURL = database ?? environment["MOMENTUM_DB_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? ServerConfig.defaultDatabasePath()
        let shown = (try? DatabaseLocation(databaseURL))?.redacted ?? databaseURL
        var config = ServerConfig(
            host: host, port: port,
            databasePath: databaseURL,
            adminToken: try SecretSource.resolve(option: adminToken, file: adminTokenFile, environment: "MOMENTUM_ADMIN_TOKEN", in: environment),
            pollTimeoutCap: pollTimeout)
        config.messageBurst = messageBurst
        config.roomQuotaBytes = Int64(roomQuotaMb) * 1024 * 1024
        config.retentionDays = retentionDays
        config.idleTimeout = TimeInterval(idleTimeout)
        config.connectionsPerAddress = connectionsPerAddress
        // For benchmarks only: every long-poll through Hummingbird's router, to compare.
        config.pollFastPath = environment["MOMENTUM_POLL_FAST_PATH"] != "off"
        config.trustedProxies = trustedProxies
        let server: SessionServer
        do {
            server = try SessionServer(config: config, logger: logger)
            try await server.prepare()
        } catch {
            Console.err("momentum: cannot open the database \(shown): \(error)")
            throw ExitCode(2)
        }
        if let workshop {
            let request = try WorkshopFile.load(workshop)
            let name = room ?? URL(fileURLWithPath: workshop).standardizedFileURL.path
            switch try await server.openWorkshop(request, name: name) {
            case .created(let created):
                Console.out("""
                    Workshop "\(request.title)" is open.
                      join code:      \(created.code)
                      moderator key:  \(created.moderatorKey)   (for the expert only; shown once)
                    """)
            case .reopened(_, let code, let title):
                Console.out("""
                    Workshop "\(title)" is open again, as it was left.
                      join code:      \(code)
                      moderator key:  the one shown when this room was created (--room NEW opens a new room with a new key)
                    """)
            }
        }
        let shownHost = host
        try await server.run { port in
            Console.out("momentum: listening on http://\(shownHost):\(port)")
        }
    }
}
