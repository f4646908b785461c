import Foundation
import SessionClient
import SessionModel
import Testing
import Widgets
@testable import MomentumTUI

/// The Questions view and reacting to a chosen message, with keys, at 80x24: keys in,
/// effects and rows out.
@Suite("The Questions view and message reactions on screen")
struct EngageViewTests {
    let screen = RoomScreenTests()
    let t = RoomScreenTests.at
    let small = Size(width: 80, height: 24)

    func question(_ id: String, by asker: Participant, _ text: String, anonymous: Bool = false) -> Question {
        Question(id: id, askerId: asker.id, text: text, anonymous: anonymous, askedAt: t)
    }

    func text(_ model: inout RoomModel) -> String { screen.rows(&model).joined(separator: "\n") }

    /// Tab until the Questions view has the focus.
    func focusQuestions(_ model: inout RoomModel) {
        while model.focus != .questions { _ = model.update(.input(.tab)) }
    }

    @Test func theExpertAnswersFromTheQuestionsViewWithKeys() {
        var model = screen.joined(as: screen.sarah, size: small)
        _ = screen.apply(.questionAsked(question("q1", by: screen.karim, "C'est quoi le DOM ?")), to: &model)
        _ = screen.apply(.questionAsked(question("q2", by: screen.chloe, "Et le CSS ?", anonymous: true)), to: &model)
        focusQuestions(&model)
        var shown = text(&model)
        #expect(shown.contains("│ Program… │ Ici 3/3 │ ❓2 │"), "\(shown)")
        #expect(shown.contains("❓1 Karim : C'est quoi"), "\(shown)")
        #expect(shown.contains("Enter répondre"), "the view's keys at its foot")
        #expect(screen.rows(&model).count == 24)

        // Enter on the first: the next Enter sends a private answer.
        #expect(model.update(.input(.enter)) == [])
        #expect(text(&model).contains("Réponse privée à Karim"))
        model.editor.setText("L'arbre de la page")
        #expect(model.update(.input(.enter)) == [.send(.engage(.answer(questionId: "q1", text: "L'arbre de la page", publish: false)))])
        #expect(model.composing == nil && model.editor.isEmpty)

        // Down, Alt-U: published, anonymously as asked; an empty answer means "answered aloud".
        _ = model.update(.input(.down))
        #expect(model.update(.input(.alt("u"))) == [])
        shown = text(&model)
        #expect(shown.contains("Publier la question de quelqu'un (anonyme)"), "\(shown)")
        #expect(shown.contains("Chloé (anonyme si publiée)"), "the expert sees who asked, and the wish")
        #expect(model.update(.input(.enter)) == [.send(.engage(.answer(questionId: "q2", text: "", publish: true)))])

        // Escape gives up; Delete closes the selected question without words.
        _ = model.update(.input(.enter))
        _ = model.update(.input(.escape))
        #expect(model.composing == nil)
        #expect(model.update(.input(.delete)) == [.send(.engage(.answer(questionId: "q2", text: "", publish: false)))])
    }

    @Test func openQuestionsComeFirstAndAnsweredOnesShowTheirAnswer() {
        var model = screen.joined(as: screen.karim, size: small)
        var answered = question("q1", by: screen.karim, "Premier ?")
        answered.answer = "Oui."
        answered.answeredBy = screen.sarah.id
        _ = screen.apply(.questionAsked(question("q1", by: screen.karim, "Premier ?")), to: &model)
        _ = screen.apply(.questionAnswered(answered), to: &model)
        _ = screen.apply(.questionAsked(question("q2", by: screen.karim, "Second ?")), to: &model)
        focusQuestions(&model)
        let rows = screen.rows(&model)
        let open = rows.firstIndex { $0.contains("❓ Second ?") }, done = rows.firstIndex { $0.contains("✓ Premier ?") }
        #expect(open != nil && done != nil && open! < done!, "\(rows.joined(separator: "\n"))")
        _ = model.update(.input(.down))
        #expect(text(&model).contains("→ Sarah : Oui."), "the selected question in full, with its answer")
    }

