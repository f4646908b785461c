import ArgumentParser
import Foundation
import SessionClient
import SessionModel

/// `momentum export`: a workshop's transcript as Markdown or plain text. It never joins: a
/// join would add someone to the room's roster. It reads with the seat this computer keeps
/// for `--name` (the learner's view), or with the moderator key (the expert's view).
struct ExportCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "export",
            abstract: CommandLineLanguage.pick(fr: "Écrire le compte rendu d'un atelier.", en: "Write a workshop's transcript."),
            discussion: CommandLineLanguage.pick(
                fr: """
                Le programme avec ses heures, la discussion (sans les messages supprimés), les sondages et leurs résultats, les questions publiées ; celui de l'expert·e contient aussi les questions privées. En Markdown (.md) ou en texte simple pour les lecteurs d'écran (.txt). Pour ne pas entrer dans la salle, la commande lit avec la place que cet ordinateur garde pour --name (rejoins d'abord avec momentum join), ou avec la clé de modération.
                  momentum export http://127.0.0.1:8080 --code K7M2QX --name Karim --out atelier.md
                  momentum export URL --code K7M2QX --moderator-key-file cle.txt --out atelier.txt
                """,
                en: """
                The agenda with its times, the chat (without deleted messages), the polls with their results, the published questions; the expert's also holds the private questions. As Markdown (.md) or plain text for screen readers (.txt). So as not to enter the room, the command reads with the seat this computer keeps for --name (join first with momentum join), or with the moderator key.
                  momentum export http://127.0.0.1:8080 --code K7M2QX --name Karim --out workshop.md
                  momentum export URL --code K7M2QX --moderator-key-file key.txt --out workshop.txt
                """))
    }

    @Argument(help: ArgumentHelp(CommandLineLanguage.pick(fr: "L'adresse du serveur, comme http://127.0.0.1:8080.", en: "The server's address, such as http://127.0.0.1:8080.")))
    var url: String

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(fr: "Le code de l'atelier.", en: "The workshop's join code.")))
    var code: String

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "Ton prénom dans l'atelier : la place gardée sur cet ordinateur est utilisée.",
        en: "Your name in the workshop: the seat kept on this computer is used.")))
    var name: String?

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "La clé de modération (mieux : --moderator-key-file ou MOMENTUM_MODERATOR_KEY).",
        en: "The moderator key (better: --moderator-key-file or MOMENTUM_MODERATOR_KEY).")))
    var moderatorKey: String?

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(fr: "Un fichier dont la première ligne est la clé de modération.", en: "A file whose first line is the moderator key.")))
    var moderatorKeyFile: String?

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(fr: "Le fichier à écrire ; - pour la sortie standard.", en: "The file to write; - for standard output.")))
    var out: String = "-"

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "md ou txt ; par défaut selon l'extension de --out, sinon md.", en: "md or txt; by default from the extension of --out, else md."),
        valueName: "md|txt"))
    var format: String?

    @Option(name: .customLong("lang"), help: ArgumentHelp(CommandLineLanguage.pick(fr: "La langue du compte rendu et des messages.", en: "The language of the transcript and of messages."), valueName: "fr|en"))
    var lang: String?

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(fr: "Les autorités de certification à reconnaître (PEM).", en: "The certificate authorities to trust (PEM)."), valueName: "path"))
    var caFile: String?

    func validate() throws { try ReportCommand.checkURL(url) }

    func run() async throws {
        let language = ReportCommand.language(lang)
        let environment = ProcessInfo.processInfo.environment
        let chosen = try ReportCommand.format(format, path: out, allowed: ["md", "txt"], fallback: "md", language: language)
        let (room, token) = try reader(language: language, environment: environment)
        let transcript = try await ReportCommand.fetch(url, caFile: caFile, language: language) { api async throws(ClientError) in
            try await api.export(room: room, token: token, format: Transcript.Format(rawValue: chosen) ?? .md, lang: language.rawValue)
        }
        try ReportCommand.write(transcript, to: out, rows: nil, language: language)
    }

    /// The room and the token to read it with: the moderator key (the room named by its
    /// code), else the seat saved for `--name`.
    private func reader(language: Language, environment: [String: String]) throws -> (room: String, token: String) {
        if let key = try SecretSource.resolve(option: moderatorKey, file: moderatorKeyFile, environment: "MOMENTUM_MODERATOR_KEY", in: environment) {
            return (code, key)
        }
        guard let name else { throw ValidationError(language.reports.needsNameOrKey) }
        // A learner's seat, else an expert's (the key of a seat says the role, not the key).
        let seats = SeatStore.standard(environment: environment)
        for role in [nil, ""] as [String?] {
            if let seat = seats?.load(SeatStore.key(server: url, join: JoinRequest(code: code, name: name, moderatorKey: role))) {
                return (seat.roomId, seat.token)
            }
        }
        throw ValidationError(language.reports.noSeat(name))
    }
}
