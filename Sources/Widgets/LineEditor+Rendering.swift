extension LineEditor {
    /// Draws the prompt and the part of the text around the cursor on the first row of `area`
    /// (or the placeholder, dim, when empty). Scrolls horizontally so the cursor is in view;
    /// a wide cluster is never cut at either edge.
    public mutating func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let row = Rect(x: area.x, y: area.y, width: area.width, height: min(1, area.height))
        buffer.fill(row, with: Cell(" ", style: theme.text))
        guard !row.isEmpty else { return }
        buffer.write(prompt, x: row.x, y: row.y, style: theme.accent, clip: row)
        let field = fieldRect(in: area)
        guard !field.isEmpty else { return }
        guard !clusters.isEmpty else {
            scrollStart = 0
            let shown = Text.truncate(placeholder, to: field.width, ellipsis: theme.ellipsis)
            buffer.write(shown, x: field.x, y: field.y, style: theme.dim, clip: field)
            return
        }
        let start = visibleStart(fieldWidth: field.width)
        scrollStart = start
        var x = field.x
        for character in clusters[start...] {
            let width = DisplayWidth.of(character)
            if x + width > field.maxX { break }
            buffer.write(String(character), x: x, y: field.y, style: theme.text, clip: field)
            x += width
        }
    }

    /// The screen cell of the cursor in `area`, where the terminal's own cursor goes (screen
    /// readers and input methods follow it). Agrees with `render` for the same area.
    public func cursorPosition(in area: Rect) -> Point {
        let field = fieldRect(in: area)
        // No room after the prompt: the first cell, never half of a wide prompt character.
        guard !field.isEmpty else { return Point(x: area.x, y: area.y) }
        guard !clusters.isEmpty else { return Point(x: field.x, y: field.y) }
        let start = visibleStart(fieldWidth: field.width)
        let x = field.x + columns(start..<cursor)
        return Point(x: min(x, field.maxX - 1), y: field.y)
    }

    /// The cells after the prompt, on the first row of `area`.
    func fieldRect(in area: Rect) -> Rect {
        let promptWidth = min(DisplayWidth.of(prompt), area.width)
        return Rect(x: area.x + promptWidth, y: area.y, width: area.width - promptWidth, height: min(1, area.height))
    }

    /// The first cluster to show in a field `fieldWidth` columns wide: the one shown last time
    /// if the cursor is still in view, else the nearest that brings it into view; then as far
    /// left as the text still fits, so deleting never leaves an empty field with text hidden.
    /// Idempotent, so `render` and `cursorPosition` agree whichever runs first.
    func visibleStart(fieldWidth: Int) -> Int {
        guard fieldWidth > 0 else { return cursor }
        var start = min(max(0, scrollStart), cursor)
        let cursorWidth = cursor < clusters.count ? DisplayWidth.of(clusters[cursor]) : 1
        var used = columns(start..<cursor)
        while start < cursor && used + cursorWidth > fieldWidth {
            used -= DisplayWidth.of(clusters[start])
            start += 1
        }
        // Room for the whole tail and a cell for the cursor after it: show more on the left.
        var tail = columns(start..<clusters.count) + 1
        while start > 0 && tail + DisplayWidth.of(clusters[start - 1]) <= fieldWidth {
            start -= 1
            tail += DisplayWidth.of(clusters[start])
        }
        return start
    }

    /// The columns the clusters in `range` take.
    func columns(_ range: Range<Int>) -> Int {
        var total = 0
        for character in clusters[range] { total += DisplayWidth.of(character) }
        return total
    }
}
