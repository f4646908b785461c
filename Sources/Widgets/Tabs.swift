/// A row of tab titles, the active one highlighted: the narrow layout's panel switcher.
///
/// Titles keep their full width when they fit; otherwise they are all cut to the same width;
/// when even that does not fit, the row shows the active tab whole with as many neighbours
/// as fit, and "‹" / "›" ("<" / ">" in ASCII) where tabs hide. The active tab is always shown.
public struct Tabs: Sendable {
    /// The titles, left to right.
    public var titles: [String]
    /// The app's active tab.
    public var state: TabsState

    /// A tab row showing `titles` with `state`'s tab active.
    public init(titles: [String], state: TabsState = TabsState()) {
        self.titles = titles
        self.state = state
    }

    /// One tab as drawn: its index, first column, and text with its padding.
    private struct Slot {
        var index: Int
        var x: Int
        var text: String
        var width: Int { DisplayWidth.of(text) }
    }

    /// The tabs drawn in a row, and whether tabs hide on either side.
    private struct Placement {
        var slots: [Slot] = []
        var hiddenBefore = false
        var hiddenAfter = false
    }

    /// Draws the tabs on the first row of `area`, clearing that row.
    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row, with: Cell(" ", style: theme.text))
        let placement = placement(in: row, theme: theme)
        let active = state.current(count: titles.count)
        for (position, slot) in placement.slots.enumerated() {
            if position > 0 {
                buffer.write(String(theme.borders.vertical), x: slot.x - 1, y: row.y, style: theme.border, clip: row)
            }
            let style = slot.index == active ? theme.text.patched(with: theme.selection) : theme.text
            buffer.write(slot.text, x: slot.x, y: row.y, style: style, clip: row)
        }
        let (before, after) = theme.asciiOnly ? ("<", ">") : ("‹", "›")
        if placement.hiddenBefore { buffer.write(before, x: row.x, y: row.y, style: theme.text.patched(with: theme.dim), clip: row) }
        if placement.hiddenAfter { buffer.write(after, x: row.maxX - 1, y: row.y, style: theme.text.patched(with: theme.dim), clip: row) }
    }

    /// The index of the tab drawn at `point`, or nil: a click there activates it.
    public func tab(at point: Point, in area: Rect, theme: Theme) -> Int? {
        let row = area.row(0)
        guard row.contains(point) else { return nil }
        return placement(in: row, theme: theme).slots.first { point.x >= $0.x && point.x < $0.x + $0.width }?.index
    }

    private func placement(in row: Rect, theme: Theme) -> Placement {
        guard !titles.isEmpty, row.width > 0 else { return Placement() }
        let widths = titles.map { DisplayWidth.of($0) }
        let shortest = DisplayWidth.of(theme.ellipsis) + 1
        // Every tab, cut to the widest cap that fits (no cap when they fit as they are).
        for cap in stride(from: widths.max() ?? 0, through: shortest, by: -1) {
            let total = widths.reduce(titles.count - 1) { $0 + min($1, cap) + 2 }
            if total <= row.width {
                return Placement(slots: Self.laidOut(Array(titles.indices), x: row.x, cap: { _ in cap }, titles: titles, theme: theme))
            }
        }
        if widths.reduce(titles.count - 1, { $0 + $1 + 2 }) <= row.width {
            return Placement(slots: Self.laidOut(Array(titles.indices), x: row.x, cap: { _ in Int.max }, titles: titles, theme: theme))
        }
        return window(in: row, widths: widths, shortest: shortest, theme: theme)
    }

    /// The active tab whole (or as much of it as fits) and the neighbours that fit beside it.
    private func window(in row: Rect, widths: [Int], shortest: Int, theme: Theme) -> Placement {
        let active = state.current(count: titles.count)
        let last = titles.count - 1
        func markers(_ range: ClosedRange<Int>) -> Int { (range.lowerBound > 0 ? 1 : 0) + (range.upperBound < last ? 1 : 0) }
        let activeCap = min(widths[active], row.width - 2 - markers(active...active))
        guard activeCap >= 1 else {
            // Not even room for padding and markers: the active title alone, cut to the row.
            let text = Text.truncate(titles[active], to: row.width, ellipsis: theme.ellipsis)
            return Placement(slots: [Slot(index: active, x: row.x, text: text)])
        }
        func cap(_ index: Int) -> Int { index == active ? activeCap : min(widths[index], shortest) }
        func cost(_ range: ClosedRange<Int>) -> Int {
            range.reduce(markers(range) + range.count - 1) { $0 + cap($1) + 2 }
        }
        var range = active...active
        var grew = true
        while grew {
            grew = false
            if range.upperBound < last, cost(range.lowerBound...(range.upperBound + 1)) <= row.width {
                range = range.lowerBound...(range.upperBound + 1)
                grew = true
            }
            if range.lowerBound > 0, cost((range.lowerBound - 1)...range.upperBound) <= row.width {
                range = (range.lowerBound - 1)...range.upperBound
                grew = true
            }
        }
        let hiddenBefore = range.lowerBound > 0
        let slots = Self.laidOut(Array(range), x: row.x + (hiddenBefore ? 1 : 0), cap: cap, titles: titles, theme: theme)
        return Placement(slots: slots, hiddenBefore: hiddenBefore, hiddenAfter: range.upperBound < last)
    }

    /// Tabs `indices` laid out from `x`, one separator column apart, each title cut to its cap.
    private static func laidOut(
        _ indices: [Int], x: Int, cap: (Int) -> Int, titles: [String], theme: Theme
    ) -> [Slot] {
        var column = x
        return indices.map { index in
            let text = " " + Text.truncate(titles[index], to: cap(index), ellipsis: theme.ellipsis) + " "
            defer { column += DisplayWidth.of(text) + 1 }
            return Slot(index: index, x: column, text: text)
        }
    }
}
