import Foundation
import Testing
import TestSupport

/// The real binary's help and argument errors for every subcommand, in French when the locale
/// or `--lang` says so: no English sentence of ours left, whatever the subcommand.
@Suite("Every subcommand's help in French")
struct CommandLineFrenchEndToEndTests {
    /// Runs `momentum` with `arguments`; everything it wrote, standard output and error.
    func run(_ arguments: [String], lang: String = "fr_FR.UTF-8") async throws -> (text: String, status: Int32) {
        try await MomentumCommand.run(arguments, environment: ["LANG": lang, "LC_ALL": nil, "LC_MESSAGES": nil])
    }

    @Test(arguments: [["--help"], ["serve", "--help"], ["migrate", "--help"], ["gallery", "--help"], ["join", "--help"], ["demo", "--help"], ["attendance", "--help"], ["export", "--help"]])
    func helpIsFrenchUnderAFrenchLocale(_ arguments: [String]) async throws {
        let (text, status) = try await run(arguments)
        #expect(status == 0)
        #expect(text.contains("UTILISATION :"), "\(text)")
        // Sentences of ours that were English before.
        for english in ["Run the session server", "The address to listen on", "Copy every room", "The SQLite file", "Draw ASCII only", "Show help information", "(default:", "(values:"] {
            #expect(!text.contains(english), "\(english) in \(text)")
        }
    }

    @Test func langOnTheCommandLineWinsAndArgumentErrorsAreFrench() async throws {
        let help = try await run(["serve", "--help", "--lang", "fr"], lang: "C.UTF-8")
        #expect(help.text.contains("Lancer le serveur des ateliers."), "\(help.text)")
        let english = try await run(["serve", "--help", "--lang", "en"])
        #expect(english.text.contains("Run the session server."))
        let badPort = try await run(["serve", "--port", "70000"])
        #expect(badPort.status != 0)
        #expect(badPort.text.contains("Erreur : --port va de 0 à 65535."), "\(badPort.text)")
        let noTarget = try await run(["migrate"])
        #expect(noTarget.text.contains("Il manque"), "\(noTarget.text)")
        let badLang = try await run(["migrate", "--from", "x.sqlite", "--lang", "de"])
        #expect(badLang.text.contains("--lang vaut fr ou en"), "\(badLang.text)")
    }
}
