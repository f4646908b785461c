import Foundation
import SessionClient
import SessionModel
import Testing
import Widgets
@testable import MomentumTUI

/// Questions, polls, signals and reactions on the room screen, as values: keys in, effects
/// and rows out.
@Suite("Engaging the room on screen")
struct EngageScreenTests {
    let screen = RoomScreenTests()
    let t = RoomScreenTests.at

    func poll(anonymous: Bool = true) -> Poll {
        Poll(id: "v1", question: "Qui a déjà codé ?", options: ["oui", "non", "un peu"], anonymous: anonymous, openedBy: screen.sarah.id, openedAt: t, counts: [0, 0, 0])
    }

    @Test func aDigitOnAnEmptyInputVotesFromAnyPaneAndTypesOtherwise() {
        var model = screen.joined(as: screen.karim, size: Size(width: 80, height: 24))
        var learnerView = poll()
        learnerView.counts = nil
        _ = screen.apply(.pollOpened(learnerView), to: &model)
        #expect(screen.rows(&model).joined(separator: "\n").contains("[3] un peu"))
        model.focus = .people
        #expect(model.update(.input(.text("2"))) == [.send(.engage(.vote(pollId: "v1", option: 1)))])
        #expect(model.update(.input(.text("7"))) == [], "no seventh answer: typed")
        model.focus = .chat
        model.editor.setText("j'ai")
        _ = model.update(.input(.text("2")))
        #expect(model.editor.text == "j'ai2", "with text in the input, a digit is typed")
    }

    @Test func theExpertSeesBarsAndCountsInTheHeader() {
        var model = screen.joined(as: screen.sarah)
        var counted = poll()
        counted.counts = [3, 1, 0]
        _ = screen.apply(.pollOpened(counted), to: &model)
        _ = screen.apply(.signal(participantId: screen.karim.id, signal: .lost), to: &model)
        _ = screen.apply(.questionAsked(Question(id: "q1", askerId: screen.karim.id, text: "C'est quoi le DOM ?", anonymous: false, askedAt: t)), to: &model)
        let text = screen.rows(&model).joined(separator: "\n")
        #expect(text.contains("[1] oui ███3"), "\(text)")
        #expect(text.contains("(4 votes)"))
        #expect(text.contains("❓1"))
        #expect(text.contains("😵1"))
        #expect(text.contains("😵 Karim"), "the signal next to the name")
        #expect(text.contains("❓1 Karim demande (en privé) : C'est quoi le DOM ?"))
        #expect(model.submit("/repondre 1 L'arbre de la page") == [.send(.engage(.answer(questionId: "q1", text: "L'arbre de la page", publish: false)))])
        #expect(model.submit("/publier 1") == [.send(.engage(.answer(questionId: "q1", text: "", publish: true)))])
        #expect(model.submit("/sondage \"Pause ?\" oui non \"plus tard\"") == [.send(.engage(.openPoll(question: "Pause ?", options: ["oui", "non", "plus tard"], anonymous: true)))])
        #expect(model.update(.input(.alt("y"))) == [.send(.engage(.openPoll(question: "Oui ou non ?", options: ["oui", "non"], anonymous: true)))])
        #expect(model.submit("/effacer-signaux") == [.moderate(.clearSignals, ModerationRequest())])
    }

    @Test func aThirdOfTheRoomLostRingsTheExpertsBellOnce() {
        var model = screen.joined(as: screen.sarah)
        let learners = model.room!.present.filter { $0.role == .learner }
        var rang = 0
        for learner in learners {
            rang += screen.apply(.signal(participantId: learner.id, signal: .lost), to: &model).filter { $0 == .bell }.count
        }
        #expect(rang == 1)
    }

    @Test func signalsAndQuestionsByKeyAndCommand() {
        var model = screen.joined(as: screen.karim)
        #expect(model.update(.input(.alt("3"))) == [.send(.engage(.signal(.lost)))])
        #expect(model.submit("/lent") == [.send(.engage(.signal(.slower)))])
        #expect(model.submit("/anonyme Je ne comprends pas") == [.send(.engage(.ask(text: "Je ne comprends pas", anonymous: true)))])
        #expect(model.submit("/question") == [], "a question needs its text")
        // Another learner's question never reaches this screen (the server hides it); a published one does.
        _ = screen.apply(.questionAnswered(Question(id: "q9", askerId: nil, text: "C'est quoi le SEO ?", anonymous: true, askedAt: t, answer: "Le référencement.", answeredBy: screen.sarah.id, published: true)), to: &model)
        let text = screen.rows(&model).joined(separator: "\n")
        #expect(text.contains("Une personne demande : C'est quoi le SEO ?"), "\(text)")
        #expect(text.contains("Sarah répond : Le référencement."))
    }

    @Test func reactionsGoToTheLastMessageAndShowAfterIt() {
        var model = screen.joined(as: screen.karim)
        _ = screen.apply(.message(ChatMessage(id: "m1", seq: 5, authorId: screen.chloe.id, text: "Bonjour", at: t)), to: &model)
        #expect(model.submit("+1") == [.send(.engage(.react(messageId: "m1", emoji: .thumbsUp, on: true)))])
        _ = screen.apply(.reaction(ReactionChange(messageId: "m1", emoji: .thumbsUp, on: true, participantId: screen.karim.id)), to: &model)
        #expect(screen.rows(&model).joined(separator: "\n").contains("Bonjour  👍1"))
        #expect(model.submit("/reagir 👍") == [.send(.engage(.react(messageId: "m1", emoji: .thumbsUp, on: false)))], "again: removed")
        #expect(model.submit("/reagir 🙂") == [])
    }
}
