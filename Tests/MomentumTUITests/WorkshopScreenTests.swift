import Foundation
import SessionClient
import SessionModel
import Testing
import Widgets
@testable import MomentumTUI

/// The exercise timer and the workshop's days on the room screen, as values: commands in,
/// effects, rows and wake-ups out.
@Suite("The timer and the workshop's days on screen")
struct WorkshopScreenTests {
    let screen = RoomScreenTests()
    let t = RoomScreenTests.at

    /// Applies an event by `actor` at `at` (the screen helper's events have no actor).
    @discardableResult
    func apply(_ kind: RoomEvent.Kind, by actor: String?, at: Date, to model: inout RoomModel) -> [RoomEffect] {
        var room = model.room!
        let event = RoomEvent(seq: room.seq + 1, at: at, actor: actor, kind: kind)
        room.apply(event)
        return model.update(.stream(.update(state: room, events: [event], reloaded: false)))
    }

    func running(_ seconds: Int, from start: Date) -> ExerciseTimer {
        ExerciseTimer(total: seconds, endsAt: start.addingTimeInterval(TimeInterval(seconds)), startedBy: "p_sarah")
    }

    @Test func theExpertsTimerCommandsInBothLanguages() {
        var model = screen.joined(as: screen.sarah)
        #expect(model.submit("/minuteur 15") == [.send(.engage(.timer(.start, seconds: 900)))])
        #expect(model.submit("/timer 90s") == [.send(.engage(.timer(.start, seconds: 90)))])
        #expect(model.submit("/minuteur 1:30") == [.send(.engage(.timer(.start, seconds: 90)))])
        // Alone: the current agenda item's length (UX design, 60 min).
        #expect(model.submit("/minuteur") == [.send(.engage(.timer(.start, seconds: 3600)))])
        #expect(model.submit("/minuteur pause") == [], "no timer yet")
        #expect(model.notice == "Aucun minuteur en cours.")
        #expect(model.submit("/minuteur 241") == [], "over four hours")
        #expect(model.submit("/minuteur 99999999999999999") == [], "no overflow")
        #expect(model.submit("/minuteur 0") == [])
        #expect(model.submit("/minuteur bientôt") == [])
        #expect(model.notice?.hasPrefix("Exemple : /minuteur 15") == true)
        apply(.timer(.started, running(900, from: model.now)), by: screen.sarah.id, at: model.now, to: &model)
        #expect(model.submit("/minuteur +5") == [.send(.engage(.timer(.add, seconds: 300)))])
        #expect(model.submit("/minuteur pause") == [.send(.engage(.timer(.pause, seconds: nil)))])
        #expect(model.submit("/timer resume") == [.send(.engage(.timer(.resume, seconds: nil)))])
        #expect(model.submit("/minuteur reprendre") == [.send(.engage(.timer(.resume, seconds: nil)))])
        #expect(model.submit("/minuteur stop") == [.send(.engage(.timer(.stop, seconds: nil)))])
        #expect(model.submit("/fin-journee") == [.send(.engage(.closeDay))])
        #expect(model.submit("/close-day") == [.send(.engage(.closeDay))])

        var learner = screen.joined(as: screen.karim)
        #expect(learner.submit("/minuteur 5") == [], "a learner has no timer command")
        #expect(learner.notice?.hasPrefix("Commande inconnue : /minuteur") == true)
        #expect(learner.submit("/fin-journee") == [])
    }

    @Test func theHeaderCountsDownToTheSecondAt80Columns() {
        var model = screen.joined(as: screen.karim, size: Size(width: 80, height: 24))
        apply(.timer(.started, running(900, from: model.now)), by: screen.sarah.id, at: model.now, to: &model)
        _ = model.update(.tick(model.now.addingTimeInterval(1.5)))
        let rows = screen.rows(&model)
        // At 80 columns the item's whole title, its time left and the day come before the workshop's title.
        #expect(rows[0] == " jour 1/2  ▶ 09:30 UX design (10 min, reste 50)      ⏱ 14:59  ● en ligne  08:10 ", "\(rows[0])")
        #expect(rows.joined(separator: "\n").contains("⏱ Sarah lance le minuteur : 15:00"))
        // Paused: the seconds stand still, with the pause mark.
        apply(.timer(.paused, ExerciseTimer(total: 900, endsAt: nil, remaining: 598)), by: screen.sarah.id, at: model.now, to: &model)
        _ = model.update(.tick(model.now.addingTimeInterval(30)))
        #expect(screen.rows(&model)[0].contains("⏸ 09:58"))
        #expect(screen.rows(&model).joined(separator: "\n").contains("⏸ Sarah met le minuteur en pause"))
    }

