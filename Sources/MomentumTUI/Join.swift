import ArgumentParser
import Foundation
import SessionClient
import SessionModel

/// `momentum join`: take part in a workshop, full screen or, with `--plain`, line by line.
struct Join: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            abstract: CommandLineLanguage.pick(fr: "Rejoindre un atelier.", en: "Join a workshop."),
            discussion: CommandLineLanguage.pick(
                fr: "Plein écran : le programme, la discussion et les personnes de la salle. Entrée envoie un message ; F2 (ou Alt-H, ou /main) lève ou baisse la main ; Tab passe d'un panneau à l'autre ; F1 ou ? montre toutes les touches ; F10 (ou Ctrl-Q) demande avant de quitter, Ctrl-C quitte tout de suite. Avec --plain : une phrase par ligne, commandes /main, /qui, /programme, /aide, /quitter. L'adresse du serveur et ton prénom peuvent venir de ~/.config/momentum/config.json ; le code n'est jamais enregistré.",
                en: "Full screen: the agenda, the chat and the people in the room. Enter sends a message; F2 (or Alt-H, or /main) raises or lowers your hand; Tab moves between panes; F1 or ? shows every key; F10 (or Ctrl-Q) asks before leaving, Ctrl-C leaves at once. With --plain: one sentence per line, commands /hand, /who, /agenda, /help, /quit. The server address and your name can come from ~/.config/momentum/config.json; the code is never stored."))
    }

    @Argument(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "L'adresse du serveur, comme http://127.0.0.1:8080 (par défaut : \"server\" dans le fichier de configuration).",
        en: "The server's address, such as http://127.0.0.1:8080 (default: \"server\" in the config file).")))
    var url: String?

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(fr: "Le code de l'atelier (demandé s'il manque).", en: "The workshop's join code (asked for when missing).")))
    var code: String?

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "Ton prénom, tel que les autres le verront (par défaut : \"name\" dans le fichier de configuration ; demandé s'il manque).",
        en: "Your name, as the others will see it (default: \"name\" in the config file; asked for when missing).")))
    var name: String?

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "La clé de modération, pour rejoindre en tant qu'expert·e (mieux : --moderator-key-file ou MOMENTUM_MODERATOR_KEY, que ps ne montre pas).",
        en: "The moderator key, to join as the workshop's expert (better: --moderator-key-file or MOMENTUM_MODERATOR_KEY, which ps does not show).")))
    var moderatorKey: String?

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "Un fichier dont la première ligne est la clé de modération.",
        en: "A file whose first line is the moderator key.")))
    var moderatorKeyFile: String?

    @Flag(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "Rejoindre en tant qu'expert·e : la clé de modération vient de --moderator-key-file, de MOMENTUM_MODERATOR_KEY, ou elle est demandée sans s'afficher.",
        en: "Join as the workshop's expert: the moderator key comes from --moderator-key-file or MOMENTUM_MODERATOR_KEY, or is asked for without being shown.")))
    var expert = false

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "Un fichier PEM des autorités de certification à reconnaître au lieu de celles du système, pour un serveur https:// dont le certificat vient de l'autorité de ton école (par défaut : $SSL_CERT_FILE).",
        en: "A PEM file of the certificate authorities to trust instead of the system's, for an https:// server whose certificate comes from your school's own authority (default: $SSL_CERT_FILE)."),
        valueName: "path"))
    var caFile: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw ValidationError(CommandLineLanguage.pick(
                fr: "--ca-file : le fichier \(caFile) ne peut pas être lu ; vérifie son chemin et ses droits.",
                en: "--ca-file: the file \(caFile) cannot be read; check its path and permissions."))
        }
        if let url {
            let lower = url.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
                throw ValidationError(CommandLineLanguage.pick(
                    fr: "L'adresse du serveur doit commencer par http:// ou https:// (par exemple http://127.0.0.1:8080).",
                    en: "The server address must start with http:// or https:// (for example http://127.0.0.1:8080)."))
            }
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let config: MomentumConfig
        do { config = try MomentumConfig.load(environment: environment) } catch { throw ValidationError(String(describing: error)) }
        let settings = Settings.resolve(global, config: config, environment: environment)
        let strings = settings.language.strings
        var moderatorKey = try SecretSource.resolve(option: moderatorKey, file: moderatorKeyFile, environment: "MOMENTUM_MODERATOR_KEY", in: environment)
        if expert && moderatorKey == nil {
            // Typed at a prompt, the key shows neither in ps nor on the screen.
            guard let typed = SecretPrompt.ask(strings.askModeratorKey) else {
                throw ValidationError(CommandLineLanguage.pick(
                    fr: "--expert demande la clé de modération : donne-la avec --moderator-key-file FICHIER ou MOMENTUM_MODERATOR_KEY, ou lance la commande dans un terminal pour la taper.",
                    en: "--expert needs the moderator key: give it with --moderator-key-file FILE or MOMENTUM_MODERATOR_KEY, or run the command in a terminal to type it."))
            }
            moderatorKey = typed
        }
        guard let server = url ?? settings.serverURL else {
            throw ValidationError(CommandLineLanguage.pick(
                fr: "Donne l'adresse du serveur, par exemple : momentum join http://127.0.0.1:8080 --code ABC123 --name Karim",
                en: "Give the server's address, such as: momentum join http://127.0.0.1:8080 --code ABC123 --name Karim"))
        }
        // SSL_CERT_FILE is what OpenSSL's tools read; libcurl does not, so it is passed on here.
        let caFile = caFile ?? environment["SSL_CERT_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        let logger = try settings.logFile.map { try LogFile.Sink(path: $0).logger(label: "momentum.join", level: .info) }
        let plain = settings.plain || isatty(STDOUT_FILENO) == 0 || isatty(STDIN_FILENO) == 0
        let knownName = name ?? settings.name
        // The seat is kept, so that a client that crashed takes it back (and its name).
        let seats = SeatStore.standard(environment: environment)
        if !plain {
            // The full screen asks for what is missing in a small form of its own.
            let app = RoomApp(
                url: server, join: JoinRequest(code: code ?? "", name: knownName ?? "", moderatorKey: moderatorKey),
                strings: strings, colors: settings.theme == .color, ascii: settings.ascii, bell: settings.bell,
                logger: logger, seats: seats, caFile: caFile)
            try await finish(try await MainActor.run { try app.run() }, server: server, config: config, strings: strings)
            return
        }
        guard let code = try code ?? ask(strings.askCode), let name = try knownName ?? ask(strings.askName) else {
            throw ValidationError(CommandLineLanguage.pick(
                fr: "--code et --name sont nécessaires quand l'entrée standard n'est pas un terminal.",
                en: "--code and --name are needed when standard input is not a terminal."))
        }
        try await PlainRoom(url: server, code: code, name: name, moderatorKey: moderatorKey, strings: strings, seats: seats,
                            logger: logger, caFile: caFile).run()
    }

    /// After the room: remember the server and name, or say why the room ended.
    private func finish(_ outcome: RoomApp.Outcome, server: String, config: MomentumConfig, strings: Strings) async throws {
        switch outcome {
        case .quit(let name, let unsent):
            if let name { _ = try? config.saving(serverURL: server, name: name) }
            if unsent > 0 { Console.err("momentum: " + strings.unsentAtQuit(unsent)) }
        case .unreachable:
            Console.err("momentum: " + strings.neverReached)
            throw ExitCode.failure
        case .ended(let reason):
            switch reason {
            case .removed: Console.err(strings.endRemoved)
            case .left, .stopped: return
            case .refused(let code, let message): Console.err("momentum: " + strings.refused(code, message))
            case .untrusted: Console.err("momentum: " + strings.untrusted)
            }
            throw ExitCode.failure
        }
    }

    /// Asks on the terminal for what the command line did not give; nil without a terminal.
    private func ask(_ prompt: String) throws -> String? {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        FileHandle.standardOutput.write(Data(prompt.utf8))
        guard let answer = readLine()?.trimmingCharacters(in: .whitespaces), !answer.isEmpty else { return nil }
        return answer
    }
}
