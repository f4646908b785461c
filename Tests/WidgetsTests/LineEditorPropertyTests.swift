import PropertyBased
import Testing
import Widgets

/// Keys a user (or a cat on the keyboard) could press, with text that joins and splits clusters:
/// lone combining marks, flag halves, a skin tone and a ZWJ typed on their own.
private let events: [InputEvent] = [
    .text("a"), .text("Z"), .text(" "), .text(" "), .text("é"), .text("\u{301}"), .text("ç"),
    .text("日"), .text("語"), .text("👩‍💻"), .text("🇫"), .text("🇷"), .text("👍"), .text("\u{1F3FD}"),
    .text("\u{200D}"), .text("ש"), .text("ם"),
    .paste("Bonjour à tous\nça va ?"), .paste("日本語 👍🏽🇫🇷"), .paste("\u{1B}[31m\u{7}"), .paste(""),
    .enter, .tab, .tab, .backTab, .backspace, .backspace, .delete, .left, .left, .right, .home, .end,
    .up, .down, .ctrl("a"), .ctrl("e"), .ctrl("k"), .ctrl("u"), .ctrl("w"), .ctrl("y"),
    .alt("b"), .alt("f"), .alt("d"), .alt("\u{7F}"), .function(2), .pageUp, .escape, .resize,
]

private let eventGenerator = Gen<InputEvent?>.element(of: events).map { $0 ?? .escape }

@Suite("Line editor, for any keys")
struct LineEditorPropertyTests {
    @Test func anyKeysKeepTheCursorOnAClusterAndTheFieldInItsArea() async {
        let prompts = Gen<String?>.element(of: ["", "> ", "日> "]).map { $0 ?? "" }
        let limits = Gen.int(in: 1...12).optional
        await propertyCheck(count: 200, input: eventGenerator.array(of: 0...60), Gen.int(in: 1...16), prompts, limits) { keys, width, prompt, limit in
            var editor = LineEditor(prompt: prompt, placeholder: "écris…", maxLength: limit) { prefix in
                prefix.hasPrefix("@") ? ["@Karim", "@Kamel", "@日本"] : prefix.hasPrefix("/") ? ["/quit"] : []
            }
            let area = Rect(x: 2, y: 1, width: width, height: 1)
            var buffer = sentinelBuffer(width: width + 4, height: 3)
            for key in keys {
                if case .submitted(let line) = editor.handle(key) {
                    #expect(!line.isEmpty && line.first?.isWhitespace == false && line.last?.isWhitespace == false)
                }
                #expect((0...editor.clusters.count).contains(editor.cursor))
                #expect(Array(editor.text) == editor.clusters, "the clusters are the text's own: the cursor is on a boundary")
                if let limit { #expect(editor.clusters.count <= limit) }

                editor.render(in: area, buffer: &buffer, theme: .color)
                #expect(cellsChanged(outside: area, in: buffer) == [])
                #expect(rowsFitTheArea(buffer, area))
                #expect(buffer.cells.filter(isUnsafe).map(\.text) == [])
                let cursor = editor.cursorPosition(in: area)
                #expect(area.contains(cursor))
                #expect(!buffer[cursor.x, cursor.y].isContinuation)
                // Under the cursor: the cluster it is on, when the field has room for it.
                let fieldStart = area.x + min(DisplayWidth.of(prompt), width)
                if editor.cursor < editor.clusters.count, cursor.x >= fieldStart {
                    let character = editor.clusters[editor.cursor]
                    if cursor.x + DisplayWidth.of(character) <= area.maxX {
                        #expect(buffer[cursor.x, cursor.y].text == String(CellText.safe(character)))
                    }
                }
            }
        }
    }
}
