import Foundation
import SessionClient
import SessionModel
import Testing
import Widgets
@testable import MomentumTUI

/// The room screen without a terminal: messages into `update`, effects out, rendered text.
@Suite("Room screen")
struct RoomScreenTests {
    static let at = Date(timeIntervalSince1970: 1_800_000_000)
    let sarah = Participant(id: "p_sarah", name: "Sarah", role: .expert, joinedAt: at)
    let karim = Participant(id: "p_karim", name: "Karim", role: .learner, joinedAt: at)
    let chloe = Participant(id: "p_chloe", name: "Chloé", role: .learner, joinedAt: at)

    func state() -> RoomState {
        var state = RoomState(
            room: RoomInfo(id: "r1", title: "Les métiers du Web", createdAt: Self.at),
            agenda: [
                AgendaItem(id: "a1", title: "Accueil", day: 1, start: "09:00", minutes: 30),
                AgendaItem(id: "a2", title: "UX design", day: 1, start: "09:30", minutes: 60),
                AgendaItem(id: "a3", title: "SEO", day: 2, start: "09:00", minutes: 45),
            ])
        for (seq, person) in [sarah, karim, chloe].enumerated() {
            state.apply(RoomEvent(seq: Int64(seq + 1), at: Self.at, actor: person.id, kind: .joined(person)))
        }
        state.apply(RoomEvent(seq: 4, at: Self.at, actor: sarah.id, kind: .agenda(itemId: "a2")))
        return state
    }

    /// A model joined as `me`, at `size`, in `language`.
    func joined(as me: Participant, size: Size = Size(width: 120, height: 40), language: Language = .fr) -> RoomModel {
        var model = RoomModel(strings: language.strings, theme: .color, size: size, now: Self.at.addingTimeInterval(600))
        model.timeZone = TimeZone(identifier: "UTC")!
        let room = state()
        let response = JoinResponse(token: "t", participant: me, room: room.room, state: room, cursor: "c4", pollTimeout: 25)
        _ = model.update(.stream(.joinedRoom(response)))
        _ = model.update(.stream(.update(state: room, events: [], reloaded: true)))
        _ = model.update(.stream(.status(.online)))
        return model
    }

    func rows(_ model: inout RoomModel) -> [String] { RoomView.render(&model).0.rows }

    func event(_ kind: RoomEvent.Kind, in model: RoomModel) -> (RoomEvent, RoomState) {
        var room = model.room!
        let event = RoomEvent(seq: room.seq + 1, at: Self.at.addingTimeInterval(60), actor: nil, kind: kind)
        room.apply(event)
        return (event, room)
    }

    func apply(_ kind: RoomEvent.Kind, to model: inout RoomModel) -> [RoomEffect] {
        let (event, room) = event(kind, in: model)
        return model.update(.stream(.update(state: room, events: [event], reloaded: false)))
    }

