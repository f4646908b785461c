import SessionModel
import Widgets

/// The room's one table of slash commands, in the order help lists them.
enum RoomCommands {
    static let all: [RoomCommand] = [
        RoomCommand(id: .hand, french: "main", english: "hand", key: .hand),
        RoomCommand(id: .who, french: "qui", english: "who"),
        RoomCommand(id: .agenda, french: "programme", english: "agenda"),
        RoomCommand(id: .help, french: "aide", english: "help", aliases: ["?"], key: .help),
        RoomCommand(id: .quit, french: "quitter", english: "quit", aliases: ["q"], key: .quit),
        RoomCommand(id: .floor, french: "parole", english: "floor", argument: .optionalPerson, roles: [.expert], key: .floorNext),
        RoomCommand(id: .lower, french: "baisser", english: "lower", argument: .person, roles: [.expert], key: .lowerSelectedHand),
        RoomCommand(id: .lowerAll, french: "baisser-tout", english: "lower-all", roles: [.expert], key: .lowerAllHands),
        RoomCommand(id: .next, french: "suivant", english: "next", roles: [.expert], key: .agendaNext),
        RoomCommand(id: .previous, french: "precedent", english: "prev", aliases: ["précédent", "previous"], roles: [.expert], key: .agendaPrevious),
        RoomCommand(id: .mute, french: "muet", english: "mute", argument: .person, roles: [.expert], key: .muteSelected),
        RoomCommand(id: .remove, french: "retirer", english: "remove", argument: .person, roles: [.expert], key: .removeSelected),
        RoomCommand(id: .delete, french: "supprimer", english: "delete", argument: .person, roles: [.expert]),
        RoomCommand(id: .lock, french: "verrouiller", english: "lock", roles: [.expert], key: .lock),
        RoomCommand(id: .unlock, french: "deverrouiller", english: "unlock", aliases: ["déverrouiller"], roles: [.expert]),
        RoomCommand(id: .acceptClaim, french: "accepter", english: "accept", roles: [.expert], key: .acceptClaim),
        RoomCommand(id: .refuseClaim, french: "refuser", english: "refuse", roles: [.expert], key: .refuseClaim),
        RoomCommand(id: .ask, french: "question", english: "ask", argument: .text, roles: [.learner]),
        RoomCommand(id: .askAnonymous, french: "anonyme", english: "anon", argument: .text, roles: [.learner]),
        RoomCommand(id: .questions, french: "questions", english: "questions-list", aliases: ["qs"]),
        RoomCommand(id: .answer, french: "repondre", english: "answer", aliases: ["répondre"], argument: .text, roles: [.expert]),
        RoomCommand(id: .publish, french: "publier", english: "publish", argument: .text, roles: [.expert]),
        RoomCommand(id: .poll, french: "sondage", english: "poll", argument: .optionalText, roles: [.expert], key: .yesNoPoll),
        RoomCommand(id: .closePoll, french: "fermer", english: "close", roles: [.expert]),
        RoomCommand(id: .reveal, french: "resultats", english: "reveal", aliases: ["résultats"], roles: [.expert]),
        RoomCommand(id: .slower, french: "lent", english: "slower", roles: [.learner], key: .signal(.slower)),
        RoomCommand(id: .faster, french: "vite", english: "faster", roles: [.learner], key: .signal(.faster)),
        RoomCommand(id: .lost, french: "perdu", english: "lost", roles: [.learner], key: .signal(.lost)),
        RoomCommand(id: .ok, french: "ok", english: "good", roles: [.learner], key: .signal(.ok)),
        RoomCommand(id: .clearSignal, french: "sans-signal", english: "no-signal", roles: [.learner], key: .signal(nil)),
        RoomCommand(id: .clearSignals, french: "effacer-signaux", english: "clear-signals", argument: .optionalPerson, roles: [.expert]),
        RoomCommand(id: .react, french: "reagir", english: "react", aliases: ["réagir", "+1"], argument: .optionalText),
        RoomCommand(id: .search, french: "chercher", english: "search", argument: .optionalText, key: .search),
        RoomCommand(id: .presences, french: "presences", english: "attendance", aliases: ["présences"], roles: [.expert]),
        RoomCommand(id: .export, french: "export", english: "export-chat", argument: .optionalText),
        RoomCommand(id: .timer, french: "minuteur", english: "timer", argument: .optionalText, roles: [.expert]),
        RoomCommand(id: .closeDay, french: "fin-journee", english: "close-day", aliases: ["fin-journée"], roles: [.expert]),
    ]

    /// The command `name` names ("/parole", "/FLOOR", "/q"), whoever may use it.
    static func find(_ name: String) -> RoomCommand? {
        let key = name.lowercased()
        return all.first { $0.names.contains(key) }
    }

    /// The commands someone with `role` may use.
    static func available(to role: Role?) -> [RoomCommand] {
        all.filter { $0.isAllowed(for: role) }
    }

    /// What Tab offers after `word` ("/pa"): names of the commands `role` may use, in both languages.
    static func completions(of word: String, for role: Role?) -> [String] {
        let prefix = word.lowercased()
        return available(to: role).flatMap { [$0.french, $0.english].map { "/" + $0 } }.filter { $0.hasPrefix(prefix) }
    }

    /// The command as help shows it: "/parole NOM".
    static func usage(_ command: RoomCommand, _ strings: Strings) -> String {
        let name = command.name(in: strings.language)
        switch command.argument {
        case .none: return name
        case .person: return name + " " + strings.argumentName
        case .optionalPerson: return name + " [" + strings.argumentName + "]"
        case .text: return name + " " + strings.engage.argumentText
        case .optionalText: return name + " [" + strings.engage.argumentText + "]"
        }
    }

    /// The help overlay's section of commands, for `role` only; each line names its key.
    static func helpSection(_ strings: Strings, role: Role?, keys: KeyTable<RoomAction>) -> HelpOverlay.Section {
        let hints = available(to: role).map { command in
            var label = strings.commandHelp(command.id)
            if let action = command.key, let hint = keys.hint(for: action) { label += " (" + hint.key + ")" }
            return KeyHint(key: usage(command, strings), label: label)
        }
        return HelpOverlay.Section(title: strings.sectionCommands, hints: hints)
    }

    /// One line per role group, for `/aide` in plain mode and for an unknown command:
    /// "Commandes : /main, /qui, /programme, /aide, /quitter".
    static func summary(_ strings: Strings, role: Role?) -> [String] {
        // What the role may use, beside the experts' own line: learners see their questions and signals too.
        let everyone = available(to: role).filter { $0.roles != [.expert] }.map { usage($0, strings) }
        var lines = [strings.commandsTitle + everyone.joined(separator: ", ")]
        if role == .expert {
            let expert = all.filter { $0.roles == [.expert] }.map { usage($0, strings) }
            lines.append(strings.expertCommandsTitle + expert.joined(separator: ", "))
        }
        return lines
    }
}
