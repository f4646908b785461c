import Widgets

/// The widget gallery: a fixed screen that exercises borders, layout, wide and combined
/// characters and hostile text. `momentum gallery` shows it in the real terminal; tests
/// render the same function in memory and compare it with what tmux captured.
enum GalleryView {
    static let samples = [
        "Chloé : ça marche très bien",
        "日本語のテキスト",
        "👩‍💻 codeuse 🇫🇷 👍🏽",
        "e\u{301}te\u{301} (marques combinantes)",
        "שלום עולם",
        "hostile: \u{1B}]0;pwned\u{07}\u{1B}[2J\u{202E}fin",
    ]

    static func render(size: Size, theme: Theme, lastEvent: InputEvent?) -> CellBuffer {
        var buffer = CellBuffer(size: size)
        let area = Rect(size: size)
        guard size.width >= 40, size.height >= 12 else {
            buffer.write(Text.truncate("Terminal too small (\(size.width)x\(size.height))", to: size.width, ellipsis: theme.ellipsis), x: 0, y: 0)
            return buffer
        }
        let rows = Layout.split(area, .vertical, [.fixed(1), .fill(1), .fixed(1), .fixed(1)])
        buffer.write(Text.truncate(" Widget gallery · \(size.width)x\(size.height)", to: size.width, ellipsis: theme.ellipsis), x: 0, y: rows[0].y, style: theme.title)
        let columns = Layout.split(rows[1], .horizontal, [.ratio(1, 4), .fill(1), .ratio(1, 4)])
        let titles = ["Programme", "Discussion", "Participants 14/16"]
        for (index, column) in columns.enumerated() {
            Box(title: titles[index], focused: index == 1).render(in: column, buffer: &buffer, theme: theme)
            let inner = Box.inner(of: column)
            for (line, sample) in samples.enumerated() where line < inner.height {
                buffer.write(Text.truncate(sample, to: inner.width, ellipsis: theme.ellipsis), x: inner.x, y: inner.y + line, clip: inner)
            }
        }
        let event = lastEvent.map { "last key: \($0)" } ?? "press keys; q quits"
        buffer.write(Text.truncate(" > " + event, to: size.width, ellipsis: theme.ellipsis), x: 0, y: rows[2].y)
        buffer.fill(rows[3], with: Cell(" ", style: theme.statusBar))
        buffer.write(Text.truncate(" q quit  F10 quit", to: size.width, ellipsis: theme.ellipsis), x: 0, y: rows[3].y, style: theme.statusBar)
        return buffer
    }
}
