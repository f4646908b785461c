/// A scrolling log of styled lines: the chat pane's engine.
///
/// Lines are wrapped to the width they are drawn at, and the wrap is cached per line, so a
/// frame only wraps what it has not seen at that width and draws only the visible rows,
/// whatever the length of the log. The view follows the bottom until the user scrolls up;
/// then new lines leave it alone and are counted ("3 new ▼"). Scroll commands use the size
/// of the last `render`.
public struct TextLog: Sendable {
    /// Where the view is: following the last row, at the very top, or with a given row at
    /// its bottom (a position that survives appends, prepends and width changes).
    enum Anchor: Sendable, Hashable {
        case bottom
        case top
        case row(LogPosition)
    }

    struct UnreadMarker: Sendable, Hashable {
        var id: String
        var label: String
    }

    struct RowTotal: Sendable, Hashable {
        var width: Int
        var rows: Int
    }

    /// The text of the new-lines indicator for a count, e.g. `{ "\($0) nouveaux" }`: the app localises it.
    public var newLinesLabel: @Sendable (Int) -> String

    var entries: [LogEntry] = []
    /// The serial number of `entries[0]`; `entries[i]` has `firstSerial + i`, so prepending
    /// history does not renumber the id index.
    var firstSerial = 0
    var serialByID: [String: Int] = [:]
    var anchor = Anchor.bottom
    var marker: UnreadMarker?
    /// The size of the last render: scroll commands move by its rows.
    var viewport: Size?
    var totalCache: RowTotal?
    /// How many times a line was wrapped: lets tests prove a frame wraps only what it shows.
    var wrapCount = 0
    /// The line drawn in reverse video (a message selected to react to), by id.
    public var highlightedID: String?
    /// Where a search matches a line's text, as UTF-8 offset ranges: drawn underlined and
    /// reversed (not reversed in the highlighted line). Asked only for the rows drawn.
    public var marks: (@Sendable (String) -> [Range<Int>])?

    /// Lines that arrived while the user was scrolled up; cleared on returning to the bottom.
    public internal(set) var newLineCount = 0

    /// An empty log that follows the bottom; `newLinesLabel` words the "N new" indicator.
    public init(newLinesLabel: @escaping @Sendable (Int) -> String) {
        self.newLinesLabel = newLinesLabel
    }

    /// The number of lines (not rows) in the log.
    public var count: Int { entries.count }

    /// Whether the view follows the bottom (new lines scroll into view).
    public var isAtBottom: Bool { anchor == .bottom }

    /// The line with this id, as it was given.
    public func line(id: String) -> LogLine? {
        index(ofID: id).map { entries[$0].line }
    }

    /// Adds a line at the bottom (a new message).
    public mutating func append(_ line: LogLine) {
        append(contentsOf: [line])
    }

    /// Adds lines at the bottom, oldest first.
    public mutating func append(contentsOf lines: [LogLine]) {
        for line in lines {
            if let id = line.id { serialByID[id] = firstSerial + entries.count }
            entries.append(LogEntry(line))
        }
        if anchor != .bottom { newLineCount += lines.count }
        if let total = totalCache {
            let marker = markerIndex
            var rows = total.rows
            for index in (entries.count - lines.count)..<entries.count {
                rows += rowCount(at: index, width: total.width, marker: marker)
            }
            totalCache = RowTotal(width: total.width, rows: rows)
        }
    }

    /// Adds older lines at the top (history fetched from the server), oldest first; the view
    /// stays on what the user was reading.
    public mutating func prepend(_ lines: [LogLine]) {
        guard !lines.isEmpty else { return }
        firstSerial -= lines.count
        entries.insert(contentsOf: lines.map(LogEntry.init), at: 0)
        // Newest first, so that with a repeated id the newest line wins, as in `append`.
        for (offset, line) in lines.enumerated().reversed() {
            if let id = line.id, serialByID[id] == nil { serialByID[id] = firstSerial + offset }
        }
        if case .row(let position) = anchor {
            anchor = .row(LogPosition(line: position.line + lines.count, row: position.row))
        }
        totalCache = nil
    }