    @Test func aLongItemTitleIsCutButTheDayAndTimeLeftStay() {
        var model = at80Columns(as: screen.sarah, item: "Atelier pratique : concevoir la maquette d'une application de covoiturage")
        apply(.timer(.started, running(65, from: model.now)), by: screen.sarah.id, at: model.now, to: &model)
        let header = screen.rows(&model)[0]
        #expect(DisplayWidth.of(header) == 80)
        #expect(header.hasPrefix(" jour 1/2"), "\(header)")
        #expect(header.contains("(reste 50 min)"), "fewer words when room is short: \(header)")
        #expect(header.contains("⏱ 01:05"), "\(header)")
        // The item's title takes what the workshop's title and the clock gave up.
        #expect(header.contains("▶ 09:30 Atelier pratique : conc…"), "\(header)")
        #expect(!header.contains("Les métiers"), "\(header)")
    }

    /// A room at 80x24 with a long workshop title and `item` as the current item's title.
    private func at80Columns(as person: Participant, item: String) -> RoomModel {
        var model = screen.joined(as: person, size: Size(width: 80, height: 24))
        var room = model.room!
        room.room.title = "Les métiers du numérique : découvrir, essayer, choisir"
        room.agenda[1].title = item
        _ = model.update(.stream(.update(state: room, events: [], reloaded: true)))
        return model
    }

    /// At 80x24 an item title of everyday length is whole: the workshop's title and the
    /// clock give way to it (they were kept and the item cut to "Accueil et pré…").
    @Test func anEverydayItemTitleIsWholeAt80Columns() {
        var model = at80Columns(as: screen.karim, item: "Accueil et présentations")
        let header = screen.rows(&model)[0]
        #expect(DisplayWidth.of(header) == 80)
        #expect(header.contains("▶ 09:30 Accueil et présentations (reste 50 min)"), "\(header)")
        #expect(header.hasPrefix(" jour 1/2"), "\(header)")
    }

