import Foundation
import Testing
import TestSupport

/// The real binary's help and argument errors for every subcommand, in French when the locale
/// or `--lang` says so: no English sentence of ours left, whatever the subcommand.
@Suite("Every subcommand's help in French")
struct CommandLineFrenchEndToEndTests {
    /// Runs `momentum` with `arguments`; everything it wrote, standard output and error.
    func run(_ arguments: [String], lang: String = "fr_FR.UTF-8") throws -> (text: String, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ServerProcess.binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = lang
        environment["LC_ALL"] = nil
        environment["LC_MESSAGES"] = nil
        process.environment = environment
        let path = NSTemporaryDirectory() + "momentum-help-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: path, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        process.standardOutput = file
        process.standardError = file
        try process.run()
        process.waitUntilExit()
        try file.close()
        return (String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self), process.terminationStatus)
    }

    @Test(arguments: [["--help"], ["serve", "--help"], ["migrate", "--help"], ["gallery", "--help"], ["join", "--help"], ["demo", "--help"]])
    func helpIsFrenchUnderAFrenchLocale(_ arguments: [String]) throws {
        let (text, status) = try run(arguments)
        #expect(status == 0)
        #expect(text.contains("UTILISATION :"), "\(text)")
        // Sentences of ours that were English before.
        for english in ["Run the session server", "The address to listen on", "Copy every room", "The SQLite file", "Draw ASCII only", "Show help information", "(default:", "(values:"] {
            #expect(!text.contains(english), "\(english) in \(text)")
        }
    }

    @Test func langOnTheCommandLineWinsAndArgumentErrorsAreFrench() throws {
        let help = try run(["serve", "--help", "--lang", "fr"], lang: "C.UTF-8")
        #expect(help.text.contains("Lancer le serveur des ateliers."), "\(help.text)")
        let english = try run(["serve", "--help", "--lang", "en"])
        #expect(english.text.contains("Run the session server."))
        let badPort = try run(["serve", "--port", "70000"])
        #expect(badPort.status != 0)
        #expect(badPort.text.contains("Erreur : --port va de 0 à 65535."), "\(badPort.text)")
        let noTarget = try run(["migrate"])
        #expect(noTarget.text.contains("Il manque"), "\(noTarget.text)")
        let badLang = try run(["migrate", "--from", "x.sqlite", "--lang", "de"])
        #expect(badLang.text.contains("--lang vaut fr ou en"), "\(badLang.text)")
    }
}
