import SessionModel

/// The sentences of questions, polls, pace signals and reactions, in both languages; kept
/// apart from `Strings` so that each catalogue stays short.
struct EngageStrings: Sendable {
    var signalName: @Sendable (PaceSignal) -> String
    /// The mark before a name in the roster, like a hand; `ascii` for `--ascii` terminals.
    var signalMark: @Sendable (PaceSignal, _ ascii: Bool) -> String
    var reactionWord: @Sendable (Reaction) -> String
    var askedByMe: @Sendable (_ text: String, _ anonymous: Bool) -> String
    var askedPrivately: @Sendable (_ number: Int, _ name: String, _ text: String) -> String
    var answeredPrivately: @Sendable (_ by: String, _ asker: String, _ answer: String) -> String
    var closedWithoutWords: @Sendable (_ by: String, _ asker: String) -> String
    /// A published question: `asker` nil when asked anonymously.
    var publishedQuestion: @Sendable (_ asker: String?, _ text: String) -> String
    var publishedAnswer: @Sendable (_ by: String, _ answer: String) -> String
    var pollOpened: @Sendable (_ question: String, _ options: Int) -> String
    var pollClosed: @Sendable (_ question: String) -> String
    var pollRevealed: @Sendable (_ question: String) -> String
    var results: @Sendable (_ options: [String], _ counts: [Int]) -> String
    var pollPrefix: String
    var myChoice: String
    var votes: @Sendable (Int) -> String
    var yesNoQuestion: String
    var yes: String
    var no: String
    var signalsCleared: @Sendable (_ by: String) -> String
    var signalClearedBy: @Sendable (_ name: String, _ by: String) -> String
    var lostAlarm: @Sendable (_ lost: Int, _ learners: Int) -> String
    /// The expert's header: open questions.
    var openQuestions: @Sendable (Int) -> String
    var noOpenQuestions: String
    var questionListItem: @Sendable (_ number: Int, _ name: String, _ text: String) -> String
    var noSuchQuestion: @Sendable (String) -> String
    var noOpenPoll: String
    var noMessageToReact: String
    var notAReaction: @Sendable (String) -> String
    var pollUsage: String
    var argumentText: String
    /// Help lines of the engagement commands (`Strings.commandHelp` asks for those).
    var commandHelp: @Sendable (RoomCommand.ID) -> String
    var keyVote: String
    var keySignal: @Sendable (PaceSignal?) -> String
    var keyYesNo: String

    static func of(_ language: Language) -> EngageStrings {
        switch language {
        case .fr: .french
        case .en: .english
        }
    }
}

extension Strings {
    var engage: EngageStrings { EngageStrings.of(language) }
}

extension EngageStrings {
    static let french = EngageStrings(
        signalName: frenchSignal,
        signalMark: mark,
        reactionWord: { reaction in
            switch reaction {
            case .thumbsUp: "+1"
            case .heart: "coeur"
            case .laugh: "rire"
            case .wow: "wow"
            case .clap: "bravo"
            }
        },
        askedByMe: { text, anonymous in "❓ Ta question aux expert·e·s\(anonymous ? " (anonyme si publiée)" : "") : \(text)" },
        askedPrivately: { number, name, text in "❓\(number) \(name) demande (en privé) : \(text)" },
        answeredPrivately: { by, asker, answer in "💬 \(by) répond à \(asker) (en privé) : \(answer)" },
        closedWithoutWords: { by, asker in "💬 \(by) a clos la question de \(asker)" },
        publishedQuestion: { asker, text in "❓ \(asker.map { "\($0) demande" } ?? "Une personne demande") : \(text)" },
        publishedAnswer: { by, answer in "💬 \(by) répond : \(answer)" },
        pollOpened: { question, options in "📊 Sondage : \(question) — réponds avec une touche de 1 à \(options)" },
        pollClosed: { "📊 Sondage fermé : \($0)" },
        pollRevealed: { "📊 Résultats du sondage : \($0)" },
        results: { options, counts in zip(options, counts).map { "\($0) \($1)" }.joined(separator: " · ") },
        pollPrefix: "Sondage",
        myChoice: "ton choix",
        votes: { $0 <= 1 ? "\($0) vote" : "\($0) votes" },
        yesNoQuestion: "Oui ou non ?",
        yes: "oui",
        no: "non",
        signalsCleared: { "\($0) efface tous les signaux" },
        signalClearedBy: { name, by in "\(by) efface le signal de \(name)" },
        lostAlarm: { lost, learners in "😵 \(lost) sur \(learners) sont perdu·e·s" },
        openQuestions: { "❓\($0)" },
        noOpenQuestions: "Aucune question en attente.",
        questionListItem: { number, name, text in "\(number). \(name) : \(text)" },
        noSuchQuestion: { "Pas de question en attente numéro \($0) : /questions les liste." },
        noOpenPoll: "Aucun sondage ouvert.",
        noMessageToReact: "Aucun message auquel réagir.",
        notAReaction: { "« \($0) » n'est pas une réaction : 👍 ❤️ 😂 😮 👏 (ou +1, coeur, rire, wow, bravo)." },
        pollUsage: "Exemple : /sondage \"Qui a déjà codé ?\" oui non \"un peu\" (sans réponses : oui/non)",
        argumentText: "TEXTE",
        commandHelp: { command in
            switch command {
            case .ask: "poser une question en privé aux expert·e·s"
            case .askAnonymous: "poser une question, anonyme si elle est publiée"
            case .questions: "lister les questions en attente"
            case .answer: "répondre en privé à la question N : /repondre N TEXTE"
            case .publish: "publier la question N et sa réponse : /publier N [TEXTE]"
            case .poll: "ouvrir un sondage : /sondage \"question\" rép1 rép2…"
            case .closePoll: "fermer le sondage"
            case .reveal: "montrer les résultats aux participant·e·s"
            case .slower: "signal : plus lentement"
            case .faster: "signal : plus vite"
            case .lost: "signal : je suis perdu·e"
            case .ok: "signal : c'est bon"
            case .clearSignal: "effacer mon signal"
            case .clearSignals: "effacer les signaux (de quelqu'un, ou de tout le monde)"
            case .react: "réagir au dernier message : /reagir 👍 (encore une fois : retirer)"
            case .help, .hand, .who, .agenda, .quit, .floor, .lower, .lowerAll, .next, .previous, .mute, .remove, .delete, .lock, .unlock, .acceptClaim, .refuseClaim,
                 .search, .presences, .export, .timer, .closeDay: ""
            }
        },
        keyVote: "répondre au sondage",
        keySignal: { signal in signal.map { "signal : " + frenchSignal($0) } ?? "effacer mon signal" },
        keyYesNo: "sondage oui/non")