    /// Replaces the line with id `id` (a pending message that was sent, an edit); the new line
    /// may carry a new id, and the unread marker follows it. Returns false if no line has `id`.
    @discardableResult
    public mutating func replace(id: String, with line: LogLine) -> Bool {
        guard let index = index(ofID: id) else { return false }
        entries[index] = LogEntry(line)
        if line.id != id {
            serialByID[id] = nil
            if let newID = line.id {
                serialByID[newID] = firstSerial + index
                if marker?.id == id { marker?.id = newID }
            }
        }
        totalCache = nil
        return true
    }

    /// Removes the line with id `id`; an unread marker on it moves to the next line.
    /// Returns false if no line has `id`.
    @discardableResult
    public mutating func remove(id: String) -> Bool {
        guard let index = index(ofID: id) else { return false }
        let countBefore = entries.count
        entries.remove(at: index)
        serialByID[id] = nil
        for later in index..<entries.count {
            if let laterID = entries[later].id, serialByID[laterID] == firstSerial + later + 1 {
                serialByID[laterID] = firstSerial + later
            }
        }
        if anchor != .bottom && index >= countBefore - newLineCount { newLineCount -= 1 }
        if marker?.id == id {
            if index < entries.count, let nextID = entries[index].id {
                marker?.id = nextID
            } else {
                marker = nil
            }
        }
        if entries.isEmpty {
            anchor = .bottom
            newLineCount = 0
        } else if case .row(let position) = anchor, position.line >= index {
            if position.line > index {
                anchor = .row(LogPosition(line: position.line - 1, row: position.row))
            } else {
                // The bottom line went away: the line above it becomes the bottom one.
                anchor = .row(index > 0 ? LogPosition(line: index - 1, row: .max) : LogPosition(line: 0, row: 0))
            }
        }
        totalCache = nil
        return true
    }

    /// Forgets the oldest lines beyond `limit`, while the view follows the bottom (nobody is
    /// reading them); returns the ids of the lines forgotten. The app fetches them again
    /// when the user scrolls back, so a long day's chat does not all stay in memory.
    @discardableResult
    public mutating func trim(keeping limit: Int) -> [String] {
        guard anchor == .bottom, entries.count > max(0, limit) else { return [] }
        let dropped = entries.count - max(0, limit)
        let ids = entries[..<dropped].compactMap(\.id)
        for id in ids where serialByID[id].map({ $0 - firstSerial < dropped }) == true { serialByID[id] = nil }
        entries.removeFirst(dropped)
        firstSerial += dropped
        if let marker, index(ofID: marker.id) == nil { self.marker = nil }
        totalCache = nil
        return ids
    }

    /// Draws a marker row (a rule with `label`, e.g. "non lus") just before the line with id `id`.
    public mutating func setUnreadMarker(beforeLineID id: String, label: String) {
        marker = UnreadMarker(id: id, label: label)
        totalCache = nil
    }

    /// Removes the unread marker.
    public mutating func clearUnreadMarker() {
        marker = nil
        totalCache = nil
    }

    /// The id of the line the unread marker is drawn before, if any.
    public var unreadMarkerLineID: String? { marker?.id }

    /// The number of rows the whole log takes at `width`, marker row included (for a scroll bar).
    /// Wraps the lines not yet wrapped at that width once, then answers from a cache.
    public mutating func totalRows(width: Int) -> Int {
        guard width > 0 else { return 0 }
        if let total = totalCache, total.width == width { return total.rows }
        let marker = markerIndex
        var rows = 0
        for index in entries.indices { rows += rowCount(at: index, width: width, marker: marker) }
        totalCache = RowTotal(width: width, rows: rows)
        return rows
    }

    // MARK: - Internals shared by scrolling and rendering

    func index(ofID id: String) -> Int? {
        guard let serial = serialByID[id] else { return nil }
        let index = serial - firstSerial
        guard entries.indices.contains(index), entries[index].id == id else { return nil }
        return index
    }

    /// The index of the line the unread marker is drawn before, if that line is loaded.
    var markerIndex: Int? { marker.flatMap { index(ofID: $0.id) } }

    /// The rows of line `index` at `width` (one more for the marker row), wrapping it once.
    mutating func rowCount(at index: Int, width: Int, marker: Int?) -> Int {
        if entries[index].wrap(width: width) { wrapCount += 1 }
        return max(1, entries[index].rows.count) + (index == marker ? 1 : 0)
    }

    /// The same count, without caching (for read-only questions).
    func peekRowCount(at index: Int, width: Int, marker: Int?) -> Int {
        max(1, entries[index].rowCount(width: width)) + (index == marker ? 1 : 0)
    }
}
