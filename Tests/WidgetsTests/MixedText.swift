import PropertyBased
import Widgets

/// Generators of text that mixes what chat messages hold: ASCII words, French accents
/// (precomposed and as combining marks), CJK, emoji sequences, Hebrew, spaces, newlines,
/// and the controls a stranger could send.
enum MixedText {
    static let pieces: [String] = [
        "a", "b", "Z", "7", ",", "mot", "bonjour", " ", " ", " ", "  ",
        "é", "à", "ç", "e\u{301}", "\u{301}",
        "日", "本", "語", "テキスト",
        "👩‍💻", "🇫🇷", "👍🏽", "❤️", "\u{1F3FD}", "\u{200D}", "🇫",
        "ש", "ל", "ו", "ם",
        "\u{1B}", "\t", "\u{7F}", "\u{202E}", "\u{200B}", "\u{85}",
    ]

    /// Text of 0 to `pieces` pieces, without newlines.
    static func line(pieces count: ClosedRange<Int> = 0...30) -> Generator<String, some Sequence & SendableMetatype> {
        Gen<String?>.element(of: pieces).map { $0 ?? "" }.array(of: count).map { $0.joined() }
    }

    /// Text of 0 to `pieces` pieces, with some newlines.
    static func paragraphs(pieces count: ClosedRange<Int> = 0...40) -> Generator<String, some Sequence & SendableMetatype> {
        Gen<String?>.element(of: pieces + ["\n", "\n\n"]).map { $0 ?? "" }.array(of: count).map { $0.joined() }
    }
}

/// Whether a cell holds something a terminal would act on instead of drawing.
func isUnsafe(_ cell: Cell) -> Bool {
    let emoji = cell.text.unicodeScalars.first?.properties.isEmoji ?? false
    return cell.text.unicodeScalars.contains { s in
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value)
            || (0x2066...0x2069).contains(s.value)
            || ((0x200B...0x200F).contains(s.value) && !(s.value == 0x200D && emoji))
    }
}

/// A buffer filled with a sentinel, to prove a widget writes nothing outside its area.
func sentinelBuffer(width: Int, height: Int) -> CellBuffer {
    CellBuffer(width: width, height: height, fill: Cell("#"))
}

/// The cells outside `area` that are no longer the sentinel, as "x,y" strings.
func cellsChanged(outside area: Rect, in buffer: CellBuffer) -> [String] {
    var changed: [String] = []
    for y in 0..<buffer.height {
        for x in 0..<buffer.width where !area.contains(Point(x: x, y: y)) && buffer[x, y] != Cell("#") {
            changed.append("\(x),\(y)")
        }
    }
    return changed
}

/// Whether the cells of each row of `area` form whole clusters that fit it: every wide cell
/// has its continuation inside the area, every continuation follows a wide cell.
func rowsFitTheArea(_ buffer: CellBuffer, _ area: Rect) -> Bool {
    for y in area.y..<area.maxY {
        for x in area.x..<area.maxX {
            let cell = buffer[x, y]
            if cell.isContinuation {
                guard x > area.x, DisplayWidth.of(buffer[x - 1, y].text) == 2 else { return false }
            } else {
                guard cell.text.count == 1 else { return false }
                if DisplayWidth.of(cell.text) == 2 && !(x + 1 < area.maxX && buffer[x + 1, y].isContinuation) { return false }
            }
        }
    }
    return true
}
