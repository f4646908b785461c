import Foundation
import SessionModel
import Testing
import Widgets
@testable import MomentumTUI

/// The chat's bookkeeping without a screen: pending, sent, failed, deleted, history pages
/// and the unread marker.
@Suite("Chat feed")
struct ChatFeedTests {
    static let at = Date(timeIntervalSince1970: 1_800_000_000)

    func message(_ id: String, _ seq: Int64, _ text: String, clientId: String? = nil) -> ChatMessage {
        ChatMessage(id: id, seq: seq, authorId: "p1", text: text, at: Self.at, clientId: clientId)
    }

    func feed() -> ChatFeed { ChatFeed(newLinesLabel: { "\($0) new" }, unreadLabel: "unread") }

    /// The text of every line, top to bottom, at 40x`height`.
    func lines(_ feed: inout ChatFeed, height: Int = 10) -> [String] {
        var buffer = CellBuffer(size: Size(width: 40, height: height))
        feed.render(in: Rect(x: 0, y: 0, width: 40, height: height), buffer: &buffer, theme: .monochrome)
        return buffer.trimmedRows.filter { !$0.isEmpty }
    }

    @Test func aPendingLineIsReplacedByItsMessageWhicheverComesFirst() {
        var feed = feed()
        feed.showPending("c1", line: LogLine("Bonjour (sending)"))
        #expect(lines(&feed) == ["Bonjour (sending)"])
        feed.receive(message("m1", 1, "Bonjour", clientId: "c1"), line: LogLine("Bonjour"), fromOthers: false)
        #expect(lines(&feed) == ["Bonjour"])
        // The outbox says "sending" late: the message is already in, so no pending line comes back.
        feed.showPending("c1", line: LogLine("Bonjour (sending)"))
        #expect(lines(&feed) == ["Bonjour"])
        #expect(feed.isDelivered("c1"))
        feed.showPending("c2", line: LogLine("Salut ✗ refused"))
        #expect(lines(&feed) == ["Bonjour", "Salut ✗ refused"])
        feed.showPending("c2", line: nil)
        #expect(lines(&feed) == ["Bonjour"], "given up: the line goes")
    }

    @Test func aMessageIsShownOnceAndChangesInPlaceWhenDeleted() {
        var feed = feed()
        let first = feed.receive(message("m1", 1, "oups"), line: LogLine("oups"), fromOthers: true)
        let again = feed.receive(message("m1", 1, "oups"), line: LogLine("oups"), fromOthers: true)
        #expect(first && !again)
        feed.system(LogLine("→ Chloé arrive"))
        feed.update("m1", line: LogLine("(deleted)"))
        #expect(lines(&feed) == ["(deleted)", "→ Chloé arrive"])
    }

    @Test func aResetKeepsWhatIsDeliveredAndDropsPendingLines() {
        var feed = feed()
        feed.showPending("c1", line: LogLine("en route"))
        feed.reset(welcome: LogLine("welcome"), messages: [(message("m1", 1, "one", clientId: "c0"), LogLine("one"))])
        #expect(lines(&feed) == ["welcome", "one"])
        #expect(feed.isDelivered("c0"))
        #expect(feed.oldestSeq == 1)
    }

    @Test func historyIsAskedOnceAtTheTopAndPrependedWithoutRepeats() {
        var feed = feed()
        for n in 0..<30 { feed.receive(message("m\(n)", 10 + Int64(n), "line \(n)"), line: LogLine("line \(n)"), fromOthers: true) }
        _ = lines(&feed)
        var asked: [Int64] = []
        for _ in 0..<10 { if let seq = feed.pageUp() { asked.append(seq) } }
        #expect(asked == [10])
        feed.historyFailed()
        let again = feed.pageUp()
        #expect(again == 10, "a failed fetch may be tried again")
        feed.receiveHistory([(message("old", 5, "old"), LogLine("old")), (message("m0", 10, "line 0"), LogLine("line 0"))], hasMore: false)
        #expect(feed.oldestSeq == 5)
        #expect(feed.historyExhausted)
        for _ in 0..<10 { _ = feed.pageUp() }
        let top = lines(&feed)
        #expect(top.first == "old")
        #expect(top.filter { $0 == "line 0" }.count == 1)
        let more = feed.pageUp()
        #expect(more == nil, "nothing older")
    }

    @Test func othersMessagesWhileReadingBackStartTheUnreadPart() {
        var feed = feed()
        for n in 0..<30 { feed.receive(message("m\(n)", Int64(n + 1), "line \(n)"), line: LogLine("line \(n)"), fromOthers: true) }
        _ = lines(&feed)
        _ = feed.pageUp()
        feed.receive(message("mine", 31, "mine"), line: LogLine("mine"), fromOthers: false)
        #expect(feed.log.unreadMarkerLineID == nil, "my own message is not unread")
        feed.receive(message("new", 32, "new"), line: LogLine("new"), fromOthers: true)
        #expect(feed.log.unreadMarkerLineID != nil)
        feed.caughtUp()
        #expect(feed.log.unreadMarkerLineID == nil)
        #expect(feed.log.isAtBottom)
    }

    @Test func aLongFloodKeepsTheNewestLinesAndTheRestIsHistoryAgain() {
        var feed = feed()
        feed.lineLimit = 8
        for seq in Int64(1)...101 {
            feed.receive(message("m\(seq)", seq, "line \(seq)", clientId: "c\(seq)"), line: LogLine("line \(seq)"), fromOthers: true)
            #expect(feed.log.count <= 10)
        }
        // Trimmed to 8 whenever it passed 10: the last time at message 101.
        #expect(feed.log.count == 8)
        #expect(feed.shown.count == 8)
        #expect(feed.oldestSeq == 94)
        #expect(!feed.isDelivered("c5"), "others' client ids are not kept")
        #expect(lines(&feed, height: 3) == ["line 99", "line 100", "line 101"])
        // Scrolling back to the top asks the server for what was let go.
        var asked: Int64?
        for _ in 0..<10 where asked == nil { asked = feed.pageUp() }
        #expect(asked == 94)
        // A message let go comes back once, from history.
        feed.receiveHistory([(message("m93", 93, "line 93"), LogLine("line 93"))], hasMore: true)
        #expect(feed.oldestSeq == 93)
        #expect(feed.log.count == 9)
    }
}
