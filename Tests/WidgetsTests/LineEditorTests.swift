import Testing
import Widgets

/// Feeds events to the editor; returns the last outcome.
@discardableResult
private func press(_ editor: inout LineEditor, _ events: InputEvent...) -> LineEditor.Outcome {
    var outcome = LineEditor.Outcome.handled
    for event in events { outcome = editor.handle(event) }
    return outcome
}

private func type(_ editor: inout LineEditor, _ text: String) {
    for character in text { _ = editor.handle(.text(character)) }
}

/// The editor drawn in an area `width` wide: the row, and the cursor's column.
private func draw(_ editor: inout LineEditor, width: Int) -> (row: String, cursor: Int) {
    var buffer = CellBuffer(width: width, height: 1)
    let before = editor.cursorPosition(in: buffer.area)
    editor.render(in: buffer.area, buffer: &buffer, theme: .monochrome)
    let after = editor.cursorPosition(in: buffer.area)
    #expect(before == after, "render and cursorPosition agree whichever comes first")
    return (buffer.trimmedRows[0], after.x)
}

private let names: @Sendable (String) -> [String] = { prefix in
    ["@Karim", "@Kamel", "@Chloé", "/quit", "/main"].filter { $0.lowercased().hasPrefix(prefix.lowercased()) }
}

@Suite("Line editor")
struct LineEditorTests {
    @Test func theCursorMovesAndDeletesByCluster() {
        var editor = LineEditor()
        type(&editor, "Chloe")
        press(&editor, .text("\u{301}"))
        #expect(editor.text == "Chloe\u{301}")
        #expect(editor.clusters.count == 5 && editor.cursor == 5, "a combining mark typed alone joins its letter")
        type(&editor, " 👩‍💻🇫🇷👍🏽 日本")
        #expect(editor.clusters.count == 12)
        press(&editor, .backspace)
        #expect(editor.text == "Chloe\u{301} 👩‍💻🇫🇷👍🏽 日")
        press(&editor, .left, .left, .backspace)
        #expect(editor.text == "Chloe\u{301} 👩‍💻🇫🇷 日", "Backspace removes the whole skin-toned thumb")
        press(&editor, .left, .delete)
        #expect(editor.text == "Chloe\u{301} 👩‍💻 日")
        #expect(editor.cursor == 7)
        press(&editor, .home, .delete, .end, .right, .ctrl("a"), .left)
        #expect(editor.text == "hloe\u{301} 👩‍💻 日" && editor.cursor == 0)
        press(&editor, .ctrl("e"))
        #expect(editor.cursor == 8)
    }

    @Test func wordsAndKills() {
        var editor = LineEditor()
        type(&editor, "Bonjour à  tous les amis")
        press(&editor, .alt("b"), .alt("b"))
        #expect(editor.cursor == 16, "before « les »")
        press(&editor, .alt("f"))
        #expect(editor.cursor == 19, "after « les »")
        press(&editor, .ctrl("w"))
        #expect(editor.text == "Bonjour à  tous  amis")
        press(&editor, .ctrl("w"))
        #expect(editor.text == "Bonjour à   amis" && editor.cursor == 11)
        press(&editor, .ctrl("k"))
        #expect(editor.text == "Bonjour à  ")
        press(&editor, .ctrl("a"), .alt("d"))
        #expect(editor.text == " à  ")
        press(&editor, .end, .ctrl("y"))
        #expect(editor.text == " à  Bonjour")
        press(&editor, .alt("\u{7F}"))
        #expect(editor.text == " à  ")
        press(&editor, .left, .ctrl("u"))
        #expect(editor.text == " " && editor.cursor == 0)
    }

    @Test func enterSubmitsTrimmedTextAndNeverBlank() {
        var editor = LineEditor()
        type(&editor, "   ")
        #expect(press(&editor, .enter) == .handled)
        #expect(editor.history.isEmpty)
        type(&editor, "Bonjour à tous ! ")
        #expect(press(&editor, .enter) == .submitted("Bonjour à tous !"))
        #expect(editor.isEmpty && editor.cursor == 0)
        #expect(press(&editor, .enter) == .handled)
    }

