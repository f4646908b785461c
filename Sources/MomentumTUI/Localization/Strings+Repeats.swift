extension Strings {
    /// After a system line repeated in place, how many times: "(×3)" in French and in
    /// English alike.
    var repeatedTimes: @Sendable (Int) -> String {
        switch language {
        case .fr: { "(×\($0))" }
        case .en: { "(×\($0))" }
        }
    }
}
