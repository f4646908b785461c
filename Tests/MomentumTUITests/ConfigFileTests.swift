import Foundation
import Testing
@testable import MomentumTUI

/// The config file: where it is, what a missing or wrong file does, and what saving keeps.
@Suite("Config file")
final class ConfigFileTests {
    /// A fresh XDG config folder; the config file inside it does not exist yet.
    let home: String
    let environment: [String: String]
    var path: String { home + "/xdg/momentum/config.json" }

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("momentum-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home + "/xdg/momentum", withIntermediateDirectories: true)
        environment = ["XDG_CONFIG_HOME": home + "/xdg", "HOME": home]
    }

    deinit {
        try? FileManager.default.removeItem(atPath: home)
    }

    func write(_ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func text() throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func theFileIsInXDGConfigHomeElseInDotConfig() {
        #expect(MomentumConfig.path(environment: ["XDG_CONFIG_HOME": "/x/conf", "HOME": "/home/k"]) == "/x/conf/momentum/config.json")
        #expect(MomentumConfig.path(environment: ["HOME": "/home/k"]) == "/home/k/.config/momentum/config.json")
        // The XDG specification says a relative path is to be ignored.
        #expect(MomentumConfig.path(environment: ["XDG_CONFIG_HOME": "conf", "HOME": "/home/k"]) == "/home/k/.config/momentum/config.json")
        #expect(MomentumConfig.path(environment: ["XDG_CONFIG_HOME": "", "HOME": "/home/k"]) == "/home/k/.config/momentum/config.json")
    }

    @Test func aMissingFileMeansNoDefaults() throws {
        let config = try MomentumConfig.load(environment: environment)
        #expect(config == MomentumConfig(path: path))
        #expect(config.serverURL == nil && config.name == nil && config.bell == nil)
    }

    @Test func anEmptyFileMeansNoDefaults() throws {
        try write("  \n")
        #expect(try MomentumConfig.load(environment: environment) == MomentumConfig(path: path))
    }

    @Test func everySettingIsRead() throws {
        try write("""
            {
              "server": "https://momentum.example.org",
              "name": "Aïcha",
              "language": "en",
              "theme": "monochrome",
              "ascii": true,
              "bell": false,
              "plain": true
            }
            """)
        let config = try MomentumConfig.load(environment: environment)
        #expect(config == MomentumConfig(
            path: path, serverURL: "https://momentum.example.org", name: "Aïcha", language: .en,
            theme: .monochrome, ascii: true, bell: false, plain: true))
    }

    @Test func nullLeavesASettingUnset() throws {
        try write(#"{"name": null, "bell": true}"#)
        let config = try MomentumConfig.load(environment: environment)
        #expect(config.name == nil)
        #expect(config.bell == true)
    }

    @Test func brokenJSONNamesTheFileAndTheLine() throws {
        try write("{\n  \"name\": \"Karim\",\n  \"bell\": tru\n}\n")
        let error = try #require(throws: ConfigError.self) { try MomentumConfig.load(environment: environment) }
        guard case .invalid(let file, let line, _) = error else { Issue.record("got \(error)"); return }
        #expect(file == path)
        #expect(line == 3)
        #expect(error.description.contains(path + ", line 3"))
        #expect(error.description.contains("not valid JSON"))
    }

    @Test(arguments: [
        ("\"bell\": 1", "\"bell\" must be true or false", "(found 1)"),
        ("\"ascii\": \"yes\"", "\"ascii\" must be true or false", "(found \"yes\")"),
        ("\"language\": \"de\"", "\"language\" must be \"fr\" or \"en\"", "\"de\""),
        ("\"theme\": \"dark\"", "\"theme\" must be \"color\" or \"monochrome\"", "\"dark\""),
        ("\"server\": \"ftp://x\"", "must be the server's address", "ftp://x"),
        ("\"name\": \"\"", "\"name\" must be your name", "\"\""),
        ("\"langage\": \"fr\"", "\"langage\" is not a setting", "\"language\""),
    ])
    func aWrongValueSaysWhichSettingWhereAndWhatItMustBe(entry: String, problem: String, detail: String) throws {
        try write("{\n  \"plain\": false,\n  \(entry)\n}\n")
        let error = try #require(throws: ConfigError.self) { try MomentumConfig.load(environment: environment) }
        #expect(error.description.contains(path + ", line 3:"), "\(error)")
        #expect(error.description.contains(problem), "\(error)")
        #expect(error.description.contains(detail), "\(error)")
    }

    @Test func somethingOtherThanAnObjectIsRefused() throws {
        try write(#"["name", "Karim"]"#)
        let error = try #require(throws: ConfigError.self) { try MomentumConfig.load(environment: environment) }
        #expect(error.description.contains("one JSON object"))
    }

    @Test func aFolderInPlaceOfTheFileIsRefused() throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let error = try #require(throws: ConfigError.self) { try MomentumConfig.load(environment: environment) }
        #expect(error == .unreadable(path: path, reason: "it is a folder, not a file"))
    }

    @Test func textThatIsNotUTF8IsRefused() throws {
        try Data([0x7B, 0xFF, 0xFE, 0x7D]).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: ConfigError.self) { try MomentumConfig.load(environment: environment) }
        #expect(error == .unreadable(path: path, reason: "it is not UTF-8 text"))
    }

    @Test(arguments: ["code", "moderatorKey"])
    func aStoredSecretIsRefusedWithTheReason(key: String) throws {
        try write("{\n  \"name\": \"Karim\",\n  \"\(key)\": \"K7M2QX\"\n}")
        let error = try #require(throws: ConfigError.self) { try MomentumConfig.load(environment: environment) }
        #expect(error == .secret(path: path, line: 3, key: key))
        #expect(error.description.contains(key == "code" ? "shared secret of one workshop" : "expert's powers"))
        #expect(error.description.contains(key == "code" ? "--code" : "--moderator-key"))
    }

    @Test func savingWritesServerAndNameAndKeepsTheOtherSettings() throws {
        try write(#"{"language": "fr", "bell": false, "theme": "monochrome", "server": "http://old:8080"}"#)
        let saved = try MomentumConfig.load(environment: environment).saving(serverURL: "https://momentum.example.org", name: "Léa")
        let reloaded = try MomentumConfig.load(environment: environment)
        #expect(reloaded == saved)
        #expect(reloaded == MomentumConfig(
            path: path, serverURL: "https://momentum.example.org", name: "Léa", language: .fr, theme: .monochrome, bell: false))
        #expect(try !text().contains("code"))
    }

    @Test func savingCreatesTheFileAndItsFolder() throws {
        let environment = ["XDG_CONFIG_HOME": home + "/new/conf"]
        try MomentumConfig.load(environment: environment).saving(serverURL: "http://127.0.0.1:8080", name: "Karim")
        let written = try String(contentsOfFile: home + "/new/conf/momentum/config.json", encoding: .utf8)
        let values = try JSONDecoder().decode([String: String].self, from: Data(written.utf8))
        #expect(values == ["server": "http://127.0.0.1:8080", "name": "Karim"])
    }

    @Test func savingNeverWritesACodeAndLeavesAFileWithOneAsItWas() throws {
        let original = #"{"name": "Karim", "code": "K7M2QX"}"#
        try write(original)
        let config = MomentumConfig(path: path)
        #expect(throws: ConfigError.secret(path: path, line: 1, key: "code")) {
            try config.saving(serverURL: "http://127.0.0.1:8080", name: "Karim")
        }
        #expect(try text() == original)
    }

    @Test func savingDoesNotOverwriteAFileThatBecameBroken() throws {
        try write(#"{"name": "Karim"}"#)
        let config = try MomentumConfig.load(environment: environment)
        try write(#"{"name": "Karim""#)
        #expect(throws: ConfigError.self) { try config.saving(serverURL: "http://127.0.0.1:8080", name: "Karim") }
        #expect(try text() == #"{"name": "Karim""#)
    }

    @Test func savingThroughASymbolicLinkKeepsTheLink() throws {
        let real = home + "/dotfiles-config.json"
        try Data(#"{"bell": false}"#.utf8).write(to: URL(fileURLWithPath: real))
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: real)
        try MomentumConfig.load(environment: environment).saving(serverURL: "http://127.0.0.1:8080", name: "Karim")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path) == real)
        #expect(try MomentumConfig.load(path: real).name == "Karim")
        #expect(try MomentumConfig.load(path: real).bell == false)
    }
}
