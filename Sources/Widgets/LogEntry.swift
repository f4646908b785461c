/// A `LogLine` prepared for drawing: its spans joined into one string once, where each style
/// ends, and its rows as wrapped at the last width asked for (so a frame re-wraps nothing).
struct LogEntry: Sendable {
    /// Where one span ends in `text` (a UTF-8 offset) and how it is drawn.
    struct Run: Sendable, Hashable {
        var end: Int
        var style: Style
    }

    var id: String?
    let text: String
    let runs: [Run]
    let hangingIndent: Int
    /// The width `rows` were wrapped at; 0 when not wrapped yet.
    private(set) var wrappedWidth = 0
    /// Each row as a range of UTF-8 offsets into `text`.
    private(set) var rows: [Range<Int>] = []

    init(_ line: LogLine) {
        var text = ""
        var runs: [Run] = []
        var offset = 0
        for span in line.spans where !span.text.isEmpty {
            text += span.text
            offset += span.text.utf8.count
            runs.append(Run(end: offset, style: span.style))
        }
        self.text = text
        self.runs = runs
        self.id = line.id
        self.hangingIndent = max(0, line.hangingIndent)
    }

    /// The line back as spans (for the app to read a line it gave).
    var line: LogLine {
        var spans: [Span] = []
        var start = 0
        for run in runs {
            spans.append(Span(String(Self.slice(text, start..<run.end)), style: run.style))
            start = run.end
        }
        return LogLine(spans, id: id, hangingIndent: hangingIndent)
    }

    /// Wraps at `width` unless already wrapped at it; returns whether it had to wrap.
    @discardableResult
    mutating func wrap(width: Int) -> Bool {
        guard width != wrappedWidth else { return false }
        rows = HangingWrap.rows(of: text, width: width, indent: hangingIndent)
        wrappedWidth = width
        return true
    }

    /// The number of rows at `width`, from the cache when it matches, without caching.
    func rowCount(width: Int) -> Int {
        width == wrappedWidth ? rows.count : HangingWrap.rows(of: text, width: width, indent: hangingIndent).count
    }

    /// The style of the span that holds UTF-8 offset `offset`.
    func style(at offset: Int) -> Style {
        runs.first { $0.end > offset }?.style ?? runs.last?.style ?? .plain
    }

    /// `text` between two UTF-8 offsets that fall on cluster boundaries.
    static func slice(_ text: String, _ range: Range<Int>) -> Substring {
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound, limitedBy: utf8.endIndex) ?? utf8.endIndex
        let end = utf8.index(utf8.startIndex, offsetBy: range.upperBound, limitedBy: utf8.endIndex) ?? utf8.endIndex
        return text[start..<max(start, end)]
    }
}

/// `Text.wrap` with a hanging indent: the first row has the whole width, the rows after it
/// `width - indent`. The indent never takes more than half the width, so narrow panes still
/// show text.
enum HangingWrap {
    /// The rows of `text` as UTF-8 offset ranges; at least one row.
    static func rows(of text: String, width: Int, indent: Int) -> [Range<Int>] {
        guard width > 0 else { return [0..<0] }
        let indent = min(max(0, indent), width / 2)
        guard indent > 0 else { return offsets(of: Text.wrap(text, width: width), in: text, shift: 0) }
        // The first row depends only on the text up to the first cluster that overflows the
        // width (or the first newline): wrap that much at full width.
        var used = 0
        var cut: String.Index?
        DisplayWidth.forEachCluster(in: text[...]) { start, end, clusterWidth, first in
            used += clusterWidth
            if (first == "\n" && text.unicodeScalars.index(after: start) == end) || used > width {
                cut = end
                return false
            }
            return true
        }
        guard let cut else { return [0..<text.utf8.count] }
        let head = String(text[..<cut])
        let headRows = Text.wrap(head, width: width)
        guard headRows.count >= 2 else { return offsets(of: headRows, in: head, shift: 0) }
        let first = offsets(of: [headRows[0]], in: head, shift: 0)
        // `head` is a prefix of `text`, so its offsets are offsets in `text` too.
        let restStart = head.utf8.distance(from: head.startIndex, to: headRows[1].startIndex)
        let rest = String(LogEntry.slice(text, restStart..<text.utf8.count))
        return first + offsets(of: Text.wrap(rest, width: width - indent), in: rest, shift: restStart)
    }

    private static func offsets(of lines: [Substring], in text: String, shift: Int) -> [Range<Int>] {
        let utf8 = text.utf8
        let rows = lines.map { line -> Range<Int> in
            let start = utf8.distance(from: utf8.startIndex, to: line.startIndex)
            let end = utf8.distance(from: utf8.startIndex, to: line.endIndex)
            return (start + shift)..<(end + shift)
        }
        return rows.isEmpty ? [shift..<shift] : rows
    }
}
