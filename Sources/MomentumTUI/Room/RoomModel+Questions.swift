import Foundation
import SessionClient
import SessionModel
import Widgets

/// What the next Enter sends instead of a chat message, said above the input until then.
enum Composing: Sendable, Equatable {
    /// The expert's answer to a question, private or published with the question.
    case answer(questionId: String, publish: Bool)
    /// A learner's private question to the experts.
    case question(anonymous: Bool)
    /// Words to search the chat for (Ctrl-F).
    case search
}

/// The Questions view: a learner's own private questions (and the published ones), every
/// question for an expert, who answers the selected one with keys.
extension RoomModel {
    /// The open questions first, oldest first (numbered as `/repondre N` numbers them), then
    /// the answered ones, newest first. The server already left out other learners' private ones.
    var questionsInView: [Question] {
        let all = (room?.questions ?? []).filter { isExpert || $0.askerId == me?.id || $0.published }
        return all.filter(\.isOpen) + all.filter { !$0.isOpen }.reversed()
    }

    /// The selected question; the first one until the user moves.
    var selectedQuestion: Question? {
        let list = questionsInView
        return list.first { $0.id == selectedQuestionId } ?? list.first
    }

    mutating func selectQuestion(by step: Int) {
        let list = questionsInView
        guard !list.isEmpty else { return }
        let index = list.firstIndex { $0.id == selectedQuestion?.id } ?? 0
        selectedQuestionId = list[min(max(0, index + step), list.count - 1)].id
    }

    /// Keys of the Questions view; nil for keys it has no use for (they go to the input).
    mutating func questionsKey(_ event: InputEvent) -> [RoomEffect]? {
        switch event {
        case .up: selectQuestion(by: -1)
        case .down: selectQuestion(by: 1)
        // As in the roster, the pane's own keys need an empty input: with text, Enter sends it.
        case .enter where editor.isEmpty:
            return isExpert ? startAnswer(publish: false) : perform(.ask)
        case .delete where isExpert && editor.isEmpty:
            guard let question = selectedQuestion, question.isOpen else { return [] }
            return [.send(.engage(.answer(questionId: question.id, text: "", publish: false)))]
        case .text, .enter, .tab, .backTab, .backspace, .delete, .escape, .insert, .left, .right, .home, .end,
             .pageUp, .pageDown, .ctrlLeft, .ctrlRight, .function, .ctrl, .alt, .mouse, .resize, .paste:
            return nil
        }
        return []
    }

    /// The expert starts answering the selected open question: the next Enter sends the answer.
    mutating func startAnswer(publish: Bool) -> [RoomEffect] {
        guard isExpert else { return [] }
        guard let question = selectedQuestion, question.isOpen else {
            notice = strings.engageView.noQuestionSelected
            return []
        }
        selectedQuestionId = question.id
        // Alt-U works from anywhere: the view comes up, so the question answered is in sight.
        focus = .questions
        composing = .answer(questionId: question.id, publish: publish)
        return []
    }

    /// Alt-Q: what is in the input goes to the experts as a private question; with an empty
    /// input, the next Enter sends one; pressed again while writing, the question turns anonymous.
    mutating func startQuestion() -> [RoomEffect] {
        guard !isExpert, me != nil else { return [] }
        if case .question(let anonymous) = composing {
            composing = .question(anonymous: !anonymous)
            return []
        }
        let text = editor.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.isEmpty else {
            editor.setText("")
            return [.send(.engage(.ask(text: text, anonymous: false)))]
        }
        composing = .question(anonymous: false)
        return []
    }

    /// Enter and Escape while composing; nil for other keys (they edit the input).
    mutating func composingKey(_ event: InputEvent) -> [RoomEffect]? {
        guard let composing else { return nil }
        switch event {
        case .escape:
            self.composing = nil
            return []
        case .enter:
            let text = editor.text.trimmingCharacters(in: .whitespacesAndNewlines)
            switch composing {
            case .question(let anonymous):
                guard !text.isEmpty else { return [] }
                editor.setText("")
                self.composing = nil
                return [.send(.engage(.ask(text: text, anonymous: anonymous)))]
            case .answer(let questionId, let publish):
                // An empty answer is meant: it closes the question, or publishes it answered aloud.
                editor.setText("")
                self.composing = nil
                return [.send(.engage(.answer(questionId: questionId, text: text, publish: publish)))]
            case .search:
                guard !text.isEmpty else { return [] }
                editor.setText("")
                self.composing = nil
                return startSearch(text)
            }
        case .text, .tab, .backTab, .backspace, .delete, .insert, .up, .down, .left, .right, .home, .end,
             .pageUp, .pageDown, .ctrlLeft, .ctrlRight, .function, .ctrl, .alt, .mouse, .resize, .paste:
            return nil
        }
    }

    /// What is said above the input while composing.
    var composingPrompt: String? {
        guard let composing else { return nil }
        let v = strings.engageView
        switch composing {
        case .question(let anonymous): return v.composeQuestion(anonymous)
        case .answer(let questionId, let publish):
            let question = room?.questions.first { $0.id == questionId }
            return v.composeAnswer(question.map(askerName) ?? "?", publish, question?.anonymous ?? false)
        case .search: return strings.reports.searchPrompt
        }
    }
}
