import Testing
import Widgets

@Suite("Dialog and dialog state")
struct DialogTests {
    let removal = Dialog.confirm(
        title: "Retirer Karim ?", message: "Karim ne pourra plus écrire.", confirm: "Retirer", cancel: "Annuler")

    func render(_ dialog: Dialog, width: Int, height: Int, theme: Theme = .color) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height, fill: Cell("x"))
        dialog.render(in: buffer.area, buffer: &buffer, theme: theme)
        return buffer
    }

    @Test func aConfirmationIsCentredAndClearsWhatIsUnderIt() {
        let buffer = render(removal, width: 36, height: 9)
        #expect(buffer.rows == [
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "xx┌ Retirer Karim ? ─────────────┐xx",
            "xx│                              │xx",
            "xx│ Karim ne pourra plus écrire. │xx",
            "xx│                              │xx",
            "xx│   [ Retirer ]  [ Annuler ]   │xx",
            "xx└──────────────────────────────┘xx",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ])
        #expect(buffer.styleRows([ClipCheck.reverse])[5] == "...................RRRRRRRRRRR......", "Annuler starts selected")
        #expect(removal.frame(in: buffer.area, theme: .color) == Rect(x: 2, y: 1, width: 32, height: 6))
    }

    @Test func theSelectedButtonIsHighlighted() {
        var dialog = removal
        dialog.state.selected = 0
        let buffer = render(dialog, width: 36, height: 9)
        #expect(buffer.styleRows([ClipCheck.reverse])[5] == "......RRRRRRRRRRR...................")
    }

    @Test func itShrinksToTwentyByFive() {
        #expect(render(removal, width: 20, height: 5).rows == [
            "┌ Retirer Karim ? ─┐",
            "│ Karim ne pourra  │",
            "│ plus écrire.     │",
            "│ Retirer  Annuler │",
            "└──────────────────┘",
        ])
        #expect(render(removal, width: 20, height: 5).styleRows([ClipCheck.reverse])[3] == "...........RRRRRRR..")
        #expect(render(removal, width: 20, height: 4).rows == [
            "┌ Retirer Karim ? ─┐",
            "│ Karim ne pourra… │",
            "│ Retirer  Annuler │",
            "└──────────────────┘",
        ])
        #expect(render(removal, width: 20, height: 4, theme: Theme.color.ascii).rows == [
            "+ Retirer Karim ? -+",
            "| Karim ne pour... |",
            "| Retirer  Annuler |",
            "+------------------+",
        ])
    }

    @Test func onATinyScreenItStillDrawsOnlyInsideItsArea() {
        var buffer = CellBuffer(width: 10, height: 5, fill: Cell("x"))
        removal.render(in: Rect(x: 2, y: 1, width: 6, height: 3), buffer: &buffer, theme: .color)
        #expect(buffer.rows == [
            "xxxxxxxxxx",
            "xx┌ R… ┐xx",
            "xx│… … │xx",
            "xx└────┘xx",
            "xxxxxxxxxx",
        ])
    }

    @Test func aMessageWithForeignTextAndOneButton() {
        let dialog = Dialog.message(title: "Info", message: "日本語 👩‍💻 🇫🇷 שלום\u{1B}[2J")
        let buffer = render(dialog, width: 30, height: 7, theme: .monochrome)
        #expect(buffer.rows == [
            "x┌ Info ────────────────────┐x",
            "x│                          │x",
            "x│ 日本語 👩‍💻 🇫🇷 שלום␛[2J    │x",
            "x│                          │x",
            "x│          [ OK ]          │x",
            "x└──────────────────────────┘x",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ])
        #expect(buffer.styleRows([ClipCheck.reverse, ClipCheck.bold])[4] == ".B..........RRRRRR..........B.", "monochrome: bold border, reversed button")
    }

    @Test func aLongMessageWrapsAndKeepsItsLineBreaks() {
        let dialog = Dialog.message(title: "Salon verrouillé", message: "Salon fermé.\nDéverrouille-le avec /unlock quand tu veux.")
        #expect(render(dialog, width: 34, height: 9).rows == [
            "┌ Salon verrouillé ──────────────┐",
            "│                                │",
            "│ Salon fermé.                   │",
            "│ Déverrouille-le avec /unlock   │",
            "│ quand tu veux.                 │",
            "│                                │",
            "│             [ OK ]             │",
            "└────────────────────────────────┘",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ])
    }

    @Test func keysMoveTheSelectionAndEndTheDialog() {
        var state = DialogState(buttonCount: 2, selected: 1)
        #expect(state.handle(.right) == nil && state.selected == 1, "Right stops at the last button")
        #expect(state.handle(.left) == nil && state.selected == 0)
        #expect(state.handle(.left) == nil && state.selected == 0)
        #expect(state.handle(.tab) == nil && state.selected == 1)
        #expect(state.handle(.tab) == nil && state.selected == 0, "Tab wraps around")
        #expect(state.handle(.backTab) == nil && state.selected == 1)
        #expect(state.handle(.text("x")) == nil)
        #expect(state.handle(.enter) == .cancelled, "Enter on Annuler")
        state.selected = 0
        #expect(state.handle(.enter) == .confirmed, "Enter on Retirer")
        #expect(state.handle(.escape) == .cancelled)
        var message = DialogState(buttonCount: 1)
        #expect(message.handle(.right) == nil && message.selected == 0)
        #expect(message.handle(.enter) == .confirmed)
        #expect(DialogState(buttonCount: 0, selected: 7) == DialogState(buttonCount: 1, selected: 0))
    }

    @Test func aClickPressesTheButtonUnderIt() {
        let area = Rect(x: 0, y: 0, width: 36, height: 9)
        #expect(removal.button(at: Point(x: 6, y: 5), in: area, theme: .color) == 0)
        #expect(removal.button(at: Point(x: 29, y: 5), in: area, theme: .color) == 1)
        #expect(removal.button(at: Point(x: 17, y: 5), in: area, theme: .color) == nil)
        #expect(removal.button(at: Point(x: 6, y: 4), in: area, theme: .color) == nil)
        var state = removal.state
        #expect(state.press(0) == .confirmed)
        #expect(state.press(1) == .cancelled && state.selected == 1)
    }

    @Test(arguments: ClipCheck.themeNames)
    func nothingIsDrawnOutsideTheArea(themeName: String) {
        let theme = ClipCheck.theme(themeName)
        let odd = Dialog.message(title: "日本語 \u{1B}", message: "Chloe\u{301} 👩‍💻 שלום " + String(repeating: "très long ", count: 8))
        for dialog in [removal, odd, Dialog(title: "", message: "", buttons: [])] {
            #expect(ClipCheck.cellsChangedOutside(maxWidth: 30, maxHeight: 9) { dialog.render(in: $0, buffer: &$1, theme: theme) } == [])
        }
    }
}
