import ArgumentParser
import Foundation

/// The options every room command shares (`join`, `demo`): language, plain mode, colours,
/// ASCII drawing and a log file. A command takes them with `@OptionGroup var global: GlobalOptions`;
/// `Settings.resolve` merges them with the config file and the environment.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .customLong("lang"),
        help: ArgumentHelp(
            "The language of the interface: fr (French) or en (English). Default: \"language\" in the config file, else French when LC_ALL, LC_MESSAGES or LANG is French, else English.",
            valueName: "fr|en"))
    var lang: String?

    @Flag(help: "Plain mode: no full-screen interface, one sentence per line on standard output and commands read from standard input, for screen readers, braille displays, dumb terminals and pipes.")
    var plain = false

    @Flag(name: .customLong("no-color"), help: "No colours: only bold, underline and reverse video (the NO_COLOR environment variable does the same).")
    var noColor = false

    @Flag(help: "Draw with ASCII characters only (+-| borders, ...), for terminals without UTF-8.")
    var ascii = false

    @Option(
        name: .customLong("log-file"),
        help: ArgumentHelp("Append diagnostic messages (connection problems, the demo server's warnings) to this file; the screen never shows them.", valueName: "path"))
    var logFile: String?

    /// `--lang` as a language; nil when not given (`validate` has refused anything else).
    var language: Language? { lang.flatMap(Language.init(rawValue:)) }

    func validate() throws {
        if let lang, Language(rawValue: lang) == nil {
            let choices = Language.allCases.map(\.rawValue).joined(separator: " or ")
            throw ValidationError("--lang must be \(choices) (fr for French, en for English), not \"\(lang)\".")
        }
        if let logFile {
            guard !logFile.isEmpty else { throw ValidationError("--log-file needs a file path, such as /tmp/momentum.log.") }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: logFile, isDirectory: &isFolder), isFolder.boolValue {
                throw ValidationError("--log-file \(logFile) is a folder; give a file path, such as \(logFile)/momentum.log.")
            }
            let folder = (logFile as NSString).deletingLastPathComponent
            if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
                throw ValidationError("--log-file: the folder \(folder) does not exist.")
            }
        }
    }
}
