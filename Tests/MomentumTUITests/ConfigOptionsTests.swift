import ArgumentParser
import Foundation
import Testing
@testable import MomentumCLI
@testable import MomentumServerCLI
@testable import MomentumTUI

/// The shared command-line options, how they merge with the config file and the
/// environment, the demo's options, and `momentum --help`.
@Suite("Global options and settings")
struct ConfigOptionsTests {
    let config = MomentumConfig(path: "/nowhere/config.json")

    @Test func everyOptionIsParsed() throws {
        let log = FileManager.default.temporaryDirectory.path + "/momentum-\(UUID().uuidString).log"
        let options = try GlobalOptions.parse(["--lang", "en", "--plain", "--no-color", "--ascii", "--log-file", log])
        #expect(options.language == .en)
        #expect(options.plain && options.noColor && options.ascii)
        #expect(options.logFile == log)
        let none = try GlobalOptions.parse([])
        #expect(none.language == nil && !none.plain && !none.noColor && !none.ascii && none.logFile == nil)
    }

    @Test func anUnknownLanguageIsRefusedWithTheChoices() {
        do {
            _ = try GlobalOptions.parse(["--lang", "de"])
            Issue.record("--lang de was accepted")
        } catch {
            let message = GlobalOptions.message(for: error)
            #expect(message.contains("--lang must be fr or en"), "\(message)")
            #expect(message.contains("\"de\""), "\(message)")
        }
    }

    @Test func aLogFileInAMissingFolderOrThatIsAFolderIsRefused() {
        #expect(throws: (any Error).self) { try GlobalOptions.parse(["--log-file", "/no/such/folder/momentum.log"]) }
        #expect(throws: (any Error).self) { try GlobalOptions.parse(["--log-file", FileManager.default.temporaryDirectory.path]) }
    }

    @Test func theCommandLineWinsOverTheConfigFileWhichWinsOverTheEnvironment() throws {
        var config = self.config
        config.language = .fr
        config.theme = .color
        let environment = ["LANG": "en_US.UTF-8", "NO_COLOR": "1"]
        let fromFile = Settings.resolve(try GlobalOptions.parse([]), config: config, environment: environment)
        #expect(fromFile.language == .fr)
        // no-color.org: the user's own configuration may ask for colours despite NO_COLOR.
        #expect(fromFile.theme == .color)
        let fromFlags = Settings.resolve(try GlobalOptions.parse(["--lang", "en", "--no-color"]), config: config, environment: environment)
        #expect(fromFlags.language == .en)
        #expect(fromFlags.theme == .monochrome)
    }

    @Test func withoutFlagsOrFileTheEnvironmentDecides() throws {
        let none = try GlobalOptions.parse([])
        let french = Settings.resolve(none, config: config, environment: ["LANG": "fr_FR.UTF-8"])
        #expect(french == Settings(language: .fr, theme: .color, ascii: false, bell: true, plain: false))
        #expect(Settings.resolve(none, config: config, environment: ["LANG": "C"]).language == .en)
        #expect(Settings.resolve(none, config: config, environment: ["NO_COLOR": "1"]).theme == .monochrome)
        #expect(Settings.resolve(none, config: config, environment: ["NO_COLOR": ""]).theme == .color)
        #expect(Settings.resolve(none, config: config, environment: ["TERM": "dumb"]).plain)
    }

    @Test func switchesComeFromEitherTheFlagOrTheFile() throws {
        var config = self.config
        config.ascii = true
        config.plain = true
        config.bell = false
        config.serverURL = "http://127.0.0.1:8080"
        config.name = "Karim"
        let settings = Settings.resolve(try GlobalOptions.parse([]), config: config, environment: [:])
        #expect(settings.ascii && settings.plain && !settings.bell)
        #expect(settings.serverURL == "http://127.0.0.1:8080" && settings.name == "Karim")
        #expect(settings.widgetTheme.asciiOnly)
        let flags = Settings.resolve(try GlobalOptions.parse(["--ascii", "--plain"]), config: self.config, environment: [:])
        #expect(flags.ascii && flags.plain && flags.bell)
        #expect(flags.widgetTheme == .color.ascii)
    }

    @Test func theLogFileGetsOneLinePerMessageAndKeepsWhatWasThere() throws {
        let path = FileManager.default.temporaryDirectory.path + "/momentum-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("earlier\n".utf8).write(to: URL(fileURLWithPath: path))
        let logger = try LogFile.Sink(path: path).logger(label: "momentum.test", level: .warning)
        logger.info("not at this level")
        logger.warning("server unreachable", metadata: ["attempt": "3"])
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first == "earlier")
        #expect(lines.last?.hasSuffix("warning momentum.test: server unreachable attempt=3") == true, "\(lines)")
    }

    // MARK: momentum demo

    @Test func demoDefaultsToALearnerAmongSixParticipants() throws {
        let demo = try Demo.parse([])
        #expect(demo.role == .learner)
        #expect(demo.participants == 6)
        let expert = try Demo.parse(["--as", "expert", "--participants", "15", "--lang", "en"])
        #expect(expert.role == .expert && expert.participants == 15 && expert.global.language == .en)
    }

    @Test(arguments: ["0", "16", "99"])
    func demoRefusesAParticipantCountOutsideOneToFifteen(count: String) {
        do {
            _ = try Demo.parse(["--participants", count])
            Issue.record("--participants \(count) was accepted")
        } catch {
            #expect(Demo.message(for: error).contains("--participants must be between 1 and 15"), "\(Demo.message(for: error))")
        }
    }

    @Test func demoRefusesARoleThatIsNeitherLearnerNorExpert() {
        do {
            _ = try Demo.parse(["--as", "boss"])
            Issue.record("--as boss was accepted")
        } catch {
            let message = Demo.message(for: error)
            #expect(message.contains("learner") && message.contains("expert") && message.contains("boss"), "\(message)")
        }
    }

    @Test func demoRefusesAnEmptyOrTooLongName() {
        #expect(throws: (any Error).self) { try Demo.parse(["--name", " "]) }
        #expect(throws: (any Error).self) { try Demo.parse(["--name", String(repeating: "x", count: 33)]) }
        #expect(throws: (any Error).self) { try Demo.parse(["--lang", "es"]) }
    }

    @Test func theDemoRoomSaysHowASecondTerminalJoins() {
        let room = DemoRoom(url: "http://127.0.0.1:4321", code: "K7M2QX", roomModeratorKey: "KEY", role: .learner, name: "Invité", participants: 6)
        #expect(room.joinHint == "momentum join http://127.0.0.1:4321 --code K7M2QX --name NAME")
        #expect(room.moderatorKey == nil)
        #expect(room.banner.contains(room.joinHint))
        var expert = room
        expert.role = .expert
        #expect(expert.moderatorKey == "KEY")
    }

    // MARK: momentum --help and --version

    @Test func theHelpShowsAnExampleOfEachSubcommand() {
        let help = Momentum.helpMessage(columns: 200)
        for example in ["momentum demo", "momentum serve --workshop", "momentum join http://", "--moderator-key", "config.json", "--version"] {
            #expect(help.contains(example), "no \(example) in the help")
        }
        #expect(Demo.helpMessage(columns: 200).contains("momentum join http://127.0.0.1:PORT --code CODE --name NAME"))
    }

    @Test func versionPrintsTheVersion() {
        do {
            _ = try Momentum.parseAsRoot(["--version"])
            Issue.record("--version did not exit")
        } catch {
            #expect(Momentum.exitCode(for: error) == .success)
            #expect(Momentum.message(for: error) == Momentum.version)
        }
    }
}
