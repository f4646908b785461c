extension TextLog {
    /// Draws the rows in view into `area`: only those rows are visited, and only lines not yet
    /// wrapped at `area.width` are wrapped. Everything goes through `CellBuffer.write`.
    public mutating func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        buffer.fill(area, with: Cell(" ", style: theme.text))
        guard !area.isEmpty else { return }
        viewport = Size(width: area.width, height: area.height)
        guard let frame = currentFrame(Size(width: area.width, height: area.height)) else { return }
        settle(bottom: frame.bottom, last: frame.last)

        let width = area.width, marker = markerIndex
        var position = frame.top
        for y in area.y..<area.maxY {
            drawRow(position, y: y, in: area, buffer: &buffer, theme: theme, marker: marker)
            if position >= frame.bottom { break }
            position = Self.move(position, by: 1, lineCount: entries.count) { rowCount(at: $0, width: width, marker: marker) }
        }
        if anchor != .bottom && newLineCount > 0 {
            drawNewLinesIndicator(in: area, buffer: &buffer, theme: theme)
        }
    }

    private mutating func drawRow(_ position: LogPosition, y: Int, in area: Rect, buffer: inout CellBuffer, theme: Theme, marker: Int?) {
        var row = position.row
        if position.line == marker {
            if row == 0 {
                drawMarker(y: y, in: area, buffer: &buffer, theme: theme)
                return
            }
            row -= 1
        }
        if entries[position.line].wrap(width: area.width) { wrapCount += 1 }
        let entry = entries[position.line]
        guard entry.rows.indices.contains(row) else { return }
        let indent = row > 0 ? min(entry.hangingIndent, area.width / 2) : 0
        let range = entry.rows[row]
        // One write per style run that the row crosses: the row's clusters are walked once,
        // by `CellBuffer.write`, not once more here.
        var x = area.x + indent
        var start = range.lowerBound
        let highlighted = entry.id != nil && entry.id == highlightedID
        let found = marks.map { $0(entry.text) } ?? []
        for run in entry.runs where run.end > start {
            let end = min(run.end, range.upperBound)
            if end > start {
                let style = theme.text.patched(with: run.style)
                x = writeMarked(entry.text, start..<end, found, x: x, y: y, style: highlighted ? style.adding(.reverse) : style, buffer: &buffer, clip: area)
                start = end
            }
            if start >= range.upperBound { break }
        }
    }

    /// Writes `text[range]` in `style`, the parts inside `found` marked: underlined, and in
    /// the reverse of the line's video, so a match stands out in a highlighted line too.
    private func writeMarked(_ text: String, _ range: Range<Int>, _ found: [Range<Int>], x: Int, y: Int, style: Style, buffer: inout CellBuffer, clip: Rect) -> Int {
        var x = x, start = range.lowerBound
        for mark in found where mark.upperBound > start && mark.lowerBound < range.upperBound {
            let markStart = max(mark.lowerBound, start), markEnd = min(mark.upperBound, range.upperBound)
            if markStart > start { x = buffer.write(LogEntry.slice(text, start..<markStart), x: x, y: y, style: style, clip: clip) }
            let flipped = style.attributes.contains(.reverse) ? style.attributes.subtracting(.reverse) : style.attributes.union(.reverse)
            let marked = Style(foreground: style.foreground, background: style.background, attributes: flipped.union(.underline))
            x = buffer.write(LogEntry.slice(text, markStart..<markEnd), x: x, y: y, style: marked, clip: clip)
            start = markEnd
        }
        if start < range.upperBound { x = buffer.write(LogEntry.slice(text, start..<range.upperBound), x: x, y: y, style: style, clip: clip) }
        return x
    }

    /// "── non lus ─────────": a dim rule with the marker's label.
    private func drawMarker(y: Int, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let rule = String(theme.borders.horizontal)
        let label = marker?.label ?? ""
        let head = label.isEmpty ? "" : rule + rule + " " + label + " "
        let fill = String(repeating: rule, count: max(0, area.width - DisplayWidth.of(head)))
        buffer.write(head + fill, x: area.x, y: y, style: theme.dim, clip: area)
    }

    /// " 3 new ▼ " at the right of the last row, worded by `newLinesLabel`; without the
    /// padding, then cut, when the area is too narrow.
    private func drawNewLinesIndicator(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let label = newLinesLabel(newLineCount) + " " + theme.scrollDown
        let padded = " " + label + " "
        let shown = DisplayWidth.of(padded) <= area.width ? padded : Text.truncate(label, to: area.width, ellipsis: theme.ellipsis)
        let x = area.maxX - DisplayWidth.of(shown)
        buffer.write(shown, x: x, y: area.maxY - 1, style: theme.accent.adding(.reverse), clip: area)
    }
}
