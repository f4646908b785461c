/// A scrolling list of one-line rows with a selection: the agenda, the roster.
///
/// Each row is styled text with an optional right-aligned suffix (a badge such as "✋1").
/// The selection is reversed when the list has the focus and underlined when it has not,
/// so it stays visible in monochrome. When rows do not all fit, the last column shows
/// `theme.scrollUp` / `theme.scrollDown` where more rows hide.
public struct ListView: Sendable {
    /// One row: text spans (the module's `Span`, shared with `TextLog`), and a suffix drawn flush right.
    public struct Row: Sendable, Hashable {
        public var spans: [Span]
        /// Drawn at the right edge; dropped when it would leave the text less than half the row.
        public var suffix: [Span]

        /// A row of styled spans with an optional styled suffix.
        public init(spans: [Span], suffix: [Span] = []) {
            self.spans = spans
            self.suffix = suffix
        }

        /// A row of one text in one style, with an optional suffix.
        public init(_ text: String, style: Style = .plain, suffix: String = "", suffixStyle: Style = .plain) {
            self.init(spans: [Span(text, style: style)], suffix: suffix.isEmpty ? [] : [Span(suffix, style: suffixStyle)])
        }
    }

    /// The rows, first at the top.
    public var rows: [Row]
    /// The app's selection and scroll offset for this list.
    public var state: ListState
    /// Whether keys go to this list: the selection is reversed if so, underlined if not.
    public var focused: Bool
    /// Shown dimmed when there are no rows ("Personne pour l'instant").
    public var placeholder: String

    /// A list of `rows` drawn with `state`'s selection and scroll.
    public init(rows: [Row], state: ListState = ListState(), focused: Bool = true, placeholder: String = "") {
        self.rows = rows
        self.state = state
        self.focused = focused
        self.placeholder = placeholder
    }

    /// Draws the visible rows in `area`, clearing it first.
    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        buffer.fill(area, with: Cell(" ", style: theme.text))
        guard !rows.isEmpty else {
            let shown = Text.truncate(placeholder, to: area.width, ellipsis: theme.ellipsis)
            buffer.write(shown, x: area.x, y: area.y, style: theme.text.patched(with: theme.dim), clip: area)
            return
        }
        let overflows = rows.count > area.height && area.width > 1
        let textWidth = overflows ? area.width - 1 : area.width
        let offset = state.visibleOffset(count: rows.count, height: area.height)
        let selected = state.selection(count: rows.count)
        for line in 0..<min(area.height, rows.count - offset) {
            let index = offset + line
            let rect = Rect(x: area.x, y: area.y + line, width: textWidth, height: 1)
            draw(rows[index], in: rect, selected: index == selected, buffer: &buffer, theme: theme)
        }
        if overflows {
            Self.drawScrollMarks(
                above: offset > 0, below: offset + area.height < rows.count,
                column: Rect(x: area.maxX - 1, y: area.y, width: 1, height: area.height), buffer: &buffer, theme: theme)
        }
    }

    /// The index of the row drawn at `point` when the list is drawn in `area`, or nil: for clicks.
    public func row(at point: Point, in area: Rect) -> Int? {
        guard area.contains(point), !rows.isEmpty else { return nil }
        let index = state.visibleOffset(count: rows.count, height: area.height) + point.y - area.y
        return index < rows.count ? index : nil
    }

    private func draw(_ row: Row, in rect: Rect, selected: Bool, buffer: inout CellBuffer, theme: Theme) {
        let textWidth = row.spans.reduce(0) { $0 + DisplayWidth.of($1.text) }
        let suffixWidth = row.suffix.reduce(0) { $0 + DisplayWidth.of($1.text) }
        let roomBeside = rect.width - suffixWidth - 1
        let showSuffix = suffixWidth > 0 && roomBeside >= min(textWidth, rect.width / 2)
        let textEnd = Self.write(
            row.spans, x: rect.x, y: rect.y, width: showSuffix ? roomBeside : rect.width,
            clip: rect, buffer: &buffer, theme: theme)
        let suffixX = rect.maxX - suffixWidth
        if showSuffix {
            Self.write(row.suffix, x: suffixX, y: rect.y, width: suffixWidth, clip: rect, buffer: &buffer, theme: theme)
        }
        guard selected else { return }
        if focused {
            buffer.restyle(rect) { $0.patched(with: theme.selection) }
        } else {
            buffer.restyle(Rect(x: rect.x, y: rect.y, width: textEnd - rect.x, height: 1)) { $0.adding(.underline) }
            if showSuffix {
                buffer.restyle(Rect(x: suffixX, y: rect.y, width: suffixWidth, height: 1)) { $0.adding(.underline) }
            }
        }
    }

    /// Writes spans from `x` in at most `width` columns, cut with the theme's ellipsis when
    /// they do not fit; returns the column after the last cell written.
    @discardableResult
    static func write(
        _ spans: [Span], x: Int, y: Int, width: Int, clip: Rect, buffer: inout CellBuffer, theme: Theme
    ) -> Int {
        guard width > 0 else { return x }
        let total = spans.reduce(0) { $0 + DisplayWidth.of($1.text) }
        let ellipsisWidth = DisplayWidth.of(theme.ellipsis)
        let fits = total <= width
        var budget = fits ? width : width - ellipsisWidth
        var column = x
        var lastStyle = theme.text.patched(with: spans.first?.style ?? .plain)
        for span in spans where budget > 0 {
            let style = theme.text.patched(with: span.style)
            let shown = Text.truncate(span.text, to: budget, ellipsis: "")
            let end = buffer.write(shown, x: column, y: y, style: style, clip: clip)
            budget -= end - column
            column = end
            lastStyle = style
            if DisplayWidth.of(shown) < DisplayWidth.of(span.text) { break }
        }
        if !fits {
            let ellipsis = Text.truncate(theme.ellipsis, to: x + width - column, ellipsis: "")
            column = buffer.write(ellipsis, x: column, y: y, style: lastStyle, clip: clip)
        }
        return column
    }

    /// Draws scroll marks in a one-column `column`: up at its top, down at its bottom (down
    /// wins in a one-row column, since the reader's next move is more likely down).
    static func drawScrollMarks(above: Bool, below: Bool, column: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard !column.isEmpty else { return }
        let style = theme.text.patched(with: theme.dim)
        if above {
            buffer.write(Text.truncate(theme.scrollUp, to: 1, ellipsis: ""), x: column.x, y: column.y, style: style, clip: column)
        }
        if below {
            buffer.write(Text.truncate(theme.scrollDown, to: 1, ellipsis: ""), x: column.x, y: column.maxY - 1, style: style, clip: column)
        }
    }
}
