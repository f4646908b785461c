import Testing
import Widgets

@Suite("Status bar")
struct StatusBarTests {
    let hints = [
        KeyHint(key: "F1", label: "aide"), KeyHint(key: "F2", label: "main"), KeyHint(key: "Tab", label: "panneau"),
        KeyHint(key: "PgUp", label: "historique"), KeyHint(key: "F10", label: "quitter"),
    ]

    func render(_ bar: StatusBar, width: Int, theme: Theme = .color) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: 1)
        bar.render(in: buffer.area, buffer: &buffer, theme: theme)
        return buffer
    }

    @Test func everyHintFitsOnAWideScreen() {
        let buffer = render(StatusBar(hints: hints), width: 61)
        #expect(buffer.rows == [" F1 aide  F2 main  Tab panneau  PgUp historique  F10 quitter "])
    }

    @Test func hintsAreDroppedFromTheEndWholeNeverCut() {
        #expect(render(StatusBar(hints: hints), width: 46).trimmedRows == [" F1 aide  F2 main  Tab panneau"])
        #expect(render(StatusBar(hints: hints), width: 9).trimmedRows == [" F1 aide"])
        #expect(render(StatusBar(hints: hints), width: 8).trimmedRows == [""], "F1 aide needs 7 columns and the margins")
    }

    @Test func keysAreBoldOnTheReversedBar() {
        let buffer = render(StatusBar(hints: hints), width: 20)
        #expect(buffer.rows == [" F1 aide  F2 main   "])
        #expect(buffer.styleRows([ClipCheck.bold, ClipCheck.reverse]) == ["RBBRRRRRRRBBRRRRRRRR"])
        let mono = render(StatusBar(hints: hints), width: 20, theme: .monochrome)
        #expect(mono.styleRows([ClipCheck.underline, ClipCheck.reverse]) == ["RUURRRRRRRUURRRRRRRR"], "monochrome keys are bold and underlined")
        #expect(mono.styleRows([ClipCheck.bold]) == [".BB.......BB........"])
    }

    @Test func theTrailingTextKeepsItsRoomAtTheRight() {
        let bar = StatusBar(hints: hints, trailing: "● en ligne")
        #expect(render(bar, width: 40).rows == [" F1 aide  F2 main            ● en ligne "])
        let offline = StatusBar(hints: hints, trailing: "hors ligne", trailingStyle: Theme.color.warning)
        #expect(render(offline, width: 24).rows == [" F1 aide     hors ligne "])
        #expect(render(offline, width: 24).styleRows([ClipCheck.bold]) == [".BB..........BBBBBBBBBB."])
        #expect(render(offline, width: 8).rows == [" hors … "])
        #expect(render(offline, width: 8, theme: Theme.color.ascii).rows == [" hor... "])
    }

    @Test func foreignTextIsSanitisedAndMeasuredByDisplayWidth() {
        let odd = [
            KeyHint(key: "F3", label: "日本語"), KeyHint(key: "F4", label: "👩‍💻 🇫🇷"), KeyHint(key: "F5", label: "שלום"),
            KeyHint(key: "F6", label: "a\u{1B}[2Jb"), KeyHint(key: "Esc", label: ""),
        ]
        #expect(render(StatusBar(hints: odd), width: 46).rows == [" F3 日本語  F4 👩‍💻 🇫🇷  F5 שלום  F6 a␛[2Jb  Esc "])
        #expect(render(StatusBar(hints: odd), width: 17).trimmedRows == [" F3 日本語"], "the F4 hint does not fit whole, so it is dropped")
        #expect(render(StatusBar(hints: [KeyHint(key: "F7", label: "Chloe\u{301}")]), width: 10).rows == [" F7 Chloé "])
    }

    @Test func aClickFindsTheHintUnderIt() {
        let bar = StatusBar(hints: hints, trailing: "● en ligne")
        let area = Rect(x: 0, y: 9, width: 40, height: 1)
        #expect(bar.hint(at: Point(x: 1, y: 9), in: area, theme: .color) == 0)
        #expect(bar.hint(at: Point(x: 7, y: 9), in: area, theme: .color) == 0)
        #expect(bar.hint(at: Point(x: 8, y: 9), in: area, theme: .color) == nil, "the gap")
        #expect(bar.hint(at: Point(x: 10, y: 9), in: area, theme: .color) == 1)
        #expect(bar.hint(at: Point(x: 20, y: 9), in: area, theme: .color) == nil, "Tab panneau was dropped")
        #expect(bar.hint(at: Point(x: 1, y: 8), in: area, theme: .color) == nil)
    }

    @Test func onlyTheFirstRowIsDrawn() {
        var buffer = CellBuffer(width: 10, height: 2, fill: Cell("#"))
        StatusBar(hints: hints).render(in: buffer.area, buffer: &buffer, theme: .color)
        #expect(buffer.rows == [" F1 aide  ", "##########"])
    }

    @Test(arguments: ClipCheck.themeNames)
    func nothingIsDrawnOutsideTheArea(themeName: String) {
        let theme = ClipCheck.theme(themeName)
        let bar = StatusBar(hints: hints + [KeyHint(key: "F9", label: "日本語")], trailing: "● en ligne")
        #expect(ClipCheck.cellsChangedOutside(maxWidth: 64, maxHeight: 2) { bar.render(in: $0, buffer: &$1, theme: theme) } == [])
    }
}
