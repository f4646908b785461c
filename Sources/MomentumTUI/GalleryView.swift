import Widgets

/// The widget gallery: one screen that uses every widget, with wide, combined and hostile
/// text. `momentum gallery` shows it in the real terminal; tests feed the same events to the
/// same state, render it in memory, and compare with what tmux captured.
struct GalleryView {
    static let samples = [
        "Chloé : ça marche très bien",
        "日本語のテキスト",
        "👩‍💻 codeuse 🇫🇷 👍🏽",
        "e\u{301}te\u{301} (marques combinantes)",
        "שלום עולם",
        "hostile: \u{1B}]0;pwned\u{07}\u{1B}[2J\u{202E}fin",
    ]
    static let people = ["★ Sarah (experte)", "🎤 Chloé", "✋1 Karim", "✋2 Dominique", "● Florent", "● Aïcha"]
    static let agenda = ["✓ 09:00 Accueil", "▶ 10:30 UX design", "  11:30 Pause", "  11:45 Front-end", "  14:00 SEO"]

    var editor = LineEditor(prompt: "> ", placeholder: "écris ton message…", maxLength: 200)
    var log = TextLog(newLinesLabel: { "\($0) nouveaux" })
    var roster = ListState(selected: 2, offset: 0)
    var tabs = TabsState(active: 0)
    var lastEvent: InputEvent?

    init() {
        for (index, sample) in Self.samples.enumerated() {
            let name = ["Sarah", "Karim", "Chloé", "Léa", "Yanis", "Eve"][index]
            log.append(LogLine([Span("10:3\(index) ", style: .dim), Span(name + " ", style: .bold), Span(sample)], id: "s\(index)", hangingIndent: 6))
        }
    }

    /// Applies one input event; returns false when it asks to quit.
    mutating func handle(_ event: InputEvent) -> Bool {
        switch event {
        case .function(10), .ctrl("c"): return false
        case .tab: tabs.next(count: 2)
        case .down: roster.select(.next, count: Self.people.count, height: 10)
        case .up: roster.select(.previous, count: Self.people.count, height: 10)
        case .pageUp: log.pageUp()
        case .pageDown: log.pageDown()
        case .text, .enter, .backTab, .backspace, .delete, .escape, .insert, .left, .right, .home, .end,
             .ctrlLeft, .ctrlRight, .function, .ctrl, .alt, .mouse, .resize, .paste:
            if case .submitted(let text) = editor.handle(event) {
                log.append(LogLine([Span("10:40 ", style: .dim), Span("Moi ", style: .bold), Span(text)], hangingIndent: 6))
            }
        }
        lastEvent = event
        return true
    }

    /// The frame, and where the terminal's cursor goes (the input line).
    mutating func render(size: Size, theme: Theme) -> (CellBuffer, Point?) {
        var buffer = CellBuffer(size: size)
        guard size.width >= 40, size.height >= 12 else {
            buffer.write(Text.truncate("Terminal too small (\(size.width)x\(size.height))", to: size.width, ellipsis: theme.ellipsis), x: 0, y: 0)
            return (buffer, nil)
        }
        let rows = Layout.split(Rect(size: size), .vertical, [.fixed(1), .fill(1), .fixed(1), .fixed(1)])
        buffer.write(Text.truncate(" Widget gallery · \(size.width)x\(size.height)", to: size.width, ellipsis: theme.ellipsis), x: 0, y: rows[0].y, style: theme.title)
        let columns = Layout.split(rows[1], .horizontal, [.ratio(1, 4), .fill(1), .ratio(1, 4)])

        Box(title: "Programme").render(in: columns[0], buffer: &buffer, theme: theme)
        ListView(rows: Self.agenda.map { ListView.Row($0) }, state: ListState(selected: 1, offset: 0), focused: false)
            .render(in: Box.inner(of: columns[0]), buffer: &buffer, theme: theme)

        Box(title: "Discussion", focused: true).render(in: columns[1], buffer: &buffer, theme: theme)
        log.render(in: Box.inner(of: columns[1]), buffer: &buffer, theme: theme)

        Box(title: "Participants 14/16").render(in: columns[2], buffer: &buffer, theme: theme)
        let side = Layout.split(Box.inner(of: columns[2]), .vertical, [.fixed(1), .fill(1)])
        Tabs(titles: ["Personnes", "Programme"], state: tabs).render(in: side[0], buffer: &buffer, theme: theme)
        ListView(rows: Self.people.map { ListView.Row($0) }, state: roster, focused: true)
            .render(in: side[1], buffer: &buffer, theme: theme)

        editor.render(in: rows[2], buffer: &buffer, theme: theme)
        let event: String
        switch lastEvent {
        case .mouse(let mouse)?: event = "mouse \(mouse.kind) \(mouse.x),\(mouse.y)"
        case let other?: event = "\(other)"
        case nil: event = "none"
        }
        StatusBar(hints: [KeyHint(key: "Tab", label: "onglet"), KeyHint(key: "F10", label: "quitter")], trailing: "last key: " + event)
            .render(in: rows[3], buffer: &buffer, theme: theme)
        return (buffer, editor.cursorPosition(in: rows[2]))
    }
}
