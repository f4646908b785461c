import PropertyBased
import Testing

@testable import Widgets

private let nouveaux: @Sendable (Int) -> String = { "\($0) nouveaux" }

/// A log of plain lines "ligne 1" ... with ids "m1" ...
private func numberedLog(_ range: ClosedRange<Int>) -> TextLog {
    var log = TextLog(newLinesLabel: nouveaux)
    log.append(contentsOf: range.map { LogLine("ligne \($0)", id: "m\($0)") })
    return log
}

private func draw(_ log: inout TextLog, width: Int, height: Int, theme: Theme = .monochrome) -> [String] {
    var buffer = CellBuffer(width: width, height: height)
    log.render(in: buffer.area, buffer: &buffer, theme: theme)
    return buffer.trimmedRows
}

private func rows(_ log: inout TextLog, _ width: Int) -> Int { log.totalRows(width: width) }

private let karim = LogLine(
    [Span("10:31 ", style: .dim), Span("Karim ", style: .bold), Span("Bonjour à tous, ça va ?")],
    id: "m1", hangingIndent: 12)

@Suite("Text log")
struct TextLogTests {
    @Test func wrapsUnderTheNameAtEachWidth() {
        var log = TextLog(newLinesLabel: nouveaux)
        log.append(karim)
        #expect(draw(&log, width: 40, height: 2) == ["10:31 Karim Bonjour à tous, ça va ?", ""])
        #expect(draw(&log, width: 30, height: 3) == ["10:31 Karim Bonjour à tous, ça", "            va ?", ""])
        #expect(
            draw(&log, width: 24, height: 3) == ["10:31 Karim Bonjour à", "            tous, ça va", "            ?"])
        // Narrow: the indent gives way to the text (at most half the width).
        #expect(
            draw(&log, width: 10, height: 7) == [
                "10:31", "     Karim", "     Bonjo", "     ur à", "     tous,", "     ça va", "     ?",
            ])
        #expect(rows(&log, 24) == 3)
        #expect(rows(&log, 10) == 7)
    }

    @Test func spansKeepTheirStyles() {
        var log = TextLog(newLinesLabel: nouveaux)
        log.append(karim)
        var buffer = CellBuffer(width: 30, height: 2)
        log.render(in: buffer.area, buffer: &buffer, theme: .monochrome)
        let legend: [(Character, (Style) -> Bool)] = [("d", { $0.attributes.contains(.dim) }), ("b", { $0.attributes.contains(.bold) })]
        #expect(buffer.styleRows(legend) == ["ddddddbbbbbb" + String(repeating: ".", count: 18), String(repeating: ".", count: 30)])
    }

    @Test func everyScriptWrapsWithoutSplittingAClusterAndControlsShowAsPlaceholders() {
        var log = TextLog(newLinesLabel: nouveaux)
        log.append(LogLine("Salut 👩‍💻 🇫🇷 👍🏽 cafe\u{301} שלום \u{1B}[31m"))
        log.append(LogLine("日本語のテキスト"))
        #expect(
            draw(&log, width: 12, height: 6) == [
                "Salut 👩‍💻 🇫🇷", "👍🏽 cafe\u{301} שלום", "\u{241B}[31m", "日本語のテキ", "スト", "",
            ])
        #expect(draw(&log, width: 7, height: 3) == ["日本語", "のテキ", "スト"])
        #expect(draw(&log, width: 5, height: 2) == ["テキ", "スト"])
    }

    @Test func followsTheBottomThenCountsNewLinesWhileScrolledUp() {
        var log = numberedLog(1...10)
        #expect(draw(&log, width: 20, height: 4) == ["ligne 7", "ligne 8", "ligne 9", "ligne 10"])
        #expect(log.isAtBottom)
        log.scrollUp(2)
        #expect(!log.isAtBottom)
        #expect(draw(&log, width: 20, height: 4) == ["ligne 5", "ligne 6", "ligne 7", "ligne 8"])
        log.append(contentsOf: (11...13).map { LogLine("ligne \($0)") })
        #expect(log.newLineCount == 3)
        #expect(draw(&log, width: 20, height: 4) == ["ligne 5", "ligne 6", "ligne 7", "ligne  3 nouveaux ▼"])
        log.scrollDown(4)
        #expect(draw(&log, width: 20, height: 4) == ["ligne 9", "ligne 10", "ligne 11", "ligne  3 nouveaux ▼"])
        log.scrollDown(1)
        #expect(log.isAtBottom)
        #expect(log.newLineCount == 0, "reaching the bottom clears the count")
        #expect(draw(&log, width: 20, height: 4) == ["ligne 10", "ligne 11", "ligne 12", "ligne 13"])
        log.append(LogLine("ligne 14"))
        #expect(log.newLineCount == 0)
        #expect(draw(&log, width: 20, height: 4) == ["ligne 11", "ligne 12", "ligne 13", "ligne 14"])
    }

    @Test func theNewLinesIndicatorIsWordedByTheAppAndFitsTheArea() {
        var log = TextLog(newLinesLabel: { "\($0) new" })
        log.append(contentsOf: (1...6).map { LogLine("line \($0)") })
        _ = draw(&log, width: 20, height: 3)
        log.pageUp()
        log.append(LogLine("line 7"))
        #expect(draw(&log, width: 20, height: 3) == ["line 2", "line 3", "line 4      1 new ▼"])
        #expect(draw(&log, width: 6, height: 3, theme: Theme.monochrome.ascii) == ["line 2", "line 3", "1 n..."])
    }

    @Test func pagesTopBottomAndTheTopQuestion() {
        var log = numberedLog(1...30)
        #expect(draw(&log, width: 12, height: 5).first == "ligne 26")
        #expect(!log.isTopReached)
        log.pageUp()
        #expect(draw(&log, width: 12, height: 5) == ["ligne 22", "ligne 23", "ligne 24", "ligne 25", "ligne 26"])
        log.scrollToTop()
        #expect(log.isTopReached)
        #expect(draw(&log, width: 12, height: 5) == ["ligne 1", "ligne 2", "ligne 3", "ligne 4", "ligne 5"])
        log.scrollUp(3)
        #expect(draw(&log, width: 12, height: 5).first == "ligne 1", "cannot scroll above the first row")
        log.pageDown()
        #expect(draw(&log, width: 12, height: 5) == ["ligne 5", "ligne 6", "ligne 7", "ligne 8", "ligne 9"])
        #expect(!log.isTopReached)
        log.scrollToBottom()
        #expect(log.isAtBottom)
        #expect(draw(&log, width: 12, height: 5).last == "ligne 30")

        var short = numberedLog(1...2)
        #expect(draw(&short, width: 12, height: 5) == ["ligne 1", "ligne 2", "", "", ""])
        #expect(short.isTopReached)
        short.scrollUp()
        #expect(short.isAtBottom, "nothing to scroll: still following")
    }

    @Test func olderHistoryKeepsTheViewOnWhatTheUserReads() {
        var log = numberedLog(10...20)
        _ = draw(&log, width: 12, height: 3)
        log.scrollToTop()
        #expect(draw(&log, width: 12, height: 3) == ["ligne 10", "ligne 11", "ligne 12"])
        #expect(log.isTopReached)
        log.prepend((1...9).map { LogLine("ligne \($0)", id: "m\($0)") })
        #expect(draw(&log, width: 12, height: 3) == ["ligne 10", "ligne 11", "ligne 12"])
        #expect(!log.isTopReached)
        #expect(log.newLineCount == 0, "history is not new")
        log.scrollUp(2)
        #expect(draw(&log, width: 12, height: 3) == ["ligne 8", "ligne 9", "ligne 10"])
        #expect(log.line(id: "m1")?.text == "ligne 1")

        var following = numberedLog(10...20)
        _ = draw(&following, width: 12, height: 3)
        following.prepend([LogLine("ligne 9")])
        #expect(following.isAtBottom)
        #expect(draw(&following, width: 12, height: 3) == ["ligne 18", "ligne 19", "ligne 20"])
    }

    @Test func replaceAndRemoveByID() {
        var log = numberedLog(1...3)
        log.append(LogLine("… Bonjour", id: "pending-1"))
        let sent = log.replace(id: "pending-1", with: LogLine("Bonjour ✓", id: "m4"))
        #expect(sent)
        #expect(draw(&log, width: 12, height: 4) == ["ligne 1", "ligne 2", "ligne 3", "Bonjour ✓"])
        #expect(log.line(id: "pending-1") == nil)
        let edited = log.replace(id: "m4", with: LogLine("Bonjour à tous ✓", id: "m4"))
        #expect(edited)
        #expect(draw(&log, width: 12, height: 4) == ["ligne 2", "ligne 3", "Bonjour à", "tous ✓"])
        let removed = log.remove(id: "m2"), removedTwice = log.remove(id: "m2")
        let replacedUnknown = log.replace(id: "nope", with: LogLine("x"))
        #expect(removed && !removedTwice && !replacedUnknown)
        #expect(log.count == 3)
        log.remove(id: "m1")
        let replacedAfterRemoval = log.replace(id: "m3", with: LogLine("trois", id: "m3"))
        #expect(replacedAfterRemoval, "ids after a removal still resolve")
        #expect(draw(&log, width: 12, height: 4) == ["trois", "Bonjour à", "tous ✓", ""])
    }

    @Test func removingLinesWhileScrolledUpKeepsCountAndView() {
        var log = numberedLog(1...10)
        _ = draw(&log, width: 12, height: 3)
        log.scrollUp(3)
        log.append(contentsOf: [LogLine("ligne 11", id: "m11"), LogLine("ligne 12", id: "m12")])
        log.remove(id: "m12")
        #expect(log.newLineCount == 1)
        log.remove(id: "m6")
        #expect(draw(&log, width: 12, height: 3) == ["ligne 4", "ligne 5", "1 nouveaux ▼"])
    }

    @Test func theUnreadMarkerIsARuleBeforeItsLine() {
        var log = numberedLog(1...4)
        log.setUnreadMarker(beforeLineID: "m3", label: "non lus")
        #expect(draw(&log, width: 16, height: 5) == ["ligne 1", "ligne 2", "── non lus ─────", "ligne 3", "ligne 4"])
        #expect(rows(&log, 16) == 5)
        #expect(draw(&log, width: 12, height: 3, theme: Theme.monochrome.ascii) == ["-- non lus -", "ligne 3", "ligne 4"])
        log.replace(id: "m3", with: LogLine("ligne 3 ✓", id: "m3-sent"))
        #expect(log.unreadMarkerLineID == "m3-sent", "the marker follows a replaced line")
        log.remove(id: "m3-sent")
        #expect(log.unreadMarkerLineID == "m4", "and moves on when its line goes")
        #expect(draw(&log, width: 16, height: 4) == ["ligne 1", "ligne 2", "── non lus ─────", "ligne 4"])
        log.clearUnreadMarker()
        #expect(draw(&log, width: 16, height: 4) == ["ligne 1", "ligne 2", "ligne 4", ""])
    }

    @Test func aFrameWrapsOnlyWhatItShows() {
        var log = TextLog(newLinesLabel: nouveaux)
        log.append(contentsOf: (1...100_000).map { LogLine("\($0) Message numéro \($0) avec un peu de texte") })
        var buffer = CellBuffer(width: 200, height: 60)
        log.render(in: buffer.area, buffer: &buffer, theme: .color)
        #expect(log.wrapCount == 60)
        #expect(buffer.trimmedRows.last == "100000 Message numéro 100000 avec un peu de texte")
        log.render(in: buffer.area, buffer: &buffer, theme: .color)
        #expect(log.wrapCount == 60, "a second frame wraps nothing")
        log.append(LogLine("nouveau"))
        log.render(in: buffer.area, buffer: &buffer, theme: .color)
        #expect(log.wrapCount == 61, "a new line is wrapped once")
        var narrow = CellBuffer(width: 30, height: 60)
        log.render(in: narrow.area, buffer: &narrow, theme: .color)
        #expect(log.wrapCount < 61 + 60, "a width change re-wraps only the lines in view")
        log.pageUp()
        #expect(log.wrapCount < 61 + 60 + 60)
        #expect(rows(&log, 200) == 100_001)
        let afterTotal = log.wrapCount
        #expect(rows(&log, 200) == 100_001)
        #expect(log.wrapCount == afterTotal, "the total is cached")
        log.append(LogLine("encore"))
        #expect(rows(&log, 200) == 100_002)
    }
}
