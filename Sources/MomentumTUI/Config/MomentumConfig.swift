import Foundation
import SessionModel

/// The user's defaults for `momentum join` (server, name, language, theme, ASCII, bell,
/// plain mode), from `$XDG_CONFIG_HOME/momentum/config.json` or
/// `~/.config/momentum/config.json`, so that a learner who comes back every morning of a
/// workshop types only the code.
///
/// The file is one JSON object, every key optional:
///
///     {"server": "https://momentum.example.org", "name": "Karim", "language": "fr",
///      "theme": "color", "ascii": false, "bell": true, "plain": false}
///
/// A missing file means no defaults. A file that is there but wrong is an error that names
/// the file, the line and the problem: silently ignoring it would leave the person
/// wondering why their settings do nothing. Join codes and moderator keys are never kept
/// (a code is the shared secret of one workshop); a file that holds one is refused.
package struct MomentumConfig: Sendable, Equatable {
    /// The file these settings come from; it may not exist yet.
    var path: String
    /// The last server joined, such as "https://momentum.example.org".
    var serverURL: String?
    var name: String?
    var language: Language?
    var theme: ThemeChoice?
    var ascii: Bool?
    /// Whether mentions of me and being given the floor ring the terminal bell (default on).
    var bell: Bool?
    var plain: Bool?

    /// The settings in the file, in the order the documentation lists them.
    static let keys = ["server", "name", "language", "theme", "ascii", "bell", "plain"]
    /// Keys refused whatever their value: secrets that must never be written to disk.
    static let secretKeys = ["code", "moderatorKey", "moderator-key", "moderator_key"]

    init(path: String, serverURL: String? = nil, name: String? = nil, language: Language? = nil,
         theme: ThemeChoice? = nil, ascii: Bool? = nil, bell: Bool? = nil, plain: Bool? = nil) {
        self.path = path
        self.serverURL = serverURL
        self.name = name
        self.language = language
        self.theme = theme
        self.ascii = ascii
        self.bell = bell
        self.plain = plain
    }

    /// `$XDG_CONFIG_HOME/momentum/config.json`, or `$HOME/.config/momentum/config.json`.
    /// A relative `XDG_CONFIG_HOME` is ignored, as the XDG Base Directory specification says.
    static func path(environment: [String: String]) -> String {
        let base: String
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            base = home + "/.config"
        }
        return base + "/momentum/config.json"
    }

    /// The settings of the user whose environment this is.
    package static func load(environment: [String: String]) throws -> MomentumConfig {
        try load(path: path(environment: environment))
    }

    /// The settings in one file; all unset when the file does not exist.
    static func load(path: String) throws -> MomentumConfig {
        try decode(ConfigFile.read(path: path))
    }

    /// Records the server and name of a successful join as the next defaults. Every other
    /// setting in the file stays as it is; the file is re-read first so that an edit made
    /// meanwhile is kept, and a file that became wrong is reported rather than overwritten.
    @discardableResult
    func saving(serverURL: String, name: String) throws -> MomentumConfig {
        var file = try ConfigFile.read(path: path)
        _ = try Self.decode(file)
        file.values["server"] = .string(serverURL)
        file.values["name"] = .string(name)
        // Secrets are refused when read, so none can be in `values`; the check stays here
        // so that no future caller can ever write one.
        for key in Self.secretKeys { file.values[key] = nil }
        let saved = try Self.decode(file)
        try file.write()
        return saved
    }

    private static func decode(_ file: ConfigFile) throws(ConfigError) -> MomentumConfig {
        var config = MomentumConfig(path: file.path)
        for key in file.values.keys.sorted(by: { (file.line(of: $0) ?? .max) < (file.line(of: $1) ?? .max) }) {
            let value = file.values[key] ?? .null
            let line = file.line(of: key)
            func invalid(_ problem: String) -> ConfigError {
                .invalid(path: file.path, line: line, problem: problem + CommandLineLanguage.pick(fr: " (trouvé : \(value.shown)).", en: " (found \(value.shown))."))
            }
            if secretKeys.contains(key) { throw .secret(path: file.path, line: line, key: key) }
            if value == .null { continue }
            switch key {
            case "server":
                guard case .string(let url) = value, Self.isServerURL(url) else {
                    throw invalid(CommandLineLanguage.pick(
                        fr: "\"server\" doit être l'adresse du serveur entre guillemets, commençant par http:// ou https://",
                        en: "\"server\" must be the server's address in quotes, starting with http:// or https://"))
                }
                config.serverURL = url
            case "name":
                guard case .string(let name) = value, !name.trimmingCharacters(in: .whitespaces).isEmpty,
                      name.count <= Limits.nameMaxLength
                else {
                    throw invalid(CommandLineLanguage.pick(
                        fr: "\"name\" doit être ton prénom entre guillemets, de 1 à \(Limits.nameMaxLength) caractères",
                        en: "\"name\" must be your name in quotes, 1 to \(Limits.nameMaxLength) characters"))
                }
                config.name = name
            case "language":
                guard case .string(let text) = value, let language = Language(rawValue: text) else {
                    throw invalid(CommandLineLanguage.pick(fr: "\"language\" vaut \"fr\" ou \"en\"", en: "\"language\" must be \"fr\" or \"en\""))
                }
                config.language = language
            case "theme":
                guard case .string(let text) = value, let theme = ThemeChoice(rawValue: text) else {
                    throw invalid(CommandLineLanguage.pick(fr: "\"theme\" vaut \"color\" ou \"monochrome\"", en: "\"theme\" must be \"color\" or \"monochrome\""))
                }
                config.theme = theme
            case "ascii", "bell", "plain":
                guard case .bool(let flag) = value else {
                    throw invalid(CommandLineLanguage.pick(fr: "\"\(key)\" vaut true ou false, sans guillemets", en: "\"\(key)\" must be true or false, without quotes"))
                }
                switch key {
                case "ascii": config.ascii = flag
                case "bell": config.bell = flag
                default: config.plain = flag
                }
            default:
                let known = keys.map { "\"\($0)\"" }.joined(separator: ", ")
                throw .invalid(path: file.path, line: line, problem: CommandLineLanguage.pick(
                    fr: "\"\(key)\" n'est pas un réglage. Les réglages sont : \(known).",
                    en: "\"\(key)\" is not a setting. The settings are: \(known)."))
            }
        }
        return config
    }

    private static func isServerURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return (lower.hasPrefix("http://") || lower.hasPrefix("https://")) && !text.contains(where: \.isWhitespace)
    }
}
