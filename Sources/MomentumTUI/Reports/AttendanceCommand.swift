import ArgumentParser
import Foundation
import SessionClient
import SessionModel

/// `momentum attendance`: the expert's attendance register (émargement), as a printable
/// Markdown sheet, CSV or JSON, without taking a seat in the room.
struct AttendanceCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "attendance",
            abstract: CommandLineLanguage.pick(fr: "Écrire la feuille d'émargement d'un atelier.", en: "Write a workshop's attendance sheet."),
            discussion: CommandLineLanguage.pick(
                fr: """
                Par demi-journée : qui était connecté·e, de quand à quand, combien de minutes, et présent·e ou non. Présent·e : connecté·e au moins la moitié de la demi-journée ; une absence de moins de 10 minutes (une connexion coupée) ne compte pas comme un départ ; quelqu'un qui revient sous le même nom reste une seule personne. La clé de modération ouvre le registre sans prendre de place dans la salle.
                  momentum attendance http://127.0.0.1:8080 --code K7M2QX --moderator-key-file cle.txt --out emargement.md
                  momentum attendance URL --code K7M2QX --out presences.csv
                """,
                en: """
                Per half-day: who was connected, from when to when, for how many minutes, and present or not. Present: connected at least half of the half-day; an absence shorter than 10 minutes (a dropped connection) is no departure; someone who comes back under the same name stays one person. The moderator key opens the register without taking a seat in the room.
                  momentum attendance http://127.0.0.1:8080 --code K7M2QX --moderator-key-file key.txt --out attendance.md
                  momentum attendance URL --code K7M2QX --out attendance.csv
                """))
    }

    @OptionGroup var options: ReportOptions

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "md (feuille à imprimer, avec une colonne de signature), csv ou json ; par défaut selon l'extension de --out, sinon md.",
        en: "md (a sheet to print, with a signature column), csv or json; by default from the extension of --out, else md."),
        valueName: "md|csv|json"))
    var format: String?

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "Les demi-journées, à l'heure locale.", en: "The half-days, in local time."), valueName: "08:00-12:30,13:30-18:00"))
    var halfDays: String?

    func validate() throws {
        if let halfDays, HalfDay.parseList(halfDays) == nil { throw ValidationError(options.language.reports.badHalfDays) }
    }

    func run() async throws {
        let language = options.language
        let chosen = try ReportCommand.format(format, path: options.out, allowed: ["md", "csv", "json"], fallback: "md", language: language)
        guard let key = try options.key(ProcessInfo.processInfo.environment) else { throw ValidationError(language.reports.needsKey) }
        let (code, halfDays) = (options.code, halfDays)
        let register = try await ReportCommand.fetch(options.url, caFile: options.caFile, language: language) { api async throws(ClientError) in
            try await api.attendance(room: code, token: key, halfDays: halfDays, timeZone: TimeZone.current.identifier)
        }
        let text: String
        switch chosen {
        case "csv": text = register.csv()
        case "json": text = String(decoding: (try? WireCoding.encoder().encode(register)) ?? Data(), as: UTF8.self) + "\n"
        default: text = AttendanceSheet(register: register, strings: language.reports).markdown()
        }
        try ReportCommand.write(text, to: options.out, rows: register.rows.count, language: language)
    }
}
