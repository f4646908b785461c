import Testing
import Widgets

@Suite("Tabs and tab state")
struct TabsTests {
    let panels = ["Programme", "Discussion", "Participants 14"]

    func render(_ tabs: Tabs, width: Int, theme: Theme = .color) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: 1)
        tabs.render(in: buffer.area, buffer: &buffer, theme: theme)
        return buffer
    }

    @Test func titlesThatFitAreShownWholeWithTheActiveOneReversed() {
        let buffer = render(Tabs(titles: panels, state: TabsState(active: 1)), width: 44)
        #expect(buffer.trimmedRows == [" Programme │ Discussion │ Participants 14"])
        #expect(buffer.styleRows([ClipCheck.reverse, ClipCheck.dim]) == [
            "...........DRRRRRRRRRRRRD..................."
        ], "the active tab is reversed, separators are in the border style")
    }

    @Test func titlesAreCutToOneWidthWhenTheyDoNotFit() {
        let tabs = Tabs(titles: panels, state: TabsState(active: 1))
        #expect(render(tabs, width: 30).trimmedRows == [" Progra… │ Discus… │ Partic…"])
        #expect(render(tabs, width: 30, theme: Theme.color.ascii).trimmedRows == [" Prog... | Disc... | Part..."])
        #expect(render(tabs, width: 14).rows == [" P… │ D… │ P… "])
    }

    @Test func theActiveTabStaysVisibleWhenTheOthersCannot() {
        #expect(render(Tabs(titles: panels, state: TabsState(active: 1)), width: 12).rows == ["‹ Discuss… ›"])
        #expect(render(Tabs(titles: panels, state: TabsState(active: 0)), width: 12).rows == [" Programme ›"])
        #expect(render(Tabs(titles: panels, state: TabsState(active: 2)), width: 12).rows == ["‹ Particip… "])
        #expect(render(Tabs(titles: panels, state: TabsState(active: 2)), width: 12, theme: Theme.color.ascii).rows == ["< Partic... "])
        #expect(render(Tabs(titles: panels, state: TabsState(active: 1)), width: 3).rows == ["Di…"])
        let buffer = render(Tabs(titles: panels, state: TabsState(active: 1)), width: 12)
        #expect(buffer.styleRows([ClipCheck.reverse, ClipCheck.dim]) == ["DRRRRRRRRRRD"])
    }

    @Test func wideEmojiRtlAndControlTitles() {
        let tabs = Tabs(titles: ["日本語", "👩‍💻 Dev", "שלום", "Esc\u{1B}"])
        #expect(render(tabs, width: 31).rows == [" 日本語 │ 👩‍💻 Dev │ שלום │ Esc␛ "])
        #expect(render(tabs, width: 24).trimmedRows == [" 日… │ 👩‍💻… │ של… │ Es…"])
        #expect(render(tabs, width: 24).styleRows([ClipCheck.reverse]) == ["RRRRR..................."])
    }

    @Test func aClickFindsTheTabUnderIt() {
        let tabs = Tabs(titles: panels, state: TabsState(active: 1))
        let area = Rect(x: 0, y: 3, width: 44, height: 1)
        #expect(tabs.tab(at: Point(x: 5, y: 3), in: area, theme: .color) == 0)
        #expect(tabs.tab(at: Point(x: 11, y: 3), in: area, theme: .color) == nil, "a separator")
        #expect(tabs.tab(at: Point(x: 12, y: 3), in: area, theme: .color) == 1)
        #expect(tabs.tab(at: Point(x: 30, y: 3), in: area, theme: .color) == 2)
        #expect(tabs.tab(at: Point(x: 43, y: 3), in: area, theme: .color) == nil)
        #expect(tabs.tab(at: Point(x: 5, y: 4), in: area, theme: .color) == nil)
        let narrow = Rect(x: 0, y: 0, width: 12, height: 1)
        #expect(tabs.tab(at: Point(x: 0, y: 0), in: narrow, theme: .color) == nil, "the hidden-tabs mark")
        #expect(tabs.tab(at: Point(x: 5, y: 0), in: narrow, theme: .color) == 1)
    }

    @Test func nextAndPreviousWrapAround() {
        var state = TabsState(active: 2)
        state.next(count: 3)
        #expect(state.active == 0)
        state.previous(count: 3)
        #expect(state.active == 2)
        state.previous(count: 3)
        #expect(state.active == 1)
        state.select(9, count: 3)
        #expect(state.active == 2)
        state.next(count: 0)
        #expect(state.active == 2, "no tabs: nothing changes")
        var stale = TabsState(active: 5)
        #expect(stale.current(count: 3) == 2)
        stale.next(count: 3)
        #expect(stale.active == 0, "a stale index is clamped before moving")
    }

    @Test(arguments: ClipCheck.themeNames)
    func nothingIsDrawnOutsideTheArea(themeName: String) {
        let theme = ClipCheck.theme(themeName)
        for active in 0..<3 {
            let tabs = Tabs(titles: panels + ["日本語"], state: TabsState(active: active))
            #expect(ClipCheck.cellsChangedOutside(maxWidth: 46, maxHeight: 2) { tabs.render(in: $0, buffer: &$1, theme: theme) } == [])
        }
        let none = Tabs(titles: [])
        #expect(ClipCheck.cellsChangedOutside(maxWidth: 3, maxHeight: 1) { none.render(in: $0, buffer: &$1, theme: theme) } == [])
    }
}