    @Test func theHeaderWakesEachSecondOnlyWhileATimerRuns() {
        var model = screen.joined(as: screen.karim)
        let now = model.now.addingTimeInterval(0.25)
        let minute = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60)
        #expect(model.nextWake(after: now) == minute, "idle: once a minute")
        apply(.timer(.started, running(900, from: model.now)), by: screen.sarah.id, at: model.now, to: &model)
        let wake = model.nextWake(after: now)
        #expect(wake.map { abs($0.timeIntervalSince(model.now.addingTimeInterval(1))) < 0.001 } == true, "when the shown second changes")
        apply(.timer(.paused, ExerciseTimer(total: 900, endsAt: nil, remaining: 600)), by: screen.sarah.id, at: model.now, to: &model)
        #expect(model.nextWake(after: now) == minute, "paused: no second by second")
        apply(.timer(.resumed, running(600, from: model.now)), by: screen.sarah.id, at: model.now, to: &model)
        #expect(model.nextWake(after: model.now.addingTimeInterval(700)) != nil)
        #expect(model.nextWake(after: model.now.addingTimeInterval(700))! > model.now.addingTimeInterval(701), "past zero: the minute again")
    }

    @Test func theBellRingsOnceAtZeroAndNotForAnOldEnd() {
        var model = screen.joined(as: screen.karim)
        let timer = running(60, from: model.now)
        apply(.timer(.started, timer), by: screen.sarah.id, at: model.now, to: &model)
        let ended = apply(.timer(.ended, timer), by: nil, at: model.now.addingTimeInterval(60), to: &model)
        #expect(ended.filter { $0 == .bell }.count == 1)
        #expect(screen.rows(&model).joined(separator: "\n").contains("⏰ Temps écoulé !"))
        #expect(!screen.rows(&model)[0].contains("⏱"), "no timer once it ended")
        // A reconnection reloads the state: no bell again.
        _ = model.update(.stream(.update(state: model.room!, events: [], reloaded: true)))
        // An end learned long after (a backlog after a long drop) is said, without the bell.
        let late = running(5, from: model.now)
        apply(.timer(.started, late), by: screen.sarah.id, at: model.now, to: &model)
        #expect(!apply(.timer(.ended, late), by: nil, at: model.now.addingTimeInterval(-120), to: &model).contains(.bell))
    }

    @Test func closingTheDaysSaysTheRecapThenTheWorkshopIsOverForLearners() {
        var model = screen.joined(as: screen.karim)
        let day1 = model.room!.closingDay(at: model.now)
        apply(.dayClosed(day1), by: screen.sarah.id, at: model.now, to: &model)
        var text = screen.rows(&model).joined(separator: "\n")
        #expect(text.contains("🌙 Fin du jour 1 : 2 points du programme, 0 sondage, 0"), "\(text)")
        #expect(text.contains(" question répondue"), "wrapped")
        #expect(text.contains("☀ Le jour 2 commence par : 09:00 SEO"))
        #expect(screen.rows(&model)[0].contains("jour 2/2"))
        #expect(screen.rows(&model)[0].contains("▶ 09:00 SEO"))

        let day2 = model.room!.closingDay(at: model.now)
        apply(.dayClosed(day2), by: screen.sarah.id, at: model.now, to: &model)
        text = screen.rows(&model).joined(separator: "\n")
        #expect(text.contains("🏁 L'atelier est terminé"))
        #expect(screen.rows(&model)[0].contains("atelier terminé"), "\(screen.rows(&model)[0])")
        #expect(text.contains("L'atelier est terminé : la discussion est en lecture seule."), "the input's placeholder says so")
        #expect(model.submit("Merci !") == [], "a learner's message is not sent")
        #expect(model.notice == "L'atelier est terminé : la discussion est en lecture seule.")
        #expect(model.editor.text == "Merci !", "the text stays in the input")

        // Closing the last day ends the workshop: the expert is asked to type it twice.
        var closing = screen.joined(as: screen.sarah)
        apply(.dayClosed(closing.room!.closingDay(at: closing.now)), by: screen.sarah.id, at: closing.now, to: &closing)
        #expect(closing.submit("/fin-journee") == [])
        #expect(closing.notice == "Clore le dernier jour termine l'atelier : /fin-journee encore pour confirmer.")
        #expect(closing.submit("/fin-journee") == [.send(.engage(.closeDay))])
        #expect(closing.submit("/fin-journee") == [], "asked again after that")
        _ = closing.update(.tick(closing.now.addingTimeInterval(31)))
        #expect(closing.submit("/close-day") == [], "a first ask too old does not count")

        var expert = screen.joined(as: screen.sarah, language: .en)
        apply(.dayClosed(expert.room!.closingDay(at: expert.now)), by: screen.sarah.id, at: expert.now, to: &expert)
        apply(.dayClosed(expert.room!.closingDay(at: expert.now)), by: screen.sarah.id, at: expert.now, to: &expert)
        #expect(screen.rows(&expert).joined(separator: "\n").contains("🏁 The workshop is over"))
        #expect(expert.submit("Thank you all") == [.send(.message("Thank you all"))], "experts still write")
    }

    @Test func aSeparatorGoesBetweenMessagesOfTwoDays() {
        var model = screen.joined(as: screen.karim)
        let friday = t.addingTimeInterval(3600), saturday = t.addingTimeInterval(86_400)
        apply(.message(ChatMessage(id: "m1", seq: 5, authorId: screen.chloe.id, text: "Bonjour", at: friday)), by: screen.chloe.id, at: friday, to: &model)
        apply(.message(ChatMessage(id: "m2", seq: 6, authorId: screen.chloe.id, text: "Encore là", at: friday)), by: screen.chloe.id, at: friday, to: &model)
        apply(.dayClosed(model.room!.closingDay(at: friday.addingTimeInterval(60))), by: screen.sarah.id, at: friday.addingTimeInterval(60), to: &model)
        apply(.message(ChatMessage(id: "m3", seq: 8, authorId: screen.chloe.id, text: "Bon matin", at: saturday)), by: screen.chloe.id, at: saturday, to: &model)
        func separators(_ rows: [String]) -> [String] {
            rows.compactMap { row in
                row.split(separator: "│").first { $0.contains("── Jour") || $0.contains("── Day") }.map { $0.trimmingCharacters(in: .whitespaces) }
            }
        }
        let live = separators(screen.rows(&model))
        #expect(live == ["── Jour 1 · vendredi 15 janvier ──", "── Jour 2 · samedi 16 janvier ──"], "\(live)")
        // Rebuilt from the state (a reload), the same separators.
        _ = model.update(.stream(.update(state: model.room!, events: [], reloaded: true)))
        #expect(separators(screen.rows(&model)) == live)

        var english = screen.joined(as: screen.karim, language: .en)
        _ = english.update(.stream(.update(state: model.room!, events: [], reloaded: true)))
        #expect(separators(screen.rows(&english)) == ["── Day 1 · Friday 15 January ──", "── Day 2 · Saturday 16 January ──"])
    }
}

