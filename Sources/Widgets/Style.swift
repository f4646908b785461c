/// A terminal colour, from the most to the least precise; the terminal downgrades what it cannot show.
public enum Color: Sendable, Hashable {
    /// The 16 ANSI colours: 0-7 normal, 8-15 bright.
    case ansi(UInt8)
    /// The 256-colour palette.
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    public static let black = Color.ansi(0), red = Color.ansi(1), green = Color.ansi(2), yellow = Color.ansi(3)
    public static let blue = Color.ansi(4), magenta = Color.ansi(5), cyan = Color.ansi(6), white = Color.ansi(7)
    public static let gray = Color.ansi(8), brightRed = Color.ansi(9), brightGreen = Color.ansi(10)
    public static let brightYellow = Color.ansi(11), brightBlue = Color.ansi(12), brightMagenta = Color.ansi(13)
    public static let brightCyan = Color.ansi(14), brightWhite = Color.ansi(15)
}

/// Text attributes a terminal can show without colour.
public struct Attributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Attributes(rawValue: 1)
    public static let dim = Attributes(rawValue: 2)
    public static let italic = Attributes(rawValue: 4)
    public static let underline = Attributes(rawValue: 8)
    public static let reverse = Attributes(rawValue: 16)
}

/// How a cell is drawn: colours (nil is the terminal's default) and attributes.
public struct Style: Sendable, Hashable {
    public var foreground: Color?
    public var background: Color?
    public var attributes: Attributes

    public init(foreground: Color? = nil, background: Color? = nil, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()
    public static let bold = Style(attributes: .bold)
    public static let reverse = Style(attributes: .reverse)
    public static let dim = Style(attributes: .dim)

    /// This style with `other`'s colours where it sets them, and both sets of attributes.
    public func patched(with other: Style) -> Style {
        Style(
            foreground: other.foreground ?? foreground, background: other.background ?? background,
            attributes: attributes.union(other.attributes))
    }

    public func adding(_ extra: Attributes) -> Style {
        Style(foreground: foreground, background: background, attributes: attributes.union(extra))
    }
}
