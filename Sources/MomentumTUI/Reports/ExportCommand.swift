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

    @OptionGroup var options: ReportOptions

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "Ton prénom dans l'atelier : la place gardée sur cet ordinateur est utilisée.",
        en: "Your name in the workshop: the seat kept on this computer is used.")))
    var name: String?

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "md ou txt ; par défaut selon l'extension de --out, sinon md.", en: "md or txt; by default from the extension of --out, else md."),
        valueName: "md|txt"))
    var format: String?

    func run() async throws {
        let language = options.language
        let chosen = try ReportCommand.format(format, path: options.out, allowed: ["md", "txt"], fallback: "md", language: language)
        let (room, token) = try reader(language: language, environment: ProcessInfo.processInfo.environment)
        let transcript = try await ReportCommand.fetch(options.url, caFile: options.caFile, language: language) { api async throws(ClientError) in
            try await api.export(room: room, token: token, format: Transcript.Format(rawValue: chosen) ?? .md, lang: language.rawValue)
        }
        try ReportCommand.write(transcript, to: options.out, rows: nil, language: language)
    }

    /// The room and the token to read it with: the moderator key (the room named by its
    /// code), else the seat saved for `--name`.
    private func reader(language: Language, environment: [String: String]) throws -> (room: String, token: String) {
        if let key = try options.key(environment) { return (options.code, key) }
        guard let name else { throw ValidationError(language.reports.needsNameOrKey) }
        // A learner's seat, else an expert's (the key of a seat says the role, not the key).
        let seats = SeatStore.standard(environment: environment)
        for role in [nil, ""] as [String?] {
            if let seat = seats?.load(SeatStore.key(server: options.url, join: JoinRequest(code: options.code, name: name, moderatorKey: role))) {
                return (seat.roomId, seat.token)
            }
        }
        throw ValidationError(language.reports.noSeat(name))
    }
}
