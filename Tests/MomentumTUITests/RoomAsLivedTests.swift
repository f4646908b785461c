import Foundation
import SessionClient
import SessionModel
import Testing
import Widgets
@testable import MomentumTUI

/// The bugs found by trying the room as learners and experts live it (issue 9), one test each.
@Suite("The room as people live it")
struct RoomAsLivedTests {
    let screen = RoomScreenTests()

    func type(_ text: String, into model: inout RoomModel) {
        for character in text { _ = model.update(.input(.text(character))) }
    }

    func text(_ model: inout RoomModel) -> String { RoomView.render(&model).0.rows.joined(separator: "\n") }

    /// An event by `actor`, applied to the model's room.
    func apply(_ kind: RoomEvent.Kind, by actor: String?, to model: inout RoomModel) {
        var room = model.room!
        let event = RoomEvent(seq: room.seq + 1, at: RoomScreenTests.at.addingTimeInterval(60), actor: actor, kind: kind)
        room.apply(event)
        _ = model.update(.stream(.update(state: room, events: [event], reloaded: false)))
    }

    @Test func enterWithTextSendsItWhateverPaneIsFocused() {
        for pane in [Pane.people, .agenda] {
            var model = screen.joined(as: screen.sarah)
            model.focus = pane
            type("Bonjour", into: &model)
            #expect(model.update(.input(.enter)) == [.send(.message("Bonjour"))], "\(pane)")
            // On an empty input, Enter is the pane's action again.
            #expect(model.update(.input(.enter)).count == 1, "\(pane)")
        }
        var model = screen.joined(as: screen.sarah)
        model.focus = .people
        type("Bonjour", into: &model)
        _ = model.update(.input(.delete))
        #expect(model.removal == nil, "Delete edits the text instead of removing someone")
    }

    @Test func systemLinesSayWhoDidWhatAndAMuteIsToldToThoseConcernedOnly() {
        var karim = screen.joined(as: screen.karim)
        apply(.handRaised(participantId: screen.karim.id), by: screen.karim.id, to: &karim)
        apply(.handLowered(participantId: screen.karim.id), by: screen.sarah.id, to: &karim)
        #expect(text(&karim).contains("Sarah baisse la main de Karim"))
        apply(.handRaised(participantId: screen.karim.id), by: screen.karim.id, to: &karim)
        apply(.handLowered(participantId: screen.karim.id), by: screen.karim.id, to: &karim)
        #expect(text(&karim).contains("Karim baisse la main"))

        var chloe = screen.joined(as: screen.chloe)
        var sarah = screen.joined(as: screen.sarah)
        let mute = RoomEvent.Kind.muted(participantId: screen.chloe.id, muted: true)
        apply(mute, by: screen.sarah.id, to: &karim)
        apply(mute, by: screen.sarah.id, to: &chloe)
        apply(mute, by: screen.sarah.id, to: &sarah)
        #expect(!text(&karim).contains("sourdine"), "a mute is not announced to everyone")
        #expect(text(&chloe).contains("L'expert·e t'a mis·e en sourdine"))
        #expect(text(&sarah).contains("Sarah met Chloé en sourdine"))
    }

    @Test func aLoneQuestionMarkCanBeSent() {
        var model = screen.joined(as: screen.karim)
        _ = model.update(.input(.text("?")))
        #expect(model.showHelp, "? on an empty input opens help")
        _ = model.update(.input(.text("?")))
        #expect(!model.showHelp && model.editor.text == "?", "? again closes help and writes it")
        #expect(model.update(.input(.enter)) == [.send(.message("?"))])
        _ = model.update(.input(.function(1)))
        #expect(text(&model).contains("??"), "help says how")
        _ = model.update(.input(.escape))
        type("Quoi", into: &model)
        _ = model.update(.input(.text("?")))
        #expect(model.editor.text == "Quoi?" && !model.showHelp)
    }

    @Test func f10AsksBeforeLeaving() {
        var model = screen.joined(as: screen.karim)
        #expect(model.update(.input(.function(10))) == [])
        #expect(text(&model).contains("Quitter la salle ?"))
        #expect(model.update(.input(.text("n"))) == [])
        #expect(model.quitting == nil)
        #expect(model.update(.input(.ctrl("q"))) == [])
        #expect(model.update(.input(.escape)) == [])
        #expect(model.quitting == nil, "Escape stays")
        _ = model.update(.input(.function(10)))
        #expect(model.update(.input(.text("o"))) == [.quit])
    }

    @Test func theHeaderSaysTheRoomIsLocked() {
        var model = screen.joined(as: screen.karim)
        #expect(!RoomView.render(&model).0.rows[0].contains("verrouillée"))
        apply(.locked(true), by: screen.sarah.id, to: &model)
        #expect(RoomView.render(&model).0.rows[0].contains("🔒 verrouillée"))
    }

