import ArgumentParser

/// `--lang fr|en` for the commands that have no room (`serve`, `migrate`, `gallery`): it only
/// picks the language of their help and argument errors (`CommandLineLanguage` reads it
/// before parsing); it is declared so that the parser accepts it.
package struct LanguageOption: ParsableArguments {
    @Option(
        name: .customLong("lang"),
        help: ArgumentHelp(
            CommandLineLanguage.pick(
                fr: "La langue de l'aide et des erreurs : fr (français) ou en (anglais). Par défaut : le français quand LC_ALL, LC_MESSAGES ou LANG est français, sinon l'anglais.",
                en: "The language of help and errors: fr (French) or en (English). Default: French when LC_ALL, LC_MESSAGES or LANG is French, else English."),
            valueName: "fr|en"))
    var lang: String?

    func validate() throws {
        if let lang, Language(rawValue: lang) == nil {
            throw ValidationError(CommandLineLanguage.pick(fr: "--lang vaut fr ou en, pas « \(lang) ».", en: "--lang is fr or en, not \"\(lang)\"."))
        }
    }
}
