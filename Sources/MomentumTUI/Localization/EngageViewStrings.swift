import SessionModel

/// What the Questions view, the answer and question prompts and the reaction picker say, in
/// each language; apart from `EngageStrings` (the chat's sentences) so each file stays short.
struct EngageViewStrings: Sendable {
    var tab: @Sendable (_ open: Int) -> String
    var emptyForExpert: String
    var emptyForLearner: String
    var waiting: String
    /// "Karim" or, for a question to be published anonymously, "Karim (anonyme si publiée)".
    var asker: @Sendable (_ name: String, _ anonymous: Bool) -> String
    var answeredBy: @Sendable (_ by: String, _ answer: String) -> String
    var closedBy: @Sendable (_ by: String) -> String
    var publishedMark: String
    /// Above the input while the expert writes an answer to a question.
    var composeAnswer: @Sendable (_ asker: String, _ publish: Bool, _ anonymous: Bool) -> String
    /// Above the input while a learner writes a private question.
    var composeQuestion: @Sendable (_ anonymous: Bool) -> String
    /// The pane's keys, at its foot: for the expert, for a learner.
    var expertPaneKeys: String
    var learnerPaneKeys: String
    /// Above the input while a message is selected: the reactions and their keys.
    var picker: @Sendable (_ author: String, _ choices: String) -> String
    var noQuestionSelected: String
    var keyAsk: String
    var keyPublish: String
    var keyReact: String
    /// Help lines for keys the table cannot hold (the digits, the pane's Enter and Delete).
    var keyDigits: String
    var keyAnswerEnter: String
    var keyCloseDelete: String
    var inQuestionsView: String
    /// Plain mode says what the screen draws: the counts, my vote, a signal, a reaction.
    var plainCounts: @Sendable (_ question: String, _ total: String, _ results: String) -> String
    var plainMyVote: @Sendable (_ option: String) -> String
    var plainSignal: @Sendable (_ name: String, _ signal: String?) -> String
    var plainReaction: @Sendable (_ name: String, _ reaction: String, _ on: Bool, _ text: String) -> String

    static func of(_ language: Language) -> EngageViewStrings {
        switch language {
        case .fr: .french
        case .en: .english
        }
    }

    static let french = EngageViewStrings(
        tab: { $0 > 0 ? "Questions \($0)" : "Questions" },
        emptyForExpert: "Aucune question. Les questions privées des participant·e·s arrivent ici.",
        emptyForLearner: "Pose une question en privé aux expert·e·s : Alt-Q, ou Entrée ici. Les autres ne la voient pas.",
        waiting: "en attente",
        asker: { name, anonymous in anonymous ? "\(name) (anonyme si publiée)" : name },
        answeredBy: { by, answer in "\(by) : \(answer)" },
        closedBy: { "close par \($0)" },
        publishedMark: "publiée",
        composeAnswer: { asker, publish, anonymous in
            publish
                ? "Publier la question de \(anonymous ? "quelqu'un (anonyme)" : asker) avec ta réponse, puis Entrée (vide : à voix haute) · Échap annule"
                : "Réponse privée à \(asker), puis Entrée (vide : clore sans réponse) · Échap annule"
        },
        composeQuestion: { anonymous in
            anonymous
                ? "Question anonyme (si publiée) aux expert·e·s, puis Entrée · Échap annule"
                : "Question privée aux expert·e·s, puis Entrée · Alt-Q : anonyme · Échap annule"
        },
        expertPaneKeys: "Enter répondre · Alt-U publier · Del clore",
        learnerPaneKeys: "Entrée ou Alt-Q : poser une question",
        picker: { author, choices in "Réagir au message de \(author) : \(choices) · ↑↓ · Échap" },
        noQuestionSelected: "Aucune question en attente choisie (Tab jusqu'à la vue Questions).",
        keyAsk: "question privée aux expert·e·s (encore : anonyme)",
        keyPublish: "publier la question choisie",
        keyReact: "choisir un message (↑↓) et y réagir (1-5)",
        keyDigits: "répondre au sondage ouvert (entrée vide)",
        keyAnswerEnter: "répondre en privé à la question choisie",
        keyCloseDelete: "clore la question choisie sans réponse",
        inQuestionsView: " (vue Questions)",
        plainCounts: { question, total, results in "Sondage « \(question) », \(total) : \(results)" },
        plainMyVote: { "Ton choix : \($0)" },
        plainSignal: { name, signal in signal.map { "Signal de \(name) : \($0)" } ?? "\(name) n'a plus de signal" },
        plainReaction: { name, reaction, on, text in "\(name) \(on ? "réagit" : "retire") « \(reaction) » sur « \(text) »" })

    static let english = EngageViewStrings(
        tab: { $0 > 0 ? "Questions \($0)" : "Questions" },
        emptyForExpert: "No questions. Learners' private questions arrive here.",
        emptyForLearner: "Ask the experts privately: Alt-Q, or Enter here. Nobody else sees it.",
        waiting: "waiting",
        asker: { name, anonymous in anonymous ? "\(name) (anonymous if published)" : name },
        answeredBy: { by, answer in "\(by): \(answer)" },
        closedBy: { "closed by \($0)" },
        publishedMark: "published",
        composeAnswer: { asker, publish, anonymous in
            publish
                ? "Publish \(anonymous ? "someone's (anonymous)" : asker + "'s") question with your answer, then Enter (empty: aloud) · Esc cancels"
                : "Private answer to \(asker), then Enter (empty: close without words) · Esc cancels"
        },
        composeQuestion: { anonymous in
            anonymous
                ? "Anonymous question (if published) to the experts, then Enter · Esc cancels"
                : "Private question to the experts, then Enter · Alt-Q: anonymous · Esc cancels"
        },
        expertPaneKeys: "Enter answer · Alt-U publish · Del close",
        learnerPaneKeys: "Enter or Alt-Q: ask a question",
        picker: { author, choices in "React to \(author)'s message: \(choices) · ↑↓ · Esc" },
        noQuestionSelected: "No waiting question selected (Tab to the Questions view).",
        keyAsk: "private question to the experts (again: anonymous)",
        keyPublish: "publish the selected question",
        keyReact: "select a message (↑↓) and react to it (1-5)",
        keyDigits: "answer the open poll (empty input)",
        keyAnswerEnter: "answer the selected question privately",
        keyCloseDelete: "close the selected question without words",
        inQuestionsView: " (Questions view)",
        plainCounts: { question, total, results in "Poll \"\(question)\", \(total): \(results)" },
        plainMyVote: { "Your choice: \($0)" },
        plainSignal: { name, signal in signal.map { "\(name)'s signal: \($0)" } ?? "\(name) has no signal now" },
        plainReaction: { name, reaction, on, text in "\(name) \(on ? "reacts" : "takes back") \"\(reaction)\" on \"\(text)\"" })
}

extension Strings {
    var engageView: EngageViewStrings { EngageViewStrings.of(language) }
}