    @Test func historyUpAndDownRestoresTheDraft() {
        var editor = LineEditor()
        #expect(press(&editor, .up) == .notHandled, "no history: the app may use Up")
        for line in ["un", "deux", "deux", "trois"] {
            type(&editor, line)
            press(&editor, .enter)
        }
        #expect(editor.history == ["un", "deux", "trois"])
        type(&editor, "brouillon")
        #expect(press(&editor, .up) == .handled)
        #expect(editor.text == "trois" && editor.cursor == 5)
        press(&editor, .up, .up, .up)
        #expect(editor.text == "un")
        press(&editor, .down)
        #expect(editor.text == "deux")
        press(&editor, .down, .down)
        #expect(editor.text == "brouillon")
        #expect(press(&editor, .down) == .notHandled)
        press(&editor, .up, .text("!"), .up)
        #expect(editor.text == "trois", "editing a recalled line ends browsing; Up starts again from the newest")
        press(&editor, .down)
        #expect(editor.text == "trois!", "and keeps the edit as the draft")
    }

    @Test func aPasteIsInsertedOnOneLineAndNeverSubmits() {
        var editor = LineEditor()
        #expect(press(&editor, .paste("ligne 1\nligne 2\r\n/quit\tfin")) == .handled)
        #expect(editor.text == "ligne 1 ligne 2 /quit fin")
        editor.insert("\u{1B}[31m")
        #expect(draw(&editor, width: 40).row == "ligne 1 ligne 2 /quit fin\u{241B}[31m")
    }

    @Test func theMaximumLengthRefusesExtraInput() {
        var editor = LineEditor(maxLength: 5)
        type(&editor, "abcd")
        #expect(!editor.lastInsertWasCut)
        press(&editor, .paste("é👩‍💻日"))
        #expect(editor.text == "abcdé" && editor.lastInsertWasCut)
        press(&editor, .text("f"))
        #expect(editor.text == "abcdé" && editor.lastInsertWasCut)
        press(&editor, .left)
        #expect(!editor.lastInsertWasCut)
        press(&editor, .backspace, .backspace, .paste("🇫🇷 x"))
        #expect(editor.text == "ab🇫🇷 é" && editor.cursor == 4 && editor.lastInsertWasCut)
        editor.setText("123456789")
        #expect(editor.text == "12345" && editor.lastInsertWasCut)
    }

    @Test func tabCompletesOneNameOrCyclesThroughSeveral() {
        var editor = LineEditor(completer: names)
        type(&editor, "salut @ch")
        #expect(press(&editor, .tab) == .handled)
        #expect(editor.text == "salut @Chloé ")
        #expect(press(&editor, .tab) == .notHandled, "nothing before the cursor to complete: Tab is the app's")
        type(&editor, "@ka")
        press(&editor, .tab)
        #expect(editor.text == "salut @Chloé @Karim")
        press(&editor, .tab)
        #expect(editor.text == "salut @Chloé @Kamel")
        press(&editor, .tab)
        #expect(editor.text == "salut @Chloé @Karim")
        press(&editor, .backTab)
        #expect(editor.text == "salut @Chloé @Kamel")
        press(&editor, .text(" "), .text("/"), .text("q"))
        press(&editor, .tab)
        #expect(editor.text == "salut @Chloé @Kamel /quit ")
        type(&editor, "@zz")
        #expect(press(&editor, .tab) == .notHandled)
        #expect(press(&editor, .backTab) == .notHandled)
        var plain = LineEditor()
        type(&plain, "@ka")
        #expect(press(&plain, .tab) == .notHandled)
    }

    @Test func keysItHasNoUseForAreTheApps() {
        var editor = LineEditor()
        type(&editor, "abc")
        for event: InputEvent in [.function(2), .pageUp, .pageDown, .escape, .resize, .ctrl("q"), .insert, .mouse(MouseEvent(.press, x: 1, y: 1))] {
            #expect(editor.handle(event) == .notHandled)
        }
        #expect(editor.text == "abc" && editor.cursor == 3)
    }

