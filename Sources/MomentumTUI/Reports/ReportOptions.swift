import ArgumentParser
import Foundation

/// What `momentum attendance` and `momentum export` both take: the server, the room's code,
/// the moderator key (and where else it may come from), the file and the language.
struct ReportOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(CommandLineLanguage.pick(fr: "L'adresse du serveur, comme http://127.0.0.1:8080.", en: "The server's address, such as http://127.0.0.1:8080.")))
    var url: String

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(fr: "Le code de l'atelier.", en: "The workshop's join code.")))
    var code: String

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "La clé de modération (mieux : --moderator-key-file ou MOMENTUM_MODERATOR_KEY, que ps ne montre pas).",
        en: "The moderator key (better: --moderator-key-file or MOMENTUM_MODERATOR_KEY, which ps does not show).")))
    var moderatorKey: String?

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(fr: "Un fichier dont la première ligne est la clé de modération.", en: "A file whose first line is the moderator key.")))
    var moderatorKeyFile: String?

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(fr: "Le fichier à écrire ; - pour la sortie standard.", en: "The file to write; - for standard output.")))
    var out: String = "-"

    @Option(name: .customLong("lang"), help: ArgumentHelp(CommandLineLanguage.pick(fr: "La langue du fichier et des messages.", en: "The language of the file and of messages."), valueName: "fr|en"))
    var lang: String?

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(fr: "Les autorités de certification à reconnaître (PEM).", en: "The certificate authorities to trust (PEM)."), valueName: "path"))
    var caFile: String?

    func validate() throws { try ReportCommand.checkURL(url) }

    /// `--lang`, else the locale.
    var language: Language { ReportCommand.language(lang) }

    /// The moderator key from the option, the file or MOMENTUM_MODERATOR_KEY; nil when none.
    func key(_ environment: [String: String]) throws -> String? {
        try SecretSource.resolve(option: moderatorKey, file: moderatorKeyFile, environment: "MOMENTUM_MODERATOR_KEY", in: environment)
    }
}
