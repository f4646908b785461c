/// A centred box listing the key bindings, keys in an aligned column, labels beside them,
/// under section headings; it scrolls when the list is taller than the screen.
///
/// Built from the app's `KeyTable` (`init(title:table:state:)`), so help lists exactly the
/// keys the dispatcher obeys. It clears the cells under its box.
public struct HelpOverlay: Sendable {
    /// A group of hints under a heading ("" for no heading).
    public struct Section: Sendable, Hashable {
        public var title: String
        public var hints: [KeyHint]

        /// A section of `hints` under `title`.
        public init(title: String, hints: [KeyHint]) {
            self.title = title
            self.hints = hints
        }
    }

    /// Shown in the top border ("Aide").
    public var title: String
    /// The groups of hints, in order.
    public var sections: [Section]
    /// The app's scroll position.
    public var state: HelpState

    /// An overlay listing `sections`.
    public init(title: String, sections: [Section], state: HelpState = HelpState()) {
        self.title = title
        self.sections = sections
        self.state = state
    }

    /// An overlay listing every binding of the app's table, by section.
    public init<Action>(title: String, table: KeyTable<Action>, state: HelpState = HelpState()) {
        self.init(title: title, sections: table.helpSections, state: state)
    }

    private enum Line {
        case blank
        case heading(String)
        case hint(KeyHint)
    }

    private var lines: [Line] {
        var lines: [Line] = []
        for section in sections where !section.hints.isEmpty || !section.title.isEmpty {
            if !lines.isEmpty { lines.append(.blank) }
            if !section.title.isEmpty { lines.append(.heading(section.title)) }
            lines += section.hints.map(Line.hint)
        }
        return lines
    }

    /// How many lines the help has (hints, headings and the blanks between sections).
    public var lineCount: Int { lines.count }

    /// How many lines show at once when drawn in `area`: a page for `HelpState.handle`.
    public func pageHeight(in area: Rect) -> Int { max(0, frame(in: area).height - 2) }

    /// The box the overlay draws in `area`.
    public func frame(in area: Rect) -> Rect {
        let hints = sections.flatMap(\.hints)
        let keys = hints.map { DisplayWidth.of($0.key) }.max() ?? 0
        let labels = hints.map { DisplayWidth.of($0.label) }.max() ?? 0
        let headings = sections.map { DisplayWidth.of($0.title) }.max() ?? 0
        let content = max(keys + 2 + labels, headings, DisplayWidth.of(title))
        let width = min(area.width, 76, max(content + 4, 24))
        let height = min(area.height, lineCount + 2)
        return Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
    }

    /// Clears the overlay's box and draws the visible part of the help in it, centred in `area`.
    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let box = frame(in: area)
        guard !box.isEmpty else { return }
        buffer.fill(box, with: Cell(" ", style: theme.dialog))
        Box(title: title, focused: true).render(in: box, buffer: &buffer, theme: theme)
        let inside = Box.inner(of: box)
        guard !inside.isEmpty else { return }
        let padding = box.width >= 8 ? 1 : 0
        let text = Rect(x: inside.x + padding, y: inside.y, width: inside.width - 2 * padding, height: inside.height)
        let lines = lines
        let keyWidth = min(sections.flatMap(\.hints).map { DisplayWidth.of($0.key) }.max() ?? 0, max(1, text.width / 2))
        let offset = min(max(0, state.offset), max(0, lines.count - inside.height))
        for (row, line) in lines.dropFirst(offset).prefix(inside.height).enumerated() {
            let y = inside.y + row
            switch line {
            case .blank: break
            case .heading(let heading):
                let shown = Text.truncate(heading, to: text.width, ellipsis: theme.ellipsis)
                buffer.write(shown, x: text.x, y: y, style: theme.dialog.patched(with: theme.title), clip: text)
            case .hint(let hint):
                let key = Text.truncate(hint.key, to: keyWidth, ellipsis: theme.ellipsis)
                buffer.write(key, x: text.x, y: y, style: theme.dialog.patched(with: theme.hintKey), clip: text)
                let labelX = text.x + keyWidth + 2
                let label = Text.truncate(hint.label, to: text.maxX - labelX, ellipsis: theme.ellipsis)
                buffer.write(label, x: labelX, y: y, style: theme.dialog, clip: text)
            }
        }
        if lines.count > inside.height, padding > 0 {
            ListView.drawScrollMarks(
                above: offset > 0, below: offset + inside.height < lines.count,
                column: Rect(x: inside.maxX - 1, y: inside.y, width: 1, height: inside.height), buffer: &buffer, theme: theme)
        }
    }
}
