extension Strings {
    /// After a system line repeated in place, how many times: "(×3)" in French and in
    /// English alike.
    var repeatedTimes: @Sendable (Int) -> String {
        switch language {
        case .fr: { "(×\($0))" }
        case .en: { "(×\($0))" }
        }
    }

    /// The same in plain mode, in words a screen reader says well: "(3 fois)".
    var repeatedTimesSpoken: @Sendable (Int) -> String {
        switch language {
        case .fr: { "(\($0) fois)" }
        case .en: { "(\($0) times)" }
        }
    }
}
