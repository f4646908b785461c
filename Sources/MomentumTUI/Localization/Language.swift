/// The language of the interface: French when the locale is French, English otherwise.
package enum Language: String, Sendable, CaseIterable {
    case fr, en

    /// From `LC_ALL`, then `LC_MESSAGES`, then `LANG` (the first one set wins, as in POSIX).
    static func detect(environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("fr") ? .fr : .en
            }
        }
        return .en
    }

    package var strings: Strings { self == .fr ? .french : .english }
}
