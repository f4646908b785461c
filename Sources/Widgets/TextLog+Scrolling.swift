/// A row of a `TextLog`: the line, and the row within it (row 0 of a line with the unread
/// marker is the marker). Ordered top to bottom.
struct LogPosition: Sendable, Hashable, Comparable {
    var line: Int
    var row: Int

    static let first = LogPosition(line: 0, row: 0)

    static func < (a: LogPosition, b: LogPosition) -> Bool {
        (a.line, a.row) < (b.line, b.row)
    }
}

/// The rows a view shows: from `top` to `bottom`, both included.
struct LogFrame: Sendable, Hashable {
    var top: LogPosition
    var bottom: LogPosition
    var last: LogPosition
}

extension TextLog {
    /// Scrolls up by `rows` rows (stops at the top); the view stops following the bottom.
    public mutating func scrollUp(_ rows: Int = 1) {
        guard rows > 0, let size = viewport, let frame = currentFrame(size) else { return }
        let width = size.width, marker = markerIndex, count = entries.count
        let target = Self.move(frame.bottom, by: -rows, lineCount: count) { rowCount(at: $0, width: width, marker: marker) }
        let highest = Self.move(.first, by: size.height - 1, lineCount: count) { rowCount(at: $0, width: width, marker: marker) }
        settle(bottom: max(target, highest), last: frame.last)
    }

    /// Scrolls down by `rows` rows; reaching the last row follows the bottom again.
    public mutating func scrollDown(_ rows: Int = 1) {
        guard rows > 0, let size = viewport, let frame = currentFrame(size) else { return }
        let width = size.width, marker = markerIndex
        let target = Self.move(frame.bottom, by: rows, lineCount: entries.count) { rowCount(at: $0, width: width, marker: marker) }
        settle(bottom: target, last: frame.last)
    }

    /// Scrolls up by a page, keeping one row of the previous page in view.
    public mutating func pageUp() {
        scrollUp(max(1, (viewport?.height ?? 1) - 1))
    }

    /// Scrolls down by a page, keeping one row of the previous page in view.
    public mutating func pageDown() {
        scrollDown(max(1, (viewport?.height ?? 1) - 1))
    }

    /// Shows the first line (Home).
    public mutating func scrollToTop() {
        anchor = .top
        guard let size = viewport, let frame = currentFrame(size) else { return }
        settle(bottom: frame.bottom, last: frame.last)
    }

    /// Shows the last line and follows new ones again (End); clears the new-lines count.
    public mutating func scrollToBottom() {
        anchor = .bottom
        newLineCount = 0
    }

    /// Scrolls as little as needed for the line with id `id` to be in view (a selected
    /// message): a line above the view comes in at the top, one below at the bottom.
    public mutating func reveal(id: String) {
        guard let index = index(ofID: id), let size = viewport, let frame = currentFrame(size) else { return }
        let width = size.width, marker = markerIndex, count = entries.count
        let rows: (Int) -> Int = { [self] in peekRowCount(at: $0, width: width, marker: marker) }
        if index < frame.top.line || (index == frame.top.line && frame.top.row > 0) {
            settle(bottom: Self.move(LogPosition(line: index, row: 0), by: size.height - 1, lineCount: count, rows: rows), last: frame.last)
        } else if index > frame.bottom.line || (index == frame.bottom.line && frame.bottom.row < rows(index) - 1) {
            settle(bottom: LogPosition(line: index, row: rows(index) - 1), last: frame.last)
        }
    }

    /// Whether the first row of the log is in view (as of the last render's size): the app
    /// fetches older history then. True for an empty log.
    public var isTopReached: Bool {
        guard !entries.isEmpty else { return true }
        guard let size = viewport, size.width > 0, size.height > 0 else { return false }
        let marker = markerIndex
        let frame = Self.frame(anchor: anchor, height: size.height, lineCount: entries.count) {
            peekRowCount(at: $0, width: size.width, marker: marker)
        }
        return frame.top == .first
    }

    // MARK: - Row arithmetic

    /// The frame for the current anchor at `size`, wrapping (and caching) what it walks over.
    mutating func currentFrame(_ size: Size) -> LogFrame? {
        guard size.width > 0, size.height > 0, !entries.isEmpty else { return nil }
        let width = size.width, marker = markerIndex
        return Self.frame(anchor: anchor, height: size.height, lineCount: entries.count) {
            rowCount(at: $0, width: width, marker: marker)
        }
    }

    /// Makes `bottom` the view's bottom row; at the last row the view follows again.
    mutating func settle(bottom: LogPosition, last: LogPosition) {
        if bottom >= last {
            anchor = .bottom
            newLineCount = 0
        } else {
            anchor = .row(bottom)
        }
    }

    /// The rows a view of `height` rows shows for `anchor`. When the rows above the anchor do
    /// not fill the view, it shows from the first row down.
    static func frame(anchor: Anchor, height: Int, lineCount: Int, rows: (Int) -> Int) -> LogFrame {
        let last = LogPosition(line: lineCount - 1, row: rows(lineCount - 1) - 1)
        var bottom: LogPosition
        switch anchor {
        case .bottom:
            bottom = last
        case .top:
            bottom = move(.first, by: height - 1, lineCount: lineCount, rows: rows)
        case .row(let position):
            let line = min(max(0, position.line), lineCount - 1)
            bottom = LogPosition(line: line, row: min(max(0, position.row), rows(line) - 1))
        }
        let top = move(bottom, by: -(height - 1), lineCount: lineCount, rows: rows)
        bottom = move(top, by: height - 1, lineCount: lineCount, rows: rows)
        return LogFrame(top: top, bottom: bottom, last: last)
    }

    /// `position` moved by `delta` rows (negative: up), stopping at the first or last row.
    /// Visits only the lines it crosses.
    static func move(_ position: LogPosition, by delta: Int, lineCount: Int, rows: (Int) -> Int) -> LogPosition {
        var position = position
        var left = delta
        while left > 0 {
            let room = rows(position.line) - 1 - position.row
            if left <= room {
                position.row += left
                return position
            }
            guard position.line + 1 < lineCount else {
                position.row += room
                return position
            }
            left -= room + 1
            position = LogPosition(line: position.line + 1, row: 0)
        }
        while left < 0 {
            if -left <= position.row {
                position.row += left
                return position
            }
            guard position.line > 0 else {
                position.row = 0
                return position
            }
            left += position.row + 1
            position = LogPosition(line: position.line - 1, row: rows(position.line - 1) - 1)
        }
        return position
    }
}