    @Test func theViewScrollsToKeepTheCursorVisible() {
        var editor = LineEditor(prompt: "> ")
        type(&editor, "Bonjour à tous")
        #expect(draw(&editor, width: 10) == (">  à tous", 9))
        press(&editor, .home)
        #expect(draw(&editor, width: 10) == ("> Bonjour", 2))
        press(&editor, .alt("f"))
        #expect(draw(&editor, width: 10) == ("> Bonjour", 9), "the cursor is still in view: no scroll")
        press(&editor, .right)
        #expect(draw(&editor, width: 10) == ("> onjour à", 9))
        press(&editor, .end, .backspace, .backspace, .backspace)
        #expect(draw(&editor, width: 10) == ("> our à t", 9))
        #expect(draw(&editor, width: 30) == ("> Bonjour à t", 13))
    }

    @Test func wideClustersAreNeverCutAtTheEdges() {
        var editor = LineEditor(prompt: "> ")
        type(&editor, "日本語テキスト")
        #expect(draw(&editor, width: 9) == ("> キスト", 8))
        press(&editor, .home)
        #expect(draw(&editor, width: 9) == ("> 日本語", 2))
        press(&editor, .right, .right, .right)
        #expect(draw(&editor, width: 9) == ("> 本語テ", 6))
        editor.setText("👩‍💻🇫🇷👍🏽 שלום cafe\u{301}")
        #expect(draw(&editor, width: 9) == ("> ם cafe\u{301}", 8))
        press(&editor, .home)
        #expect(draw(&editor, width: 9) == ("> 👩‍💻🇫🇷👍🏽", 2))
        #expect(draw(&editor, width: 3) == (">", 2), "a wide cluster that cannot fit is not drawn")
    }

    @Test func thePlaceholderShowsDimWhileEmpty() {
        var editor = LineEditor(prompt: "> ", placeholder: "écris ton message…")
        var buffer = CellBuffer(width: 12, height: 1)
        editor.render(in: buffer.area, buffer: &buffer, theme: .monochrome)
        #expect(buffer.rows == ["> écris ton…"])
        #expect(buffer.styleRows([("a", { $0.attributes.contains(.bold) }), ("d", { $0.attributes.contains(.dim) })]) == ["aadddddddddd"])
        #expect(editor.cursorPosition(in: buffer.area) == Point(x: 2, y: 0))
        press(&editor, .text("a"))
        editor.render(in: buffer.area, buffer: &buffer, theme: .monochrome)
        #expect(buffer.trimmedRows == ["> a"])
    }
}

@Suite("Multi-line input")
struct MultiLineInputTests {
    @Test func aPasteKeepsItsLinesAndAltEnterOrCtrlJBreakALine() {
        var editor = LineEditor()
        editor.multiline = true
        _ = editor.handle(.paste("let a = 1\r\nlet b = 2\tfin"))
        #expect(editor.text == "let a = 1\nlet b = 2    fin")
        _ = editor.handle(.ctrl("j"))
        _ = editor.handle(.text("x"))
        _ = editor.handle(.alt("\n"))
        _ = editor.handle(.text("y"))
        #expect(editor.handle(.enter) == .submitted("let a = 1\nlet b = 2    fin\nx\ny"))
    }

    @Test func aLineBreakIsDrawnAsAVisibleMarkOnTheInputRow() {
        var editor = LineEditor()
        editor.multiline = true
        _ = editor.handle(.paste("a\nb"))
        let (row, cursor) = draw(&editor, width: 20)
        #expect(row == "a\u{240A}b")
        #expect(cursor == 3)
    }

    @Test func ctrlJAndAltEnterAreKeysOfTheirOwn() {
        var decoder = KeyDecoder()
        #expect(decoder.decode("a\nb\r".unicodeScalars.map(RawInput.character)) == [.text("a"), .ctrl("j"), .text("b"), .enter])
        #expect(decoder.decode("\u{1B}\r".unicodeScalars.map(RawInput.character)) == [.alt("\n")])
    }
}
