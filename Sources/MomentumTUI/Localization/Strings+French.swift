extension Strings {
    static let french = Strings(
        language: .fr,
        agenda: "Programme",
        chat: "Discussion",
        people: { "Participants \($0)/\($1)" },
        peopleShort: { "Ici \($0)/\($1)" },
        day: { "jour \($0)/\($1)" },
        minutesLeft: { elapsed, total in elapsed >= total ? "\(elapsed) min, dépassé" : "\(elapsed) min, reste \(total - elapsed)" },
        online: "● en ligne",
        reconnecting: { "○ reconnexion dans \($0) s" },
        connecting: "○ connexion…",
        offline: "✗ hors ligne",
        tooSmall: { "Terminal trop petit (\($0)x\($1)) : agrandis-le à 40x12 au moins." },
        inputPlaceholder: "écris ton message…",
        mutedPlaceholder: "l'expert t'a mis en sourdine",
        newLines: { $0 == 1 ? "1 nouveau" : "\($0) nouveaux" },
        unread: "non lus",
        noAgendaItem: "pas encore commencé",
        expertBadge: "(expert·e)",
        mutedBadge: "(muet)",
        absentGroup: { "absent·e·s (\($0))" },
        earlierSeat: "(avant)",
        you: "toi",
        joined: { "→ \($0) arrive" },
        left: { "← \($0) est parti·e" },
        removed: { "← \($0) a été retiré·e par l'expert·e" },
        handRaised: { name, place in "✋ \(name) lève la main (\(place)\(place == 1 ? "re" : "e") dans la file)" },
        handLowered: { "\($0) baisse la main" },
        handLoweredBy: { name, by in "\(by) baisse la main de \(name)" },
        allHandsLowered: "Toutes les mains sont baissées",
        allHandsLoweredBy: { "\($0) baisse toutes les mains" },
        floorGiven: { "🎤 \($0) a la parole" },
        floorTaken: "L'expert·e reprend la parole",
        agendaMoved: { "▶ Maintenant : \($0)" },
        mutedLine: { name, by in "\(by) met \(name) en sourdine" },
        unmutedLine: { name, by in "\(by) rend l'écriture à \(name)" },
        youAreMuted: "L'expert·e t'a mis·e en sourdine : tu ne peux plus écrire pour l'instant",
        youAreUnmuted: "Tu peux de nouveau écrire",
        lockedBadge: "🔒 verrouillée",
        lockedLine: "🔒 La salle est verrouillée",
        unlockedLine: "🔓 La salle est de nouveau ouverte",
        messageDeleted: "(message supprimé)",
        youHaveTheFloor: "🎤 Tu as la parole ! Écris ta question ou ta réponse.",
        sending: "envoi…",
        waitingForNetwork: "en attente du réseau",
        heldBack: "trop de messages d'un coup : il part dans quelques secondes",
        noNetwork: "Pas de réseau : l'action n'a pas été faite, réessaie dans un moment.",
        neverReached: "Le serveur n'a pas pu être joint : vérifie l'adresse et ta connexion.",
        untrusted: "Connexion refusée : le certificat du serveur n'est pas reconnu, la connexion ne serait pas sûre. Vérifie l'adresse ; si ton école a sa propre autorité de certification, donne son fichier avec --ca-file FICHIER.",
        noAnswerFor: { "sans réponse depuis \($0) s" },
        notSent: { "non envoyé : \($0)" },
        retryHint: "Ctrl-R pour le corriger, Ctrl-X pour l'effacer",
        inputCut: { "Trop long : seuls les \($0) premiers caractères sont gardés. Envoie la suite dans un autre message." },
        emptyInputFirst: "Vide d'abord la ligne de saisie : ton message refusé y reviendra pour être corrigé.",
        backToInput: "Ton message refusé est revenu dans la ligne de saisie : corrige-le, puis Entrée.",
        keyHelp: "aide",
        keyHand: "main",
        keyPane: "panneau",
        keyHistory: "historique",
        keyQuit: "quitter",
        keyFloorNext: "parole à la main suivante",
        keyFloorSelected: "parole à la personne choisie",
        keyLowerHand: "baisser sa main",
        keyLowerAll: "baisser toutes les mains",
        keyAgendaNext: "point suivant",
        keyAgendaPrevious: "point précédent",
        keyMute: "sourdine",
        keyRemove: "retirer",
        keyLock: "verrouiller",
        keyRetry: "reprendre un message refusé",
        keyDismiss: "effacer un message refusé",
        keyQuestionMark: "écrire un « ? » seul (? ouvre l'aide quand la ligne est vide)",
        keyNewLine: "aller à la ligne dans un message",
        helpTitle: "Aide",
        sectionEveryone: "Pour tous",
        sectionExpert: "Pour l'expert·e",
        removeTitle: "Retirer",
        removeQuestion: { "Retirer \($0) de la salle ? Sa session s'arrête." },
        removeConfirm: "Retirer",
        quitTitle: "Quitter",
        quitQuestion: "Quitter la salle ? Ta place sera libérée ; tu pourras revenir avec le même code.",
        quitConfirm: "Quitter",
        cancel: "Annuler",
        ok: "OK",
        unknownCommand: { "Commande inconnue : \($0). Tape /aide." },
        nobodyNamed: { "Personne ne s'appelle \($0) ici." },
        commandsTitle: "Commandes : ",
        expertCommandsTitle: "Expert·e : ",
        sectionCommands: "Commandes",
        argumentName: "NOM",
        commandHelp: { command in
            switch command {
            case .help: "cette aide"
            case .hand: "lever ou baisser la main"
            case .who: "qui est là"
            case .agenda: "voir le programme"
            case .quit: "quitter la salle"
            case .floor: "donner la parole (sans nom : à la main suivante)"
            case .lower: "baisser la main de quelqu'un"
            case .lowerAll: "baisser toutes les mains"
            case .next: "point suivant du programme"
            case .previous: "point précédent du programme"
            case .mute: "mettre en sourdine ou rendre la parole écrite"
            case .remove: "retirer quelqu'un de la salle"
            case .delete: "supprimer le dernier message de quelqu'un"
            case .lock: "verrouiller la salle"
            case .unlock: "rouvrir la salle"
            case .acceptClaim: "rendre la place demandée d'un autre ordinateur"
            case .refuseClaim: "refuser la place demandée"
            case .ask, .askAnonymous, .questions, .answer, .publish, .poll, .closePoll, .reveal, .slower, .faster, .lost, .ok,
                 .clearSignal, .clearSignals, .react:
                EngageStrings.french.commandHelp(command)
            case .search: ReportStrings.french.helpSearch
            case .presences: ReportStrings.french.helpPresences
            case .export: ReportStrings.french.helpExport
            case .timer, .closeDay:
                WorkshopStrings.french.commandHelp(command)
            }
        },
        missingArgument: { "Il manque un nom : \($0)" },
        noMessageFrom: { "\($0) n'a pas de message à supprimer." },
        actionsWaiting: { $0 == 1 ? "1 action en attente du réseau : elle partira dès son retour." : "\($0) actions en attente du réseau : elles partiront dès son retour." },
        unsentAtQuit: { $0 == 1 ? "1 envoi n'est pas parti : le serveur n'a pas répondu." : "\($0) envois ne sont pas partis : le serveur n'a pas répondu." },
        endRemoved: "L'expert·e t'a retiré·e de la salle.",
        endLeft: "Tu as quitté la salle.",
        refused: { code, message in ErrorSentences.sentence(for: code, in: .fr) ?? message },
        unreachable: { "Serveur injoignable : nouvel essai dans \($0) s. Vérifie l'adresse et ta connexion ; F10 pour abandonner." },
        joinFromElsewhere: { "Un autre terminal peut rejoindre cette salle : \($0)" },
        formTitle: "Rejoindre un atelier",
        codeLabel: "Code de l'atelier",
        nameLabel: "Ton prénom",
        namePlaceholder: "Karim",
        formHint: "Entrée : valider · Tab : champ suivant · Échap : quitter",
        formEmpty: "Ce champ est vide.",
        askCode: "Code de l'atelier : ",
        askName: "Ton prénom : ",
        askModeratorKey: "Clé de modération (elle ne s'affiche pas) : ",
        claims: .french
    )
}