    static let english = EngageStrings(
        signalName: englishSignal,
        signalMark: mark,
        reactionWord: { $0.word },
        askedByMe: { text, anonymous in "❓ Your question to the experts\(anonymous ? " (anonymous if published)" : ""): \(text)" },
        askedPrivately: { number, name, text in "❓\(number) \(name) asks (privately): \(text)" },
        answeredPrivately: { by, asker, answer in "💬 \(by) answers \(asker) (privately): \(answer)" },
        closedWithoutWords: { by, asker in "💬 \(by) closed \(asker)'s question" },
        publishedQuestion: { asker, text in "❓ \(asker.map { "\($0) asks" } ?? "Someone asks"): \(text)" },
        publishedAnswer: { by, answer in "💬 \(by) answers: \(answer)" },
        pollOpened: { question, options in "📊 Poll: \(question) — answer with a key from 1 to \(options)" },
        pollClosed: { "📊 Poll closed: \($0)" },
        pollRevealed: { "📊 Poll results: \($0)" },
        results: { options, counts in zip(options, counts).map { "\($0) \($1)" }.joined(separator: " · ") },
        pollPrefix: "Poll",
        myChoice: "your choice",
        votes: { $0 == 1 ? "1 vote" : "\($0) votes" },
        yesNoQuestion: "Yes or no?",
        yes: "yes",
        no: "no",
        signalsCleared: { "\($0) clears every signal" },
        signalClearedBy: { name, by in "\(by) clears \(name)'s signal" },
        lostAlarm: { lost, learners in "😵 \(lost) of \(learners) are lost" },
        openQuestions: { "❓\($0)" },
        noOpenQuestions: "No question waiting.",
        questionListItem: { number, name, text in "\(number). \(name): \(text)" },
        noSuchQuestion: { "No waiting question number \($0): /questions lists them." },
        noOpenPoll: "No poll is open.",
        noMessageToReact: "No message to react to.",
        notAReaction: { "\"\($0)\" is not a reaction: 👍 ❤️ 😂 😮 👏 (or +1, love, haha, wow, clap)." },
        pollUsage: "Example: /poll \"Who has coded before?\" yes no \"a little\" (no answers: yes/no)",
        argumentText: "TEXT",
        commandHelp: { command in
            switch command {
            case .ask: "ask the experts privately"
            case .askAnonymous: "ask, anonymously if published"
            case .questions: "list the waiting questions"
            case .answer: "answer question N privately: /answer N TEXT"
            case .publish: "publish question N with its answer: /publish N [TEXT]"
            case .poll: "open a poll: /poll \"question\" ans1 ans2…"
            case .closePoll: "close the poll"
            case .reveal: "show the results to learners"
            case .slower: "signal: slower"
            case .faster: "signal: faster"
            case .lost: "signal: I am lost"
            case .ok: "signal: all good"
            case .clearSignal: "clear my signal"
            case .clearSignals: "clear signals (someone's, or everyone's)"
            case .react: "react to the last message: /react 👍 (again: remove)"
            case .help, .hand, .who, .agenda, .quit, .floor, .lower, .lowerAll, .next, .previous, .mute, .remove, .delete, .lock, .unlock, .acceptClaim, .refuseClaim,
                 .search, .presences, .export, .timer, .closeDay: ""
            }
        },
        keyVote: "answer the poll",
        keySignal: { signal in signal.map { "signal: " + englishSignal($0) } ?? "clear my signal" },
        keyYesNo: "yes/no poll")
}

private func frenchSignal(_ signal: PaceSignal) -> String {
    switch signal {
    case .slower: "plus lentement"
    case .faster: "plus vite"
    case .lost: "perdu·e"
    case .ok: "c'est bon"
    }
}

private func englishSignal(_ signal: PaceSignal) -> String {
    switch signal {
    case .slower: "slower"
    case .faster: "faster"
    case .lost: "lost"
    case .ok: "all good"
    }
}

/// The roster's mark for a signal: a symbol, or two ASCII characters on `--ascii` terminals.
private func mark(_ signal: PaceSignal, ascii: Bool) -> String {
    switch signal {
    case .slower: ascii ? "<<" : "🐢"
    case .faster: ascii ? ">>" : "🐇"
    case .lost: ascii ? "?!" : "😵"
    case .ok: ascii ? "ok" : "👌"
    }
}
