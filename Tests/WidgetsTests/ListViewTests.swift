import Testing
import Widgets

@Suite("List view and list state")
struct ListViewTests {
    let people: [ListView.Row] = [
        ListView.Row("Sarah", suffix: "experte"),
        ListView.Row("Chloe\u{301}"),
        ListView.Row("Karim", suffix: "✋1"),
        ListView.Row("日本語の名前"),
        ListView.Row("👩‍💻 Dev 🇫🇷"),
        ListView.Row("שלום"),
        ListView.Row("Esc\u{1B}[31m"),
    ]

    func render(_ list: ListView, width: Int, height: Int, theme: Theme = .color) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        list.render(in: buffer.area, buffer: &buffer, theme: theme)
        return buffer
    }

    @Test func aListThatFitsShowsEveryRowWithSuffixesFlushRight() {
        let buffer = render(ListView(rows: people), width: 20, height: 8)
        #expect(buffer.trimmedRows == [
            "Sarah        experte",
            "Chloé",
            "Karim            ✋1",
            "日本語の名前",
            "👩‍💻 Dev 🇫🇷",
            "שלום",
            "Esc␛[31m",
            "",
        ])
        #expect(buffer.styleRows([ClipCheck.reverse]) == [
            "RRRRRRRRRRRRRRRRRRRR",
            "....................",
            "....................",
            "....................",
            "....................",
            "....................",
            "....................",
            "....................",
        ], "the focused selection is reversed across the whole row")
    }

    @Test func scrollingKeepsTheSelectionVisibleWithMarksInTheLastColumn() {
        let list = ListView(rows: people, state: ListState(selected: 5))
        let buffer = render(list, width: 12, height: 4)
        #expect(buffer.rows == [
            "Karim   ✋1▲",
            "日本語の名… ",
            "👩‍💻 Dev 🇫🇷   ",
            "שלום       ▼",
        ])
        #expect(buffer.styleRows([ClipCheck.reverse, ClipCheck.dim]) == [
            "...........D",
            "............",
            "............",
            "RRRRRRRRRRRD",
        ])
    }

    @Test func anUnfocusedSelectionIsUnderlinedUnderItsTextOnly() {
        let list = ListView(rows: [ListView.Row("Chloé"), ListView.Row("Karim", suffix: "✋1")], state: ListState(selected: 1), focused: false)
        let buffer = render(list, width: 12, height: 2)
        #expect(buffer.rows == ["Chloé       ", "Karim    ✋1"])
        #expect(buffer.styleRows([ClipCheck.reverse, ClipCheck.underline]) == ["............", "UUUUU....UUU"])
    }

    @Test func aSuffixIsDroppedBeforeItSqueezesTheTextBelowHalfTheRow() {
        let rows = [ListView.Row("Dominique Martin", suffix: "experte"), ListView.Row("Chloé", suffix: "experte")]
        let buffer = render(ListView(rows: rows, state: ListState(selected: 9)), width: 14, height: 2)
        #expect(buffer.rows == ["Dominique Mar…", "Chloé  experte"])
    }

    @Test func spansKeepTheirStylesAndAreCutWithTheEllipsis() {
        let row = ListView.Row(spans: [Span("10:30 ", style: .dim), Span("UX design", style: .bold)])
        let buffer = render(ListView(rows: [row], focused: false), width: 12, height: 1)
        #expect(buffer.rows == ["10:30 UX de…"])
        #expect(buffer.styleRows([ClipCheck.bold, ClipCheck.dim]) == ["DDDDDDBBBBBB"])
    }

    @Test func monochromeAsciiUsesAsciiMarksAndEllipsis() {
        let rows = [ListView.Row("Dominique Martin"), ListView.Row("Florent"), ListView.Row("Chloé")]
        let buffer = render(ListView(rows: rows), width: 8, height: 2, theme: Theme.monochrome.ascii)
        #expect(buffer.rows == ["Domi... ", "Florentv"])
        #expect(buffer.styleRows([ClipCheck.reverse, ClipCheck.dim]) == ["RRRRRRR.", ".......D"])
    }

    @Test func anEmptyListShowsItsPlaceholderDimmed() {
        let buffer = render(ListView(rows: [], placeholder: "Personne pour l'instant"), width: 10, height: 2)
        #expect(buffer.rows == ["Personne …", "          "])
        #expect(buffer.styleRows([ClipCheck.dim]) == ["DDDDDDDDDD", ".........."])
    }

    @Test func renderingClearsWhatWasThere() {
        var buffer = CellBuffer(width: 6, height: 2, fill: Cell("x"))
        ListView(rows: [ListView.Row("ab")]).render(in: Rect(x: 1, y: 0, width: 4, height: 2), buffer: &buffer, theme: .color)
        #expect(buffer.rows == ["xab  x", "x    x"])
    }

    @Test func keysMoveTheSelectionAndScrollJustEnough() {
        var state = ListState()
        let moves: [(ListState.Move, Int, Int)] = [
            (.next, 1, 0), (.last, 6, 4), (.previous, 5, 4), (.pageUp, 2, 2),
            (.pageUp, 0, 0), (.pageDown, 3, 1), (.next, 4, 2), (.first, 0, 0), (.previous, 0, 0),
        ]
        for (move, selected, offset) in moves {
            state.select(move, count: 7, height: 3)
            #expect(state == ListState(selected: selected, offset: offset), "after \(move)")
        }
        state.select(.next, count: 0, height: 3)
        #expect(state.selection(count: 0) == nil)
    }

    @Test func theWheelScrollsAndTheSelectionFollowsOnlyWhenItWouldLeave() {
        var state = ListState()
        state.scroll(by: 2, count: 7, height: 3)
        #expect(state == ListState(selected: 2, offset: 2))
        state.scroll(by: 10, count: 7, height: 3)
        #expect(state == ListState(selected: 4, offset: 4))
        state.scroll(by: -1, count: 7, height: 3)
        #expect(state == ListState(selected: 4, offset: 3))
    }

    @Test func aListThatShrankStillShowsAValidSelection() {
        let state = ListState(selected: 6, offset: 4)
        #expect(state.selection(count: 3) == 2)
        #expect(state.visibleOffset(count: 3, height: 3) == 0)
        #expect(state.visibleOffset(count: 10, height: 3) == 4)
        #expect(state.visibleOffset(count: 10, height: 0) == 0)
    }

    @Test func aClickFindsTheRowUnderIt() {
        let list = ListView(rows: people, state: ListState(selected: 5))
        let area = Rect(x: 5, y: 2, width: 10, height: 3)
        #expect(list.row(at: Point(x: 5, y: 2), in: area) == 3)
        #expect(list.row(at: Point(x: 14, y: 4), in: area) == 5)
        #expect(list.row(at: Point(x: 15, y: 2), in: area) == nil)
        #expect(list.row(at: Point(x: 5, y: 5), in: area) == nil)
        let short = ListView(rows: Array(people.prefix(2)))
        #expect(short.row(at: Point(x: 5, y: 3), in: area) == 1)
        #expect(short.row(at: Point(x: 5, y: 4), in: area) == nil)
    }

    @Test(arguments: ClipCheck.themeNames)
    func nothingIsDrawnOutsideTheArea(themeName: String) {
        let theme = ClipCheck.theme(themeName)
        for selected in [0, 3, 6] {
            let list = ListView(rows: people, state: ListState(selected: selected), placeholder: "vide")
            #expect(ClipCheck.cellsChangedOutside(maxWidth: 14, maxHeight: 8) { list.render(in: $0, buffer: &$1, theme: theme) } == [])
        }
        let empty = ListView(rows: [], placeholder: "Personne pour l'instant")
        #expect(ClipCheck.cellsChangedOutside(maxWidth: 6, maxHeight: 2) { empty.render(in: $0, buffer: &$1, theme: theme) } == [])
    }

    @Test func anAreaPartlyOffTheBufferIsClipped() {
        var buffer = CellBuffer(width: 6, height: 3, fill: Cell("#"))
        ListView(rows: people).render(in: Rect(x: 3, y: 1, width: 10, height: 10), buffer: &buffer, theme: .color)
        #expect(buffer.rows == ["######", "###S… ", "###C…▼"], "laid out in the visible part")
    }
}
