/// The bottom row of key hints, "F1 aide  F2 main  Tab panneau  F10 quitter", with an
/// optional text at the right (the connection state).
///
/// It takes hints as data, the app's `KeyTable.statusHints`, so it never disagrees with the
/// keys. Hints that do not fit are dropped from the end whole: half a hint teaches a wrong key.
public struct StatusBar: Sendable {
    /// The hints in order of importance: the last ones go first when room is short.
    public var hints: [KeyHint]
    /// Right-aligned text such as "● en ligne"; it keeps its room before any hint.
    public var trailing: String
    /// The trailing text's style over the bar's (e.g. theme.warning when offline); nil for the bar's.
    public var trailingStyle: Style?

    /// A status bar showing `hints`, and `trailing` at the right.
    public init(hints: [KeyHint], trailing: String = "", trailingStyle: Style? = nil) {
        self.hints = hints
        self.trailing = trailing
        self.trailingStyle = trailingStyle
    }

    /// Where one hint is drawn: its index in `hints`, first column and width.
    private struct Slot {
        var index: Int
        var x: Int
        var width: Int
    }

    /// Where everything goes on one row: the columns inside the bar's one-cell margins, the
    /// trailing text as shown and its column, and the hints that fit whole left of it.
    private struct Placement {
        var inner: Rect
        var trailing: String
        var trailingX: Int
        var slots: [Slot]
    }

    private func placement(on row: Rect, theme: Theme) -> Placement {
        let margin = row.width > 2 ? 1 : 0
        let inner = Rect(x: row.x + margin, y: row.y, width: row.width - 2 * margin, height: row.height)
        let shown = Text.truncate(trailing, to: inner.width, ellipsis: theme.ellipsis)
        let trailingX = inner.maxX - DisplayWidth.of(shown)
        let limit = shown.isEmpty ? inner.maxX : trailingX - 2
        var slots: [Slot] = []
        var column = inner.x
        for (index, hint) in hints.enumerated() {
            let gap = slots.isEmpty ? 0 : 2
            let width = DisplayWidth.of(hint.key) + (hint.label.isEmpty ? 0 : 1 + DisplayWidth.of(hint.label))
            guard width > 0 else { continue }
            if column + gap + width > limit { break }
            slots.append(Slot(index: index, x: column + gap, width: width))
            column += gap + width
        }
        return Placement(inner: inner, trailing: shown, trailingX: trailingX, slots: slots)
    }

    /// Draws the bar on the first row of `area`; other rows are left alone.
    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let barStyle = theme.statusBar
        buffer.fill(row, with: Cell(" ", style: barStyle))
        let placement = placement(on: row, theme: theme)
        if !placement.trailing.isEmpty {
            let style = trailingStyle.map { barStyle.patched(with: $0) } ?? barStyle
            buffer.write(placement.trailing, x: placement.trailingX, y: row.y, style: style, clip: placement.inner)
        }
        let keyStyle = barStyle.patched(with: theme.hintKey)
        let labelStyle = barStyle.patched(with: theme.text)
        for slot in placement.slots {
            let hint = hints[slot.index]
            let end = buffer.write(hint.key, x: slot.x, y: row.y, style: keyStyle, clip: placement.inner)
            if !hint.label.isEmpty {
                buffer.write(" " + hint.label, x: end, y: row.y, style: labelStyle, clip: placement.inner)
            }
        }
    }

    /// The index in `hints` of the hint drawn at `point`, or nil: a click on a hint runs its action.
    public func hint(at point: Point, in area: Rect, theme: Theme) -> Int? {
        let row = area.row(0)
        guard row.contains(point) else { return nil }
        return placement(on: row, theme: theme).slots.first { point.x >= $0.x && point.x < $0.x + $0.width }?.index
    }
}
