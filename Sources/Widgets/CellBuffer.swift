/// One cell of the screen: a grapheme cluster and its style. A wide cluster fills its cell
/// and leaves the next one as a continuation (empty text), which the terminal skips.
public struct Cell: Sendable, Hashable {
    public var text: String
    public var style: Style

    public init(_ text: String = " ", style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public static let blank = Cell()
    /// The right half of a wide character.
    public static let continuation = Cell("")

    public var isContinuation: Bool { text.isEmpty }
}

/// A grid of cells that widgets draw into; the terminal blits it. Plain value, `Equatable`,
/// so tests compare what would be on screen without a terminal.
public struct CellBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public init(size: Size) { self.init(width: size.width, height: size.height) }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { (x >= 0 && x < width && y >= 0 && y < height) ? cells[y * width + x] : .blank }
        set {
            guard x >= 0 && x < width && y >= 0 && y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Writes `text` on row `y` from column `x`, clipped to `clip` (default: the buffer), and
    /// returns the column after the last cell written. Every cluster goes through `CellText.safe`;
    /// a wide cluster that does not fit whole is replaced by a space, never split.
    @discardableResult
    public mutating func write(_ text: some StringProtocol, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let bounds = (clip ?? area).intersection(area)
        guard y >= bounds.y && y < bounds.maxY else { return x }
        if let end = writeASCII(text, x: x, y: y, style: style, bounds: bounds) { return end }
        let string = String(text)
        let scalars = string.unicodeScalars
        var column = x
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if column >= bounds.maxX { break }
            let scalar = scalars[index]
            let after = scalars.index(after: index)
            // Fast path: a Latin letter or sign that no mark, joiner or selector follows is a
            // cluster of its own, safe, one column wide: most chat text, no grapheme breaking.
            if CellText.isPlainNarrow(scalar), after == scalars.endIndex || scalars[after].value < 0x300 {
                if column >= bounds.x { put(Cell(String(Character(scalar)), style: style), x: column, y: y) }
                column += 1
                index = after
                continue
            }
            let character = string[index]
            index = scalars.index(index, offsetBy: character.unicodeScalars.count)
            let safe = CellText.safe(character)
            let width = DisplayWidth.of(safe)
            if column < bounds.x {
                column += width
                continue
            }
            if width == 2 && column + 1 >= bounds.maxX {
                put(Cell(" ", style: style), x: column, y: y)
                column += 1
                break
            }
            put(Cell(String(safe), style: style), x: column, y: y)
            if width == 2 { put(Cell("", style: style), x: column + 1, y: y) }
            column += width
        }
        return column
    }

    /// The common case of printable ASCII, byte by byte; nil when the text has anything else.
    private mutating func writeASCII(_ text: some StringProtocol, x: Int, y: Int, style: Style, bounds: Rect) -> Int? {
        var ascii = true
        for byte in text.utf8 where byte < 0x20 || byte >= 0x7F {
            ascii = false
            break
        }
        guard ascii else { return nil }
        var column = x
        for byte in text.utf8 {
            if column >= bounds.maxX { break }
            if column >= bounds.x { put(Cell(CellBuffer.asciiCells[Int(byte) - 0x20], style: style), x: column, y: y) }
            column += 1
        }
        return column
    }

    /// One-character strings for printable ASCII, made once.
    private static let asciiCells: [String] = (0x20..<0x7F).map { String(UnicodeScalar(UInt8($0))) }

    /// Sets one cell, repairing a wide character it cuts in half.
    ///
    /// The left half is blanked only if it is still a character (the write may already have
    /// put its own wide character there); the right half is blanked whatever is written,
    /// including the continuation of a new wide character, so no orphan half is left.
    private mutating func put(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0 && x < width && y >= 0 && y < height else { return }
        let old = self[x, y]
        if old.isContinuation && x > 0 && !self[x - 1, y].isContinuation {
            self[x - 1, y] = Cell(" ", style: self[x - 1, y].style)
        }
        if !old.isContinuation && x + 1 < width && self[x + 1, y].isContinuation {
            self[x + 1, y] = Cell(" ", style: old.style)
        }
        self[x, y] = cell
    }

    /// Fills a rectangle with one cell (a blank by default).
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let target = rect.intersection(area)
        for y in target.y..<target.maxY {
            for x in target.x..<target.maxX { self[x, y] = cell }
        }
    }

    /// Changes the style of every cell in `rect`, keeping the text.
    public mutating func restyle(_ rect: Rect, _ change: (Style) -> Style) {
        let target = rect.intersection(area)
        for y in target.y..<target.maxY {
            for x in target.x..<target.maxX { self[x, y].style = change(self[x, y].style) }
        }
    }

    /// The text of each row, as a terminal would show it: for snapshot tests.
    public var rows: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation { line += self[x, y].text }
            return line
        }
    }

    /// The rows as a real terminal shows them through ncurses (`CellText.terminalScalars`):
    /// what a tmux capture of the same frame must equal.
    public var terminalRows: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation {
                let text = self[x, y].text
                line.unicodeScalars.append(contentsOf: CellText.terminalScalars(text))
                if CellText.needsPadding(text) { line += " " }
            }
            return line
        }
    }

    /// The rows without trailing spaces, for compact literals in tests.
    public var trimmedRows: [String] {
        rows.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
    }

    /// A compact map of styles: one letter per cell from `legend` (first match wins), "." for plain.
    public func styleRows(_ legend: [(Character, (Style) -> Bool)]) -> [String] {
        (0..<height).map { y in
            String((0..<width).map { x -> Character in
                let style = self[x, y].style
                return legend.first { $0.1(style) }?.0 ?? "."
            })
        }
    }
}
