extension Strings {
    static let english = Strings(
        language: .en,
        agenda: "Agenda",
        chat: "Chat",
        people: { "People \($0)/\($1)" },
        peopleShort: { "Here \($0)/\($1)" },
        day: { "day \($0)/\($1)" },
        minutesLeft: { elapsed, total in elapsed >= total ? "\(elapsed) min, over time" : "\(elapsed) min, \(total - elapsed) left" },
        online: "● online",
        reconnecting: { "○ reconnecting in \($0) s" },
        connecting: "○ connecting…",
        offline: "✗ offline",
        tooSmall: { "Terminal too small (\($0)x\($1)): make it at least 40x12." },
        inputPlaceholder: "type your message…",
        mutedPlaceholder: "the expert has muted you",
        newLines: { "\($0) new" },
        unread: "unread",
        noAgendaItem: "not started yet",
        expertBadge: "(expert)",
        mutedBadge: "(muted)",
        absentGroup: { "absent (\($0))" },
        earlierSeat: "(earlier)",
        you: "you",
        joined: { "→ \($0) joined" },
        left: { "← \($0) left" },
        removed: { "← \($0) was removed by the expert" },
        handRaised: { name, place in "✋ \(name) raises a hand (\(place)\(Strings.ordinalSuffix(place)) in line)" },
        handLowered: { "\($0) lowers a hand" },
        handLoweredBy: { name, by in "\(by) lowers \(name)'s hand" },
        allHandsLowered: "All hands are down",
        allHandsLoweredBy: { "\($0) lowers every hand" },
        floorGiven: { "🎤 \($0) has the floor" },
        floorTaken: "The expert takes the floor back",
        agendaMoved: { "▶ Now: \($0)" },
        mutedLine: { name, by in "\(by) mutes \(name)" },
        unmutedLine: { name, by in "\(by) lets \(name) write again" },
        youAreMuted: "The expert has muted you: you cannot write for now",
        youAreUnmuted: "You may write again",
        lockedBadge: "🔒 locked",
        lockedLine: "🔒 The room is locked",
        unlockedLine: "🔓 The room is open again",
        messageDeleted: "(message deleted)",
        youHaveTheFloor: "🎤 You have the floor! Type your question or answer.",
        sending: "sending…",
        waitingForNetwork: "waiting for the network",
        heldBack: "too many messages at once: it goes in a few seconds",
        noNetwork: "No network: the action was not done; try again in a moment.",
        neverReached: "The server could not be reached: check the address and your connection.",
        untrusted: "Connection refused: the server's certificate is not recognised, so the connection would not be safe. Check the address; if your school has its own certificate authority, give its file with --ca-file FILE.",
        noAnswerFor: { "no answer for \($0) s" },
        notSent: { "not sent: \($0)" },
        retryHint: "Ctrl-R to edit it, Ctrl-X to dismiss it",
        inputCut: { "Too long: only the first \($0) characters are kept. Send the rest in another message." },
        emptyInputFirst: "Empty the input line first: your refused message will come back there to be changed.",
        backToInput: "Your refused message is back in the input line: change it, then Enter.",
        keyHelp: "help",
        keyHand: "hand",
        keyPane: "pane",
        keyHistory: "history",
        keyQuit: "quit",
        keyFloorNext: "floor to the next hand",
        keyFloorSelected: "floor to the selected person",
        keyLowerHand: "lower their hand",
        keyLowerAll: "lower all hands",
        keyAgendaNext: "next item",
        keyAgendaPrevious: "previous item",
        keyMute: "mute",
        keyRemove: "remove",
        keyLock: "lock",
        keyRetry: "take back a refused message",
        keyDismiss: "dismiss a refused message",
        keyQuestionMark: "write a lone \"?\" (? opens help on an empty line)",
        keyNewLine: "start a new line in a message",
        helpTitle: "Help",
        sectionEveryone: "Everyone",
        sectionExpert: "Expert",
        removeTitle: "Remove",
        removeQuestion: { "Remove \($0) from the room? Their session ends." },
        removeConfirm: "Remove",
        quitTitle: "Leave",
        quitQuestion: "Leave the room? Your seat is given up; you can come back with the same code.",
        quitConfirm: "Leave",
        cancel: "Cancel",
        ok: "OK",
        unknownCommand: { "Unknown command: \($0). Type /help." },
        nobodyNamed: { "Nobody here is called \($0)." },
        commandsTitle: "Commands: ",
        expertCommandsTitle: "Expert: ",
        sectionCommands: "Commands",
        argumentName: "NAME",
        commandHelp: { command in
            switch command {
            case .help: "this help"
            case .hand: "raise or lower your hand"
            case .who: "who is here"
            case .agenda: "show the agenda"
            case .quit: "leave the room"
            case .floor: "give the floor (no name: to the next hand)"
            case .lower: "lower someone's hand"
            case .lowerAll: "lower every hand"
            case .next: "next agenda item"
            case .previous: "previous agenda item"
            case .mute: "mute or unmute someone"
            case .remove: "remove someone from the room"
            case .delete: "delete someone's last message"
            case .lock: "lock the room"
            case .unlock: "open the room again"
            case .acceptClaim: "give a claimed seat back"
            case .refuseClaim: "refuse a claimed seat"
            case .ask, .askAnonymous, .questions, .answer, .publish, .poll, .closePoll, .reveal, .slower, .faster, .lost, .ok,
                 .clearSignal, .clearSignals, .react:
                EngageStrings.english.commandHelp(command)
            case .search: ReportStrings.english.helpSearch
            case .presences: ReportStrings.english.helpPresences
            case .export: ReportStrings.english.helpExport
            case .timer, .closeDay:
                WorkshopStrings.english.commandHelp(command)
            }
        },
        missingArgument: { "A name is missing: \($0)" },
        noMessageFrom: { "\($0) has no message to delete." },
        actionsWaiting: { $0 == 1 ? "1 action waiting for the network: it goes out as soon as it is back." : "\($0) actions waiting for the network: they go out as soon as it is back." },
        unsentAtQuit: { $0 == 1 ? "1 message or action was not sent: the server did not answer." : "\($0) messages or actions were not sent: the server did not answer." },
        endRemoved: "The expert removed you from the room.",
        endLeft: "You left the room.",
        refused: { code, message in ErrorSentences.sentence(for: code, in: .en) ?? message },
        unreachable: { "Cannot reach the server: trying again in \($0) s. Check the address and your connection; F10 to give up." },
        joinFromElsewhere: { "Another terminal can join this room: \($0)" },
        formTitle: "Join a workshop",
        codeLabel: "Workshop code",
        nameLabel: "Your name",
        namePlaceholder: "Karim",
        formHint: "Enter: confirm · Tab: next field · Esc: quit",
        formEmpty: "This field is empty.",
        askCode: "Workshop code: ",
        askName: "Your name: ",
        askModeratorKey: "Moderator key (it is not shown): ",
        claims: .english
    )

    static func ordinalSuffix(_ n: Int) -> String {
        if (11...13).contains(n % 100) { return "th" }
        switch n % 10 {
        case 1: return "st"
        case 2: return "nd"
        case 3: return "rd"
        default: return "th"
        }
    }
}
