/// Line-drawing characters for borders.
public struct BorderSet: Sendable, Hashable {
    public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: Character

    public static let unicode = BorderSet(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘")
    public static let rounded = BorderSet(horizontal: "─", vertical: "│", topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯")
    public static let ascii = BorderSet(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+")
}

/// Every style and symbol the widgets use, so a theme switch changes the whole screen.
///
/// `color` uses a few ANSI colours; `monochrome` only bold, reverse, underline and dim (for
/// `NO_COLOR`, `--no-color` and terminals without colour); `ascii` turns any theme into one
/// that draws only ASCII, for terminals without UTF-8.
public struct Theme: Sendable, Hashable {
    public var text: Style
    public var dim: Style
    public var border: Style
    public var focusedBorder: Style
    public var title: Style
    public var selection: Style
    public var statusBar: Style
    public var hintKey: Style
    public var accent: Style
    public var warning: Style
    public var error: Style
    public var dialog: Style
    public var borders: BorderSet
    /// Whether only ASCII may be drawn: symbols below fall back, text stays as sanitised.
    public var asciiOnly: Bool
    public var ellipsis: String
    public var scrollUp: String
    public var scrollDown: String

    public static let color = Theme(
        text: .plain, dim: Style(foreground: .gray), border: Style(foreground: .gray),
        focusedBorder: Style(foreground: .cyan, attributes: .bold), title: .bold,
        selection: Style(attributes: .reverse), statusBar: Style(attributes: .reverse),
        hintKey: Style(foreground: .yellow, attributes: .bold), accent: Style(foreground: .cyan, attributes: .bold),
        warning: Style(foreground: .yellow, attributes: .bold), error: Style(foreground: .red, attributes: .bold),
        dialog: .plain, borders: .unicode, asciiOnly: false, ellipsis: "…", scrollUp: "▲", scrollDown: "▼")

    public static let monochrome = Theme(
        text: .plain, dim: .dim, border: .plain, focusedBorder: .bold, title: .bold,
        selection: Style(attributes: .reverse), statusBar: Style(attributes: .reverse),
        hintKey: Style(attributes: [.bold, .underline]), accent: .bold, warning: .bold,
        error: Style(attributes: [.bold, .underline]), dialog: .plain,
        borders: .unicode, asciiOnly: false, ellipsis: "…", scrollUp: "▲", scrollDown: "▼")

    /// This theme drawing ASCII only.
    public var ascii: Theme {
        var theme = self
        theme.borders = .ascii
        theme.asciiOnly = true
        theme.ellipsis = "..."
        theme.scrollUp = "^"
        theme.scrollDown = "v"
        return theme
    }
}
