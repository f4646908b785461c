/// A run of text in one style, part of a `LogLine` (a time, a name, a message).
public struct Span: Sendable, Hashable {
    /// The text as received; sanitised when drawn, not here.
    public var text: String
    /// How the span is drawn, over the theme's text style.
    public var style: Style

    /// A span of `text` drawn in `style` (patched over the theme's text style).
    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// One entry of a `TextLog`: styled spans, an optional id to replace or remove it later,
/// and a hanging indent so continuation rows line up under the message, not the name.
public struct LogLine: Sendable, Hashable {
    /// The styled parts of the line, in order.
    public var spans: [Span]
    /// Identifies the line for `replace`, `remove` and the unread marker; unique in a log.
    public var id: String?
    /// Columns by which wrapped continuation rows are indented (at most half the width).
    public var hangingIndent: Int

    /// A line of styled spans, e.g. `[Span("10:31 ", style: .dim), Span("Karim ", style: .bold), Span("Bonjour")]`.
    public init(_ spans: [Span], id: String? = nil, hangingIndent: Int = 0) {
        self.spans = spans
        self.id = id
        self.hangingIndent = max(0, hangingIndent)
    }

    /// A line of plain text in one style.
    public init(_ text: String, style: Style = .plain, id: String? = nil, hangingIndent: Int = 0) {
        self.init([Span(text, style: style)], id: id, hangingIndent: hangingIndent)
    }

    /// The text of every span, joined: what the line says, without styles.
    public var text: String { spans.map(\.text).joined() }
}