    @Test(arguments: [(120, 40), (80, 24), (60, 20)], [(Language.fr, false), (.en, false), (.fr, true), (.en, true)])
    func everyLayoutShowsTheRoom(size: (Int, Int), as variant: (language: Language, expert: Bool)) {
        let language = variant.language
        var model = joined(as: variant.expert ? sarah : karim, size: Size(width: size.0, height: size.1), language: language)
        let screen = rows(&model)
        let s = language.strings
        #expect(screen.count == size.1)
        #expect(screen.allSatisfy { DisplayWidth.of($0) == size.0 })
        // The day and the item with its time left at every width; the workshop's title as room allows.
        #expect(screen[0].contains(s.day(1, 2)), "\(screen[0])")
        if size.0 >= 120 { #expect(screen[0].contains("Les métiers du Web")) }
        #expect(screen[0].contains(s.online))
        #expect(screen[0].contains("UX design"), "the current agenda item is in the header")
        let text = screen.joined(separator: "\n")
        switch RoomView.mode(for: model.size) {
        case .threeColumns:
            #expect(screen[1].contains(s.agenda) && screen[1].contains(s.chat) && screen[1].contains(s.people(3, 3)))
            #expect(text.contains("★ Sarah"))
        case .sidePanel:
            #expect(screen[1].contains(s.chat))
            #expect(screen[2].contains(s.agenda) && screen[2].contains("│"), "the side panel has tabs")
        case .single:
            #expect(screen[2].contains(s.chat))
        }
        #expect(screen[size.1 - 2].contains(s.inputPlaceholder))
        #expect(screen[size.1 - 1].contains("F2 " + s.keyHand))
        // Only the expert is offered moderation, on every screen.
        if size.0 >= 120 {
            #expect(screen[size.1 - 1].contains("F3 " + s.keyFloorNext) == variant.expert)
        }
        _ = model.update(.input(.function(1)))
        let help = rows(&model).joined(separator: "\n")
        #expect(help.contains(s.sectionExpert) == variant.expert, "the help lists the expert's keys to the expert only")
    }

    @Test func aTooSmallTerminalSaysSo() {
        var model = joined(as: karim, size: Size(width: 39, height: 12))
        #expect(rows(&model).joined().contains("Terminal trop petit (39x12)"))
    }

    @Test func f2RaisesAndLowersMyHand() {
        var model = joined(as: karim)
        #expect(model.update(.input(.function(2))) == [.send(.hand(raised: true))])
        #expect(model.update(.input(.alt("h"))) == [.send(.hand(raised: true))])
        _ = apply(.handRaised(participantId: karim.id), to: &model)
        #expect(model.update(.input(.function(2))) == [.send(.hand(raised: false))])
        #expect(model.update(.input(.function(3))) == [], "a learner has no moderation keys")
        let screen = rows(&model).joined(separator: "\n")
        #expect(screen.contains("✋1 Karim"))
        #expect(screen.contains("Karim lève la main (1re dans la file)"))
    }

    @Test func beingGivenTheFloorShowsABannerAndRings() {
        var model = joined(as: karim)
        let effects = apply(.floor(participantId: karim.id), to: &model)
        #expect(effects == [.bell])
        #expect(rows(&model).contains { $0.contains("Tu as la parole") })
        _ = apply(.floor(participantId: chloe.id), to: &model)
        #expect(!rows(&model).contains { $0.contains("Tu as la parole") })
    }

    @Test func aMessageIsSentThenShownOnce() {
        var model = joined(as: karim)
        for character in "Bonjour" { _ = model.update(.input(.text(character))) }
        #expect(model.update(.input(.enter)) == [.send(.message("Bonjour"))])
        var outbox = Outbox()
        let id = outbox.enqueue(.message("Bonjour"), clientId: "c1")
        _ = model.update(.outbox(outbox))
        #expect(rows(&model).contains { $0.contains("Bonjour (envoi…)") })
        let message = ChatMessage(id: "m1", seq: 5, authorId: karim.id, text: "Bonjour", at: Self.at, clientId: id)
        _ = apply(.message(message), to: &model)
        outbox.sent(id, messageId: "m1")
        _ = model.update(.outbox(outbox))
        let screen = rows(&model).joined(separator: "\n")
        #expect(screen.components(separatedBy: "Bonjour").count - 1 == 1, "the pending line was replaced, not doubled")
        #expect(!screen.contains("envoi…"))
    }

    @Test func aRefusedSendSaysWhyAndCanBeTakenBack() {
        var model = joined(as: karim)
        var outbox = Outbox()
        let id = outbox.enqueue(.message("Salut"), clientId: "c2")
        _ = outbox.next()
        outbox.refused(id, reason: "The expert has muted you.")
        _ = model.update(.outbox(outbox))
        #expect(rows(&model).contains { $0.contains("non envoyé : The expert has muted you.") })
        // Sent again as it is, it would be refused again: it comes back to the input instead.
        #expect(model.update(.input(.ctrl("r"))) == [.dismiss(id)])
        #expect(model.editor.text == "Salut")
        // A refused moderation is tried once more.
        let lock = outbox.enqueue(.moderation(.lock, ModerationRequest(locked: true)), clientId: "c3")
        _ = outbox.next()
        outbox.refused(lock, reason: "no")
        outbox.remove(id)
        _ = model.update(.outbox(outbox))
        #expect(model.update(.input(.ctrl("r"))) == [.retry(lock)])
    }

    @Test func mentionsRingTheBellAndHostileTextIsDefused() {
        var model = joined(as: karim)
        let mention = ChatMessage(id: "m1", seq: 5, authorId: chloe.id, text: "@karim tu peux répondre ?", at: Self.at)
        #expect(apply(.message(mention), to: &model) == [.bell])
        let hostile = ChatMessage(id: "m2", seq: 6, authorId: chloe.id, text: "\u{1B}]0;pwned\u{07}\u{202E}x", at: Self.at)
        _ = apply(.message(hostile), to: &model)
        let frame = RoomView.render(&model).0
        #expect(frame.rows.joined().contains("␛]0;pwned␇"))
        #expect(!frame.cells.contains { $0.text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E } })
    }

    @Test func theExpertModerates() {
        var model = joined(as: sarah)
        _ = apply(.handRaised(participantId: chloe.id), to: &model)
        _ = apply(.handRaised(participantId: karim.id), to: &model)
        #expect(model.update(.input(.function(3))) == [.moderate(.floor, ModerationRequest(participantId: chloe.id))])
        #expect(model.update(.input(.function(7))) == [.moderate(.agenda, ModerationRequest(itemId: "a3"))])
        #expect(model.update(.input(.function(6))) == [.moderate(.agenda, ModerationRequest(itemId: "a1"))])
        #expect(model.update(.input(.function(5))) == [.moderate(.lowerAllHands, ModerationRequest())])
        #expect(model.update(.input(.function(9))) == [.moderate(.lock, ModerationRequest(locked: true))])
        // Roster: Sarah, Chloé, Karim. Select Karim and remove him, confirming in the dialog.
        _ = model.update(.input(.tab))
        _ = model.update(.input(.tab))
        #expect(model.focus == .people)
        _ = model.update(.input(.down))
        _ = model.update(.input(.down))
        #expect(model.selectedPerson?.id == karim.id)
        #expect(model.update(.input(.enter)) == [.moderate(.floor, ModerationRequest(participantId: karim.id))])
        #expect(model.update(.input(.delete)) == [])
        #expect(rows(&model).joined().contains("Retirer Karim de la salle ?"))
        #expect(model.update(.input(.escape)) == [], "cancelled")
        _ = model.update(.input(.delete))
        _ = model.update(.input(.left))
        #expect(model.update(.input(.enter)) == [.moderate(.remove, ModerationRequest(participantId: karim.id))])
    }

    @Test func slashCommandsInBothLanguages() {
        var model = joined(as: sarah)
        func type(_ text: String) -> [RoomEffect] {
            for character in text { _ = model.update(.input(.text(character))) }
            return model.update(.input(.enter))
        }
        #expect(type("/main") == [.send(.hand(raised: true))])
        #expect(type("/parole Chloe") == [.moderate(.floor, ModerationRequest(participantId: chloe.id))])
        #expect(type("/mute karim") == [.moderate(.mute, ModerationRequest(participantId: karim.id, muted: true))])
        #expect(type("/next") == [.moderate(.agenda, ModerationRequest(itemId: "a3"))])
        #expect(type("/parole Zoé") == [])
        #expect(model.notice == "Personne ne s'appelle Zoé ici.")
        #expect(type("/quitter") == [.quit])
        var learner = joined(as: karim)
        for character in "/lock" { _ = learner.update(.input(.text(character))) }
        #expect(learner.update(.input(.enter)) == [])
        #expect(learner.notice?.hasPrefix("Commande inconnue : /lock") == true)
    }

    @Test func helpListsTheKeysOfTheTable() {
        var model = joined(as: sarah, language: .en)
        _ = model.update(.input(.function(1)))
        let screen = rows(&model).joined(separator: "\n")
        #expect(screen.contains("F3, Alt-N"))
        #expect(screen.contains("floor to the next hand"))
        _ = model.update(.input(.escape))
        #expect(!model.showHelp)
        // F10 asks first: leaving gives the seat up.
        #expect(model.update(.input(.function(10))) == [])
        #expect(rows(&model).joined(separator: "\n").contains("Leave the room?"))
        #expect(model.update(.input(.enter)) == [.quit])
    }

    @Test func aReloadShowsEachMessageOnce() {
        var model = joined(as: karim)
        let message = ChatMessage(id: "m1", seq: 5, authorId: chloe.id, text: "unique", at: Self.at)
        _ = apply(.message(message), to: &model)
        let room = model.room!
        _ = model.update(.stream(.update(state: room, events: [], reloaded: true)))
        _ = model.update(.stream(.update(state: room, events: [RoomEvent(seq: 5, at: Self.at, actor: chloe.id, kind: .message(message))], reloaded: false)))
        #expect(rows(&model).joined().components(separatedBy: "unique").count - 1 == 1)
    }

    @Test func tabCompletesCommandsAndNamesElseChangesPane() {
        var model = joined(as: sarah)
        for character in "/paro" { _ = model.update(.input(.text(character))) }
        _ = model.update(.input(.tab))
        #expect(model.editor.text.hasPrefix("/parole"))
        #expect(model.focus == .chat)
        model.editor.setText("@Chl")
        _ = model.update(.input(.tab))
        #expect(model.editor.text.hasPrefix("@Chloé"))
        model.editor.setText("")
        _ = model.update(.input(.tab))
        #expect(model.focus == .agenda)
    }

    @Test func theExpertDeletesAPersonsLastMessage() {
        var model = joined(as: sarah)
        _ = apply(.message(ChatMessage(id: "m1", seq: 5, authorId: karim.id, text: "oups", at: Self.at)), to: &model)
        for character in "/supprimer Karim" { _ = model.update(.input(.text(character))) }
        #expect(model.update(.input(.enter)) == [.moderate(.deleteMessage, ModerationRequest(messageId: "m1"))])
        _ = apply(.messageDeleted(messageId: "m1"), to: &model)
        #expect(rows(&model).joined().contains("(message supprimé)"))
    }

    @Test func aClickFocusesAPaneAndSelectsAPerson() {
        var model = joined(as: sarah)
        // 120 columns: people pane from x 92; its rows start at y 2 (header, border).
        _ = model.update(.input(.mouse(MouseEvent(.press, x: 95, y: 4))))
        #expect(model.focus == .people)
        #expect(model.selectedPerson?.id == karim.id, "third row: Sarah, Chloé, Karim")
        _ = model.update(.input(.mouse(MouseEvent(.press, x: 40, y: 10))))
        #expect(model.focus == .chat)
    }

    @Test func anUnreachableServerIsSaidBeforeTheFirstJoin() {
        var model = RoomModel(strings: Language.fr.strings, theme: .color, size: Size(width: 80, height: 24), now: Self.at)
        _ = model.update(.stream(.status(.reconnecting(attempt: 2, retryIn: 3.2, reason: "the server could not be reached"))))
        #expect(rows(&model).joined().contains("Serveur injoignable : nouvel essai dans 4 s"))
    }

    @Test func messagesArrivingWhileReadingBackAreMarkedUnread() {
        var model = joined(as: karim, size: Size(width: 80, height: 24))
        for n in 0..<40 { _ = apply(.message(ChatMessage(id: "o\(n)", seq: 5 + Int64(n), authorId: chloe.id, text: "ancien \(n)", at: Self.at)), to: &model) }
        _ = rows(&model)
        _ = model.update(.input(.pageUp))
        _ = apply(.message(ChatMessage(id: "n1", seq: 45, authorId: chloe.id, text: "tout neuf", at: Self.at)), to: &model)
        #expect(rows(&model).contains { $0.contains("1 nouveau") })
        _ = model.update(.input(.pageDown))
        _ = model.update(.input(.pageDown))
        let screen = rows(&model)
        let marker = screen.firstIndex { $0.contains("non lus") }
        let fresh = screen.firstIndex { $0.contains("tout neuf") }
        #expect(marker != nil && fresh != nil && marker! < fresh!, "\(screen.joined(separator: "\n"))")
    }

    @Test func theFormAsksForWhatIsMissing() {
        var form = JoinForm(code: "", name: "", strings: Language.fr.strings)
        #expect(form.isNeeded)
        let (frame, cursor) = form.render(size: Size(width: 80, height: 24), theme: .color)
        let text = frame.rows.joined(separator: "\n")
        #expect(text.contains("Rejoindre un atelier") && text.contains("Code de l'atelier") && text.contains("Ton prénom"))
        #expect(cursor != nil)
        #expect(form.handle(.enter) == nil, "an empty field is refused")
        #expect(form.render(size: Size(width: 80, height: 24), theme: .color).0.rows.joined().contains("Ce champ est vide."))
        for character in "abc123" { _ = form.handle(.text(character)) }
        #expect(form.handle(.enter) == nil, "on to the name")
        for character in "Léa" { _ = form.handle(.text(character)) }
        #expect(form.handle(.enter) == .done(code: "abc123", name: "Léa"))
        var onlyName = JoinForm(code: "K7M2QX", name: "", strings: Language.en.strings)
        for character in "Hugo" { _ = onlyName.handle(.text(character)) }
        #expect(onlyName.handle(.enter) == .done(code: "K7M2QX", name: "Hugo"))
        #expect(!JoinForm(code: "X", name: "Y", strings: Language.en.strings).isNeeded)
        var cancelled = JoinForm(code: "", name: "Y", strings: Language.en.strings)
        #expect(cancelled.handle(.escape) == .cancelled)
    }

    @Test func pagingUpToTheTopFetchesOlderMessages() {
        var model = joined(as: karim, size: Size(width: 80, height: 24))
        for n in 0..<30 { _ = apply(.message(ChatMessage(id: "h\(n)", seq: 5 + Int64(n), authorId: chloe.id, text: "message \(n)", at: Self.at)), to: &model) }
        _ = rows(&model)
        var fetched: [RoomEffect] = []
        for _ in 0..<10 { fetched += model.update(.input(.pageUp)) }
        #expect(fetched == [.fetchHistory(before: 5)], "asked once, for what is before the oldest message")
        let older = (0..<3).map { ChatMessage(id: "old\($0)", seq: Int64($0 + 1), authorId: chloe.id, text: "très ancien \($0)", at: Self.at) }
        _ = model.update(.history(MessagesResponse(messages: older, hasMore: false)))
        _ = rows(&model)
        for _ in 0..<10 { _ = model.update(.input(.pageUp)) }
        #expect(rows(&model).joined().contains("très ancien 0"))
        #expect(model.update(.input(.pageUp)) == [], "nothing more to fetch")
    }

    @Test func theSmallestLayoutAsText() {
        var model = joined(as: karim, size: Size(width: 60, height: 14))
        _ = apply(.message(ChatMessage(id: "m1", seq: 5, authorId: sarah.id, text: "Bienvenue à tous", at: Self.at)), to: &model)
        let screen = RoomView.render(&model).0.trimmedRows
        #expect(screen == [
            " jour 1/2  ▶ 09:30 UX design (10 min, reste 50)  ● en ligne",
            "┌──────────────────────────────────────────────────────────┐",
            "│ Discussion │ Programme │ Ici 3/3 │ ❓                    │",
            "│── Jour 1 · vendredi 15 janvier ──                        │",
            "│08:00 Sarah ★ Bienvenue à tous                            │",
            "│                                                          │",
            "│                                                          │",
            "│                                                          │",
            "│                                                          │",
            "│                                                          │",
            "│                                                          │",
            "└──────────────────────────────────────────────────────────┘",
            "> écris ton message…",
            " F1 aide  F2 main  F10 quitter  Tab panneau",
        ], Comment(rawValue: "\n" + screen.map { "\"\($0)\"," }.joined(separator: "\n")))
    }

    @Test func theHeaderSaysElapsedAndRemainingTime() {
        var model = joined(as: karim, size: Size(width: 120, height: 40))
        #expect(rows(&model)[0].contains("▶ 09:30 UX design (10 min, reste 50)"))
        model.now = Self.at.addingTimeInterval(3 * 3600)
        #expect(rows(&model)[0].contains("(180 min, dépassé)"))
    }

    @Test func aSentMessageOutsideTheRecentWindowIsNotShownAsPendingAfterAReload() {
        var model = joined(as: karim)
        var outbox = Outbox()
        let id = outbox.enqueue(.message("il y a longtemps"), clientId: "old")
        _ = outbox.next()
        outbox.sent(id, messageId: "m_old")
        _ = model.update(.outbox(outbox))
        _ = model.update(.stream(.update(state: model.room!, events: [], reloaded: true)))
        #expect(!rows(&model).joined().contains("il y a longtemps"))
    }

    @Test func quitWorksFromHelpAndDialogsAndTheAgendaHighlightIsWhatEnterPicks() {
        var model = joined(as: sarah)
        _ = model.update(.input(.function(1)))
        #expect(model.update(.input(.function(10))) == [])
        #expect(model.update(.input(.function(10))) == [.quit], "a second F10 confirms")
        #expect(model.update(.input(.ctrl("c"))) == [.quit], "Ctrl-C leaves at once")
        var agenda = joined(as: sarah)
        agenda.focus = .agenda
        _ = agenda.update(.input(.down))
        _ = agenda.update(.input(.down))
        let frame = RoomView.render(&agenda).0
        let selectedRow = (2..<frame.height - 2).first { y in frame[3, y].style.attributes.contains(.reverse) }
        #expect(selectedRow.map { frame.rows[$0].contains("09:00 SEO") } == true, "the highlighted row is the third item, below the day 2 header")
        #expect(agenda.update(.input(.enter)) == [.moderate(.agenda, ModerationRequest(itemId: "a3"))])
    }

    @Test func failuresAreSaidInTheUsersLanguage() {
        let fr = Language.fr.strings
        #expect(fr.describe(ClientError.server(status: 403, code: "room_locked", message: "locked", retryAfter: nil)).hasPrefix("L'expert·e a verrouillé"))
        #expect(fr.describe(ClientError.transport(.timedOut)) == fr.noNetwork)
        var model = joined(as: karim)
        var outbox = Outbox()
        let id = outbox.enqueue(.message("dans le tunnel"), clientId: "t1")
        _ = outbox.next()
        outbox.failedForNow(id, reason: "the server could not be reached")
        _ = model.update(.outbox(outbox))
        let screen = rows(&model).joined()
        #expect(screen.contains("dans le tunnel (en attente du réseau)"))
        #expect(!screen.contains("could not be reached"), "no English libcurl text on a French screen")
    }
}
