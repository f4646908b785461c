import Testing
import Widgets

/// The ncurses terminal writes only what changed since the last frame: these are the cells
/// it picks.
@Suite("Frame diff")
struct FrameDiffTests {
    @Test func everyColumnWithoutAPreviousFrameOrAfterAResize() {
        let frame = CellBuffer(width: 4, height: 2)
        #expect(frame.changedColumns(row: 1, since: nil) == [0, 1, 2, 3])
        #expect(frame.changedColumns(row: 0, since: CellBuffer(width: 5, height: 2)) == [0, 1, 2, 3])
    }

    @Test func onlyTheCellsThatChanged() {
        var before = CellBuffer(width: 10, height: 3)
        before.write("Bonjour", x: 0, y: 1)
        var after = before
        after.write("Bonsoir", x: 0, y: 1)
        #expect(after.changedColumns(row: 0, since: before) == [])
        #expect(after.changedColumns(row: 1, since: before) == [3, 5], "Bonjour → Bonsoir: the j and the u")
        after.write("o", x: 9, y: 2, style: Style(attributes: .bold))
        #expect(after.changedColumns(row: 2, since: before) == [9])
    }

    @Test func aStyleChangeIsAChange() {
        var before = CellBuffer(width: 3, height: 1)
        before.write("abc", x: 0, y: 0)
        var after = before
        after.restyle(Rect(x: 1, y: 0, width: 1, height: 1)) { $0.adding(.reverse) }
        #expect(after.changedColumns(row: 0, since: before) == [1])
    }

    @Test func aWideCharacterIsWrittenFromItsLeftHalf() {
        var before = CellBuffer(width: 6, height: 1)
        before.write("ab日", x: 0, y: 0)
        // Only the right half changes: a narrow letter where the continuation was.
        var after = before
        after.write("日", x: 0, y: 0)
        after.write("x", x: 3, y: 0)
        let columns = after.changedColumns(row: 0, since: before)
        #expect(columns.contains(0) && columns.contains(3))
        // A wide character put where two narrow ones were: its left half is in the list.
        var wide = before
        wide.write("本", x: 4, y: 0)
        #expect(wide.changedColumns(row: 0, since: before) == [4, 5])
    }
}
