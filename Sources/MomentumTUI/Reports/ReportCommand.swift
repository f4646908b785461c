import ArgumentParser
import Foundation
import Glibc
import SessionClient
import SessionModel

/// What `momentum attendance` and `momentum export` share: the server's address, the
/// language, one request through curl, and writing the file.
enum ReportCommand {
    static func checkURL(_ url: String) throws {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            throw ValidationError(CommandLineLanguage.pick(
                fr: "L'adresse du serveur doit commencer par http:// ou https:// (par exemple http://127.0.0.1:8080).",
                en: "The server address must start with http:// or https:// (for example http://127.0.0.1:8080)."))
        }
    }

    /// The language of messages: `--lang`, else the locale.
    static func language(_ option: String?) -> Language {
        option.flatMap(Language.init(rawValue:)) ?? CommandLineLanguage.current
    }

    /// Runs `call` against the server and ends the command with the server's refusal, in the
    /// user's language, when it fails.
    static func fetch<T: Sendable>(
        _ url: String, caFile: String?, language: Language, _ call: @Sendable (SessionAPI) async throws(ClientError) -> T
    ) async throws -> T {
        let engine = CurlEngine(caFile: caFile ?? ProcessInfo.processInfo.environment["SSL_CERT_FILE"].flatMap { $0.isEmpty ? nil : $0 })
        defer { engine.shutdown() }
        do {
            return try await call(SessionAPI(baseURL: url, transport: engine))
        } catch {
            Console.err("momentum: " + language.strings.describe(error))
            throw ExitCode.failure
        }
    }

    /// Writes `text` to `path` ("-" for standard output) and says so on standard error.
    static func write(_ text: String, to path: String, rows: Int?, language: Language) throws {
        if path == "-" {
            // Others' words on a terminal: escape sequences become visible placeholders, as
            // everywhere the client draws (a file or a pipe gets the text as it is).
            let shown = isatty(STDOUT_FILENO) == 1 ? TextSanitizer.displaySafe(text, keepNewlines: true) : text
            FileHandle.standardOutput.write(Data(shown.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            Console.err("momentum: " + language.reports.cannotWrite(path, (error as NSError).localizedDescription))
            throw ExitCode.failure
        }
        Console.err("momentum: " + language.reports.written(path, rows))
    }

    /// The format asked for, else the one the file's extension names, else `fallback`.
    static func format(_ option: String?, path: String, allowed: [String], fallback: String, language: Language) throws -> String {
        let chosen = option ?? allowed.first { path.lowercased().hasSuffix("." + $0) } ?? fallback
        guard allowed.contains(chosen) else {
            throw ValidationError(language.reports.badFormat(chosen, allowed.joined(separator: ", ")))
        }
        return chosen
    }
}