extension WorkshopScreenTests {
    @Test func theAgendaWrapsLongTitlesInItsPane() {
        var model = screen.joined(as: screen.karim, size: Size(width: 80, height: 24))
        var room = model.room!
        room.agenda[1].title = "Atelier pratique : concevoir la maquette d'une application"
        _ = model.update(.stream(.update(state: room, events: [], reloaded: true)))
        model.focus = .agenda
        let rows = screen.rows(&model).map { $0.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) } }
        let pane = rows.compactMap(\.last)
        let start = pane.firstIndex { $0.hasPrefix("▶ 09:30 Atelier") }
        #expect(start != nil, "\(pane)")
        if let start {
            let title = ([pane[start].dropFirst(8)] + pane[(start + 1)...].prefix { !$0.hasPrefix("09:") && !$0.hasPrefix("jour") && !$0.isEmpty }.map { Substring($0) })
                .joined(separator: " ")
            #expect(title == "Atelier pratique : concevoir la maquette d'une application", "the whole title, wrapped: \(pane)")
        }
    }

    @Test func plainModeSaysTheTimerAndTheDaysAsSentences() {
        var transcript = PlainTranscript(strings: Language.fr.strings)
        var room = screen.state()
        _ = transcript.joined(JoinResponse(token: "t", participant: screen.karim, room: room.room, state: room, cursor: "c4", pollTimeout: 25))
        func show(_ kind: RoomEvent.Kind, by actor: String?, at: Date) -> [String] {
            let event = RoomEvent(seq: room.seq + 1, at: at, actor: actor, kind: kind)
            room.apply(event)
            return transcript.show([event], in: room)
        }
        let timer = running(300, from: t)
        #expect(show(.timer(.started, timer), by: screen.sarah.id, at: t) == ["Sarah lance le minuteur : 05:00"])
        let paused = ExerciseTimer(total: 300, endsAt: nil, remaining: 125)
        _ = show(.timer(.paused, paused), by: screen.sarah.id, at: t)
        #expect(transcript.agenda().last == "Minuteur en pause : reste 02:05.", "/programme says the timer: plain mode has no header")
        #expect(show(.timer(.ended, timer), by: nil, at: t.addingTimeInterval(300)) == ["Temps écoulé !"])
        let close = room.closingDay(at: t.addingTimeInterval(400))
        #expect(show(.dayClosed(close), by: screen.sarah.id, at: t.addingTimeInterval(400))
                == ["Fin du jour 1 : 2 points du programme, 0 sondage, 0 question répondue\nLe jour 2 commence par : 09:00 SEO"])
        let next = t.addingTimeInterval(86_400)
        let said = show(.message(ChatMessage(id: "m1", seq: room.seq + 1, authorId: screen.chloe.id, text: "Bonjour", at: next)), by: screen.chloe.id, at: next)
        // Plain mode uses the machine's time zone: the day's number, whatever its date there.
        #expect(said.first?.hasPrefix("Jour 2, ") == true && said.first?.contains(" janvier.\n") == true, "\(said)")
    }
}

extension WorkshopScreenTests {
    @Test func historyPagesGetTheSeparatorsOfTheirDays() {
        var model = screen.joined(as: screen.karim)
        let friday = t.addingTimeInterval(3600), saturday = t.addingTimeInterval(86_400)
        apply(.dayClosed(model.room!.closingDay(at: friday.addingTimeInterval(60))), by: screen.sarah.id, at: friday.addingTimeInterval(60), to: &model)
        let say = { (id: String, seq: Int64, at: Date) in ChatMessage(id: id, seq: seq, authorId: self.screen.chloe.id, text: "texte \(id)", at: at) }
        apply(.message(say("m3", 6, saturday)), by: screen.chloe.id, at: saturday, to: &model)
        apply(.message(say("m4", 7, saturday.addingTimeInterval(60))), by: screen.chloe.id, at: saturday, to: &model)
        func chat() -> [String] {
            screen.rows(&model).compactMap { row in
                row.split(separator: "│").first { $0.contains("── J") || $0.contains("texte") }.map { $0.trimmingCharacters(in: .whitespaces) }
            }
        }
        #expect(chat() == ["── Jour 2 · samedi 16 janvier ──", "08:00 Chloé texte m3", "08:01 Chloé texte m4"])
        // An older page of the same day: no separator between it and what was there.
        _ = model.update(.history(MessagesResponse(messages: [say("h2", 3, saturday.addingTimeInterval(-60))], hasMore: true)))
        #expect(chat() == ["07:59 Chloé texte h2", "08:00 Chloé texte m3", "08:01 Chloé texte m4"], "\(chat())")
        // The oldest page, of the day before: its day, then the next day's separator where it changes.
        _ = model.update(.history(MessagesResponse(messages: [say("h1", 2, friday)], hasMore: false)))
        #expect(chat() == ["── Jour 1 · vendredi 15 janvier ──", "09:00 Chloé texte h1", "── Jour 2 · samedi 16 janvier ──",
                           "07:59 Chloé texte h2", "08:00 Chloé texte m3", "08:01 Chloé texte m4"], "\(chat())")
    }
}
