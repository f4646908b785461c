import Widgets

/// Checks that a widget draws only inside the area it is given, at every small size.
enum ClipCheck {
    /// Draws with `draw` into a buffer of "#" at every area size up to `maxWidth` x `maxHeight`
    /// (placed at 2,1 in a larger buffer), and lists each cell outside the area that changed,
    /// as "WxH at x,y". Empty when the widget keeps inside its area.
    static func cellsChangedOutside(maxWidth: Int, maxHeight: Int, _ draw: (Rect, inout CellBuffer) -> Void) -> [String] {
        var changed: [String] = []
        let sentinel = Cell("#")
        for width in 0...maxWidth {
            for height in 0...maxHeight {
                let area = Rect(x: 2, y: 1, width: width, height: height)
                var buffer = CellBuffer(width: maxWidth + 4, height: maxHeight + 2, fill: sentinel)
                draw(area, &buffer)
                for y in 0..<buffer.height {
                    for x in 0..<buffer.width where !area.contains(Point(x: x, y: y)) && buffer[x, y] != sentinel {
                        changed.append("\(width)x\(height) at \(x),\(y)")
                    }
                }
            }
        }
        return changed
    }

    /// The themes every widget is checked with, by name (readable test-case names).
    static let themeNames = ["color", "monochrome", "ascii"]

    /// The theme called `name` in `themeNames`.
    static func theme(_ name: String) -> Theme {
        switch name {
        case "monochrome": .monochrome
        case "ascii": Theme.color.ascii
        default: .color
        }
    }

    /// Style legends for `CellBuffer.styleRows`.
    static var reverse: (Character, (Style) -> Bool) { ("R", { $0.attributes.contains(.reverse) }) }
    static var underline: (Character, (Style) -> Bool) { ("U", { $0.attributes.contains(.underline) }) }
    static var bold: (Character, (Style) -> Bool) { ("B", { $0.attributes.contains(.bold) }) }
    static var dim: (Character, (Style) -> Bool) { ("D", { $0.attributes.contains(.dim) || $0.foreground == .gray }) }
}