    @Test func aRefusedLineKeepsItsTimeAndCanBeDismissedOrTakenBack() {
        var model = screen.joined(as: screen.karim)
        var outbox = Outbox()
        let id = outbox.enqueue(.message("trop tôt"), clientId: "c1")
        let other = outbox.enqueue(.message("encore"), clientId: "c2")
        for item in [id, other] {
            _ = outbox.next()
            outbox.refused(item, error: .server(status: 403, code: "muted", message: "muted", retryAfter: nil))
        }
        _ = model.update(.outbox(outbox))
        let shown = model.clock(model.now)
        #expect(text(&model).contains("\(shown) Karim trop tôt"))
        // Later, a reload: the line keeps the time it was written.
        _ = model.update(.tick(model.now.addingTimeInterval(3600)))
        _ = model.update(.stream(.update(state: model.room!, events: [], reloaded: true)))
        #expect(text(&model).contains("\(shown) Karim trop tôt"))

        // Ctrl-R does not send a refused message again as it is: it comes back to the input.
        #expect(model.update(.input(.ctrl("r"))) == [.dismiss(id)])
        #expect(model.editor.text == "trop tôt")
        #expect(!text(&model).contains("Karim trop tôt"))
        #expect(model.update(.input(.ctrl("r"))) == [], "the input has text: nothing is lost")
        #expect(model.notice == Language.fr.strings.emptyInputFirst)
        // Ctrl-X dismisses the next one.
        #expect(model.update(.input(.ctrl("x"))) == [.dismiss(other)])
        #expect(!text(&model).contains("encore"))
    }

    @Test func aPasteOverTheLimitIsSaid() {
        var model = screen.joined(as: screen.karim)
        _ = model.update(.input(.paste(String(repeating: "a", count: 5000))))
        #expect(model.editor.text.count == Limits.messageMaxLength)
        #expect(model.notice == Language.fr.strings.inputCut(Limits.messageMaxLength))
        #expect(text(&model).contains("Trop long"))
    }

    @Test func aMessageShowsItsLinesOnScreenAndIndentedInPlainMode() {
        var model = screen.joined(as: screen.karim)
        let message = ChatMessage(id: "m1", seq: 5, authorId: screen.chloe.id, text: "let a = 1\nlet b = 2", at: RoomScreenTests.at)
        apply(.message(message), by: screen.chloe.id, to: &model)
        let rows = RoomView.render(&model).0.rows
        let first = rows.firstIndex { $0.contains("Chloé let a = 1") }
        #expect(first != nil, "\(rows.joined(separator: "\n"))")
        if let first { #expect(rows[first + 1].contains("      let b = 2"), "the next line under the text, indented") }

        var transcript = PlainTranscript(strings: Language.fr.strings)
        var room = screen.state()
        let response = JoinResponse(token: "t", participant: screen.karim, room: room.room, state: room, cursor: "c4", pollTimeout: 25)
        _ = transcript.joined(response)
        let event = RoomEvent(seq: room.seq + 1, at: RoomScreenTests.at, actor: screen.chloe.id, kind: .message(message))
        room.apply(event)
        let printed = transcript.show([event], in: room)
        #expect(printed.count == 1 && printed[0].hasSuffix("Chloé : let a = 1\n    let b = 2"), "\(printed)")
    }

    @Test func plainModeNeverPrintsTagCharactersEvenAFlags() {
        let flag = "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"
        var transcript = PlainTranscript(strings: Language.fr.strings)
        var room = screen.state()
        _ = transcript.joined(JoinResponse(token: "t", participant: screen.karim, room: room.room, state: room, cursor: "c4", pollTimeout: 25))
        // A flag (valid) and, from an older server, a run of tags after an emoji (not).
        let message = ChatMessage(id: "m1", seq: room.seq + 1, authorId: screen.chloe.id, text: "Allez \(flag) 😀\u{E0068}\u{E0069}", at: RoomScreenTests.at)
        let event = RoomEvent(seq: room.seq + 1, at: RoomScreenTests.at, actor: screen.chloe.id, kind: .message(message))
        room.apply(event)
        let printed = transcript.show([event], in: room).joined()
        #expect(!printed.unicodeScalars.contains(where: TextSanitizer.isTag), "\(printed.unicodeScalars.map { TextSanitizer.codePoint($0) })")
        #expect(printed.contains("Allez 🏴 😀"), "\(printed)")
    }

    @Test func aRateLimitedMessageDoesNotWaitForTheNetwork() {
        var model = screen.joined(as: screen.karim)
        var outbox = Outbox()
        let id = outbox.enqueue(.message("vite vite"), clientId: "r1")
        _ = outbox.next()
        outbox.failedForNow(id, reason: "Too many requests: wait 2 s and try again.", code: "rate_limited")
        _ = model.update(.outbox(outbox))
        let shown = text(&model)
        #expect(shown.contains("vite vite (trop de messages d'un coup"), "\(shown)")
        #expect(!shown.contains("en attente du réseau") && !shown.contains("Too many"))
    }

    @Test func aMessageWithNoAnswerSaysHowLongItHasWaited() {
        var model = screen.joined(as: screen.karim)
        var outbox = Outbox()
        _ = outbox.enqueue(.message("allo ?"), clientId: "w1")
        _ = outbox.next()
        // On its way to a server that went silent: no error yet, only time passing.
        _ = model.update(.outbox(outbox))
        #expect(text(&model).contains("allo ? (envoi…)"))
        #expect(model.nextWake(after: model.now) == model.now.addingTimeInterval(1), "the wait is counted each second")
        _ = model.update(.tick(model.now.addingTimeInterval(12)))
        let shown = text(&model)
        #expect(shown.contains("allo ? (envoi…, sans réponse depuis 12 s)"), "\(shown)")
    }
}