    @Test func aLearnerAsksWithAltQAndAgainMakesItAnonymous() {
        var model = screen.joined(as: screen.karim, size: small)
        #expect(model.update(.input(.alt("q"))) == [])
        #expect(text(&model).contains("Question privée aux expert·e·s"))
        _ = model.update(.input(.alt("q")))
        #expect(text(&model).contains("Question anonyme"))
        #expect(model.update(.input(.enter)) == [], "nothing to ask yet")
        model.editor.setText("Je suis perdu")
        #expect(model.update(.input(.enter)) == [.send(.engage(.ask(text: "Je suis perdu", anonymous: true)))])
        // With text already typed, Alt-Q sends it as a private question at once.
        model.editor.setText("Et après ?")
        #expect(model.update(.input(.alt("q"))) == [.send(.engage(.ask(text: "Et après ?", anonymous: false)))])
        #expect(model.update(.input(.alt("u"))) == [], "publishing is the expert's")
    }

    @Test func aChosenMessageGetsAReactionWithADigit() {
        var model = screen.joined(as: screen.karim, size: small)
        _ = screen.apply(.message(ChatMessage(id: "m1", seq: 5, authorId: screen.chloe.id, text: "Premier", at: t)), to: &model)
        _ = screen.apply(.message(ChatMessage(id: "m2", seq: 6, authorId: screen.sarah.id, text: "Second", at: t)), to: &model)
        _ = model.update(.input(.alt("e")))
        #expect(text(&model).contains("Réagir au message de Sarah : 1 👍  2 ❤️"), "\(text(&model))")
        _ = model.update(.input(.up))
        #expect(text(&model).contains("Réagir au message de Chloé"))
        let buffer = RoomView.render(&model).0
        let row = buffer.rows.firstIndex { $0.contains("Premier") }!
        let x = buffer.rows[row].distance(from: buffer.rows[row].startIndex, to: buffer.rows[row].range(of: "Premier")!.lowerBound)
        #expect(buffer[x + 1, row].style.attributes.contains(.reverse), "the chosen message is drawn reversed")
        #expect(model.update(.input(.text("2"))) == [.send(.engage(.react(messageId: "m1", emoji: .heart, on: true)))])
        #expect(model.reactingTo == nil, "one reaction ends the choice")
        // Escape leaves without reacting; a digit then answers a poll again.
        _ = model.update(.input(.alt("e")))
        #expect(model.update(.input(.escape)) == [])
        #expect(model.reactingTo == nil)
    }

    @Test func inASCIIReactionsAreWords() {
        var model = screen.joined(as: screen.karim, size: small)
        model.theme = Theme.color.ascii
        _ = screen.apply(.message(ChatMessage(id: "m1", seq: 5, authorId: screen.chloe.id, text: "Bravo", at: t)), to: &model)
        _ = screen.apply(.reaction(ReactionChange(messageId: "m1", emoji: .clap, on: true, participantId: screen.karim.id)), to: &model)
        _ = model.update(.input(.alt("e")))
        let shown = text(&model)
        #expect(shown.contains("Bravo  bravo 1"), "\(shown)")
        #expect(shown.contains("1 +1  2 coeur  3 rire  4 wow  5 bravo"))
    }

    @Test func helpListsTheDigitsAndTheNewKeys() {
        var learner = screen.joined(as: screen.karim, size: Size(width: 120, height: 60), language: .en)
        _ = learner.update(.input(.function(1)))
        let help = text(&learner)
        #expect(help.contains("1-6") && help.contains("answer the open poll"), "\(help)")
        #expect(help.contains("Alt-E") && help.contains("Alt-Q"))
        var expert = screen.joined(as: screen.sarah, size: Size(width: 120, height: 80), language: .en)
        _ = expert.update(.input(.function(1)))
        let expertHelp = text(&expert)
        #expect(expertHelp.contains("Alt-U") && expertHelp.contains("Enter (Questions view)"), "\(expertHelp)")
        #expect(expertHelp.contains("Alt-Y"))
    }
}
