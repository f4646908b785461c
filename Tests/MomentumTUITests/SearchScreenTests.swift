import Foundation
import SessionClient
import SessionModel
import Testing
import Widgets
@testable import MomentumTUI

/// Search, the register overlay and export on the room screen, without a terminal.
@Suite("Room screen: search and reports")
struct SearchScreenTests {
    let base = RoomScreenTests()

    func message(_ n: Int, _ text: String) -> ChatMessage {
        ChatMessage(id: "m\(n)", seq: Int64(n), authorId: base.chloe.id, text: text, at: RoomScreenTests.at)
    }

    @Test func ctrlFSearchesAndNWalksThroughMatchesFetchingWhatIsOlder() {
        var model = base.joined(as: base.karim, size: Size(width: 80, height: 24))
        for n in 5..<15 { _ = base.apply(.message(message(n, n == 12 ? "l'École du web" : "message \(n)")), to: &model) }
        #expect(model.update(.input(.ctrl("f"))) == [])
        #expect(base.rows(&model).joined().contains("Chercher dans la discussion"))
        for character in "ecole" { _ = model.update(.input(.text(character))) }
        #expect(model.update(.input(.enter)) == [.fetchReport(.search(query: "ecole", before: nil))])
        // The server found the message in the chat and an older one: the first is shown at once.
        let page = SearchResponse(messages: [message(12, "l'École du web"), message(2, "une ecole ancienne")], nextBefore: 2)
        #expect(model.update(.report(.search(query: "ecole", page))) == [])
        #expect(model.chat.log.highlightedID == "m12")
        #expect(base.rows(&model).joined().contains("Recherche « ecole » 1/2+"))
        // n: the older one is not in the chat: history first, then it is shown.
        #expect(model.update(.input(.text("n"))) == [.fetchHistory(before: 5)])
        let older = (1..<5).map { message($0, $0 == 2 ? "une ecole ancienne" : "vieux \($0)") }
        #expect(model.update(.history(MessagesResponse(messages: older, hasMore: false))) == [])
        #expect(model.chat.log.highlightedID == "m2")
        // n again: the server's next page, which has nothing more.
        #expect(model.update(.input(.text("n"))) == [.fetchReport(.search(query: "ecole", before: 2))])
        _ = model.update(.report(.search(query: "ecole", SearchResponse(messages: [], nextBefore: nil))))
        #expect(base.rows(&model).joined().contains("Pas de résultat plus ancien."))
        // N goes back; with text in the input, n is a letter.
        _ = model.update(.input(.text("N")))
        #expect(model.chat.log.highlightedID == "m12")
        _ = model.update(.input(.text("b")))
        _ = model.update(.input(.text("n")))
        #expect(model.editor.text == "bn" && model.chat.log.highlightedID == "m12")
        // Escape: no highlight, no marks.
        _ = model.update(.input(.backspace))
        _ = model.update(.input(.backspace))
        _ = model.update(.input(.escape))
        #expect(model.search == nil && model.chat.log.highlightedID == nil && model.chat.log.marks == nil)
    }

    @Test func theMatchedWordsAreDrawnMarked() {
        var model = base.joined(as: base.karim, size: Size(width: 80, height: 24))
        _ = base.apply(.message(message(5, "Vive l'École !")), to: &model)
        _ = model.update(.input(.text("/")))
        for character in "chercher école" { _ = model.update(.input(.text(character))) }
        #expect(model.update(.input(.enter)) == [.fetchReport(.search(query: "école", before: nil))])
        let (buffer, _) = RoomView.render(&model)
        let row = buffer.rows.firstIndex { $0.contains("Vive l'École") }!
        let column = buffer.rows[row].distance(from: buffer.rows[row].startIndex, to: buffer.rows[row].range(of: "École")!.lowerBound)
        #expect(buffer[column, row].style.attributes.contains(.underline))
        #expect(!buffer[column - 2, row].style.attributes.contains(.underline))
    }

    @Test func noMatchIsSaidAndAFailureStopsWaiting() {
        var model = base.joined(as: base.karim, size: Size(width: 80, height: 24), language: .en)
        _ = model.update(.input(.ctrl("f")))
        for character in "zzz" { _ = model.update(.input(.text(character))) }
        _ = model.update(.input(.enter))
        _ = model.update(.report(.search(query: "zzz", SearchResponse(messages: [], nextBefore: nil))))
        #expect(base.rows(&model).joined().contains("Nothing in the chat matches \"zzz\"."))
        _ = model.update(.input(.ctrl("f")))
        for character in "a" { _ = model.update(.input(.text(character))) }
        _ = model.update(.input(.enter))
        _ = model.update(.reportFailed(.request(.search(query: "a", before: nil), .transport(.timedOut))))
        #expect(model.search?.waiting == false)
    }

    @Test func presencesIsTheExpertsAndShowsTodaysRegister() {
        var learner = base.joined(as: base.karim, size: Size(width: 80, height: 24))
        for character in "/presences" { _ = learner.update(.input(.text(character))) }
        #expect(learner.update(.input(.enter)) == [], "unknown to a learner")
        var model = base.joined(as: base.sarah, size: Size(width: 80, height: 24))
        for character in "/presences" { _ = model.update(.input(.text(character))) }
        #expect(model.update(.input(.enter)) == [.fetchReport(.attendance)])
        let day = Clock.day(model.now, in: model.timeZone)
        let row = AttendanceRow(
            participantId: base.karim.id, name: "Karim", role: .learner, date: day, period: "morning", from: "08:00", to: "12:30",
            firstSeen: RoomScreenTests.at, lastSeen: RoomScreenTests.at.addingTimeInterval(3600), minutes: 60, present: false)
        let register = AttendanceRegister(roomId: "r1", title: "Les métiers du Web", timeZone: "UTC", rules: AttendanceRules(), rows: [row])
        _ = model.update(.report(.attendance(register)))
        let text = base.rows(&model).joined(separator: "\n")
        #expect(text.contains("Présences du jour") && text.contains("Karim") && text.contains("✗ absent·e") && text.contains("60 min"), "\(text)")
        _ = model.update(.input(.escape))
        #expect(model.presences == nil)
    }

    @Test func exportAsksForAFileNamedAfterTheRoom() {
        var model = base.joined(as: base.karim, size: Size(width: 80, height: 24))
        for character in "/export txt" { _ = model.update(.input(.text(character))) }
        let effects = model.update(.input(.enter))
        guard case .fetchReport(.transcript(let format, let lang, let path))? = effects.first else {
            Issue.record("no transcript asked: \(effects)")
            return
        }
        #expect(format == .txt && lang == "fr")
        #expect(path.hasSuffix("/momentum-les-metiers-du-web-2027-01-15-0810.txt"), "\(path)")
        _ = model.update(.report(.saved(path: path)))
        #expect(base.rows(&model).joined().contains("Compte rendu écrit dans"))
        for character in "/export pdf" { _ = model.update(.input(.text(character))) }
        #expect(model.update(.input(.enter)) == [])
    }
}
