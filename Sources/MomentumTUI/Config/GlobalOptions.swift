import ArgumentParser
import Foundation

/// The options every room command shares (`join`, `demo`): language, plain mode, colours,
/// ASCII drawing and a log file. A command takes them with `@OptionGroup var global: GlobalOptions`;
/// `Settings.resolve` merges them with the config file and the environment.
package struct GlobalOptions: ParsableArguments {
    @Option(
        name: .customLong("lang"),
        help: ArgumentHelp(
            CommandLineLanguage.pick(
                fr: "La langue de l'interface : fr (français) ou en (anglais). Par défaut : \"language\" dans le fichier de configuration, sinon le français quand LC_ALL, LC_MESSAGES ou LANG est français, sinon l'anglais.",
                en: "The language of the interface: fr (French) or en (English). Default: \"language\" in the config file, else French when LC_ALL, LC_MESSAGES or LANG is French, else English."),
            valueName: "fr|en"))
    var lang: String?

    @Flag(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "Mode simple : pas d'interface plein écran, une phrase par ligne sur la sortie standard et les commandes lues sur l'entrée standard, pour les lecteurs d'écran, les plages braille, les terminaux simples et les tubes.",
        en: "Plain mode: no full-screen interface, one sentence per line on standard output and commands read from standard input, for screen readers, braille displays, dumb terminals and pipes.")))
    var plain = false

    @Flag(name: .customLong("no-color"), help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "Sans couleurs : seulement le gras, le souligné et la vidéo inverse (la variable d'environnement NO_COLOR fait de même).",
        en: "No colours: only bold, underline and reverse video (the NO_COLOR environment variable does the same).")))
    var noColor = false

    @Flag(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "Dessiner en caractères ASCII seulement (bordures +-|, symboles ★ ● ✋ en * o o/...), pour les terminaux sans UTF-8.",
        en: "Draw with ASCII characters only (+-| borders, symbols such as ★ ● ✋ as * o o/...), for terminals without UTF-8.")))
    var ascii = false

    @Option(
        name: .customLong("log-file"),
        help: ArgumentHelp(CommandLineLanguage.pick(
            fr: "Ajouter les messages de diagnostic (problèmes de connexion, avertissements du serveur de la démo) à ce fichier ; l'écran ne les montre jamais.",
            en: "Append diagnostic messages (connection problems, the demo server's warnings) to this file; the screen never shows them."), valueName: "path"))
    var logFile: String?

    /// `--lang` as a language; nil when not given (`validate` has refused anything else).
    var language: Language? { lang.flatMap(Language.init(rawValue:)) }

    func validate() throws {
        if let lang, Language(rawValue: lang) == nil {
            throw ValidationError(CommandLineLanguage.pick(
                fr: "--lang vaut fr ou en (fr pour le français, en pour l'anglais), pas \"\(lang)\".",
                en: "--lang must be fr or en (fr for French, en for English), not \"\(lang)\"."))
        }
        if let logFile {
            guard !logFile.isEmpty else {
                throw ValidationError(CommandLineLanguage.pick(fr: "--log-file attend un chemin de fichier, comme /tmp/momentum.log.", en: "--log-file needs a file path, such as /tmp/momentum.log."))
            }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: logFile, isDirectory: &isFolder), isFolder.boolValue {
                throw ValidationError(CommandLineLanguage.pick(
                    fr: "--log-file \(logFile) est un dossier ; donne un chemin de fichier, comme \(logFile)/momentum.log.",
                    en: "--log-file \(logFile) is a folder; give a file path, such as \(logFile)/momentum.log."))
            }
            let folder = (logFile as NSString).deletingLastPathComponent
            if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
                throw ValidationError(CommandLineLanguage.pick(fr: "--log-file : le dossier \(folder) n'existe pas.", en: "--log-file: the folder \(folder) does not exist."))
            }
        }
    }
}
