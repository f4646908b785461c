/// Why the config file could not be used, naming the file (and the line, when one is to
/// blame) so that the person can open it and fix it.
enum ConfigError: Error, Equatable, CustomStringConvertible {
    /// The file exists but cannot be read as text.
    case unreadable(path: String, reason: String)
    /// The file is read but something in it is wrong.
    case invalid(path: String, line: Int?, problem: String)
    /// The file holds a secret that must never be stored: a join code or a moderator key.
    case secret(path: String, line: Int?, key: String)
    /// The new settings could not be written.
    case unsaved(path: String, reason: String)

    var description: String {
        CommandLineLanguage.current == .fr ? french : english
    }

    /// In French: the problems themselves come in the command line's language too.
    private var french: String {
        switch self {
        case .unreadable(let path, let reason):
            "Le fichier de configuration \(path) ne peut pas être lu : \(reason)."
        case .invalid(let path, let line, let problem):
            "Le fichier de configuration \(Self.lieu(path, line)) : \(problem)"
        case .secret(let path, let line, let key):
            "Le fichier de configuration \(Self.lieu(path, line)) : \"\(key)\" ne peut pas y être gardé. "
                + (key == "code"
                    ? "Un code d'atelier est le secret partagé d'un atelier : il ne va jamais dans un fichier, donne-le avec --code à chaque fois. "
                    : "Une clé de modération donne les pouvoirs de l'expert·e : elle ne va jamais dans un fichier, donne-la avec --moderator-key à chaque fois. ")
                + "Enlève cette ligne."
        case .unsaved(let path, let reason):
            "Le fichier de configuration \(path) n'a pas pu être enregistré : \(reason)."
        }
    }

    private var english: String {
        switch self {
        case .unreadable(let path, let reason):
            "The config file \(path) cannot be read: \(reason)."
        case .invalid(let path, let line, let problem):
            "The config file \(Self.place(path, line)): \(problem)"
        case .secret(let path, let line, let key):
            "The config file \(Self.place(path, line)): \"\(key)\" cannot be kept in it. "
                + (key == "code"
                    ? "A join code is the shared secret of one workshop, so it never goes into a file: give it with --code each time. "
                    : "A moderator key gives the expert's powers, so it never goes into a file: give it with --moderator-key each time. ")
                + "Remove that line."
        case .unsaved(let path, let reason):
            "The config file \(path) could not be saved: \(reason)."
        }
    }

    private static func lieu(_ path: String, _ line: Int?) -> String {
        line.map { "\(path), ligne \($0)" } ?? path
    }

    private static func place(_ path: String, _ line: Int?) -> String {
        line.map { "\(path), line \($0)" } ?? path
    }
}
