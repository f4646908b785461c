package import ArgumentParser
import Foundation

/// The language of `--help`, of argument errors and of the options' own checks, decided before
/// the arguments are parsed: `--lang fr|en` on the command line, else the locale
/// (`LC_ALL`, `LC_MESSAGES`, `LANG`). The config file's "language" is read after parsing, so it
/// does not apply here.
///
/// swift-argument-parser writes its help and errors in English with no hook for another
/// language, so the headings and the parser's sentences are translated on the way out
/// (`french(_:)`), and our own help texts come in both languages through `pick`.
package enum CommandLineLanguage {
    package static let current: Language = detect(arguments: CommandLine.arguments, environment: ProcessInfo.processInfo.environment)

    package static func detect(arguments: [String], environment: [String: String]) -> Language {
        for (index, argument) in arguments.enumerated() {
            if argument.hasPrefix("--lang="), let language = Language(rawValue: String(argument.dropFirst(7))) { return language }
            if argument == "--lang", index + 1 < arguments.count, let language = Language(rawValue: arguments[index + 1]) { return language }
        }
        return Language.detect(environment: environment)
    }

    /// One of two texts, by the command line's language.
    package static func pick(fr: String, en: String) -> String { current == .fr ? fr : en }

    /// The parser's help or error text in French: headings, the built-in flags, its sentences.
    package static func french(_ text: String) -> String {
        var out = text
        let replacements: [(String, String)] = [
            ("OVERVIEW:", "PRÉSENTATION :"), ("USAGE:", "UTILISATION :"), ("ARGUMENTS:", "ARGUMENTS :"),
            ("OPTIONS:", "OPTIONS :"), ("SUBCOMMANDS:", "SOUS-COMMANDES :"),
            ("Show help information.", "Affiche cette aide."), ("Show the version.", "Affiche la version."),
            ("See 'momentum help <subcommand>' for detailed help.", "Voir « momentum help <sous-commande> » pour l'aide de chacune."),
            ("(default: ", "(par défaut : "), ("(default)", "(par défaut)"), ("(values: ", "(valeurs : "), ("; default: ", " ; par défaut : "),
            ("Error: ", "Erreur : "), ("Usage: ", "Utilisation : "), ("Help:  ", "Aide : "),
            ("Missing expected argument ", "Il manque l'argument "), ("Missing value for ", "Il manque une valeur après "),
            ("Unknown option ", "Option inconnue : "), ("Unexpected argument ", "Argument en trop : "),
            ("Unexpected arguments ", "Arguments en trop : "), ("Unknown subcommand ", "Sous-commande inconnue : "),
            ("The value ", "La valeur "), (" is invalid for ", " ne convient pas pour "),
            ("Did you mean ", "Vouliez-vous dire "), ("<subcommand>", "<sous-commande>"),
        ]
        for (english, french) in replacements { out = out.replacingOccurrences(of: english, with: french) }
        // The parser wraps long lines: "(default:" may end a line, its value on the next.
        out = out.replacing(/\(default:(\s)/) { "(par défaut :\($0.output.1)" }
        out = out.replacing(/\(values:(\s)/) { "(valeurs :\($0.output.1)" }
        // "See 'momentum join --help' for more information."
        out = out.replacing(/See '([^']+)' for more information\./) { "Voir « \($0.output.1) » pour en savoir plus." }
        return out
    }
}

extension ParsableCommand {
    /// Parses, runs, and on the way out says help and errors in the command line's language.
    /// The `main` of both executables, `momentum` and `momentum-server`.
    package static func runInLanguage() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            var text = fullMessage(for: error)
            if CommandLineLanguage.current == .fr { text = CommandLineLanguage.french(text) }
            if !text.isEmpty {
                let stream = code == .success ? FileHandle.standardOutput : FileHandle.standardError
                stream.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
            }
            Foundation.exit(code.rawValue)
        }
    }
}
