import Foundation

/// The config file on disk as raw JSON settings: read with enough of its text kept to name
/// the line of a mistake, and written back whole and atomically, so that saving two settings
/// keeps every other one and a crash mid-write never leaves half a file.
struct ConfigFile: Sendable {
    let path: String
    /// The settings found in the file; empty when there is no file.
    var values: [String: JSONValue]
    /// The file's text, to find the line of a key.
    let text: String

    /// Reads the file; a missing (or empty) file is no settings at all, not an error.
    static func read(path: String) throws(ConfigError) -> ConfigFile {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            return ConfigFile(path: path, values: [:], text: "")
        }
        if isFolder.boolValue { throw .unreadable(path: path, reason: CommandLineLanguage.pick(fr: "c'est un dossier, pas un fichier", en: "it is a folder, not a file")) }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .unreadable(path: path, reason: CommandLineLanguage.pick(fr: "permission refusée", en: "permission denied"))
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: CommandLineLanguage.pick(fr: "ce n'est pas du texte UTF-8", en: "it is not UTF-8 text"))
        }
        if text.allSatisfy(\.isWhitespace) { return ConfigFile(path: path, values: [:], text: text) }
        let value: JSONValue
        do { value = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            throw .invalid(path: path, line: syntaxErrorLine(in: data), problem: CommandLineLanguage.pick(
                fr: "ce n'est pas du JSON valable (cherche une virgule, un guillemet ou une accolade qui manque, ou en trop).",
                en: "this is not valid JSON (look for a missing comma, quote or brace, or one too many)."))
        }
        guard case .object(let values) = value else {
            throw .invalid(path: path, line: nil, problem: CommandLineLanguage.pick(
                fr: "il doit contenir un objet JSON, comme {\"name\": \"Karim\", \"language\": \"fr\"}.",
                en: "it must hold one JSON object, such as {\"name\": \"Karim\", \"language\": \"fr\"}."))
        }
        return ConfigFile(path: path, values: values, text: text)
    }

    /// The line (from 1) where `"key":` first appears, for error messages.
    func line(of key: String) -> Int? {
        let quoted = "\"\(key)\""
        var searchFrom = text.startIndex
        while let found = text.range(of: quoted, range: searchFrom..<text.endIndex) {
            let rest = text[found.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            if rest.first == ":" {
                return text[..<found.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            }
            searchFrom = found.upperBound
        }
        return nil
    }

    /// Writes `values` as pretty, sorted JSON through a temporary file and a rename. A
    /// symbolic link (dotfile managers use them) is followed, so the link stays a link.
    func write() throws(ConfigError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        do {
            let data = try encoder.encode(values) + Data("\n".utf8)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: target, options: .atomic)
        } catch {
            throw .unsaved(path: path, reason: error.localizedDescription)
        }
    }

    /// Foundation's JSON parser knows where it stopped ("around character 42") but its
    /// decoder does not say; ask the parser, and turn that byte offset into a line.
    private static func syntaxErrorLine(in data: Data) -> Int? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? ""
            if detail.contains("end of file") {
                return data.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 } - (data.last == UInt8(ascii: "\n") ? 1 : 0)
            }
            guard let range = detail.range(of: #"character \d+"#, options: .regularExpression),
                  let offset = Int(detail[range].dropFirst("character ".count))
            else { return nil }
            return data.prefix(offset).reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        }
    }
}
