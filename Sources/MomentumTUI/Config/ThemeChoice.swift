/// The colour scheme a user picks in the config file: `color`, or `monochrome` for terminals
/// (and people) that do without colour. ASCII drawing is a separate switch, as in `Theme`.
package enum ThemeChoice: String, Sendable, CaseIterable {
    case color
    case monochrome
}
