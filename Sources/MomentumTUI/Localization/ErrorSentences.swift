/// What each error code of the server (docs/openapi.yaml) means, said to a beginner in each
/// language: no code point, no jargon, and what to do next. The server's English sentence is
/// only shown for a code this client does not know (a newer server).
///
/// A test walks every code of docs/openapi.yaml and every key here, so a new code cannot
/// reach a French screen in English.
enum ErrorSentences {
    static func sentence(for code: String, in language: Language) -> String? {
        switch language {
        case .fr: french[code]
        case .en: english[code]
        }
    }

    static let french: [String: String] = [
        "bad_request": "Cette demande n'a pas été comprise par le serveur. Mets le programme à jour, ou préviens l'organisateur.",
        "invalid_json": "Cette demande n'a pas été comprise par le serveur. Mets le programme à jour, ou préviens l'organisateur.",
        "invalid_code": "Ce code n'est pas valable : il fait 6 ou 8 lettres et chiffres, comme K7QM2X.",
        "invalid_name": "Ce nom n'est pas accepté : écris ton prénom avec des lettres, sans symbole (★, 🎤, ✋…), sans caractère invisible et sans mention entre parenthèses comme « (expert) ».",
        "invalid_title": "Ce titre n'est pas accepté : il est vide, trop long, ou contient un caractère invisible.",
        "invalid_agenda": "Ce programme n'est pas accepté : vérifie les jours, les heures (comme 09:30) et les durées.",
        "invalid_cursor": "Le programme s'est perdu dans la salle : il la recharge.",
        "invalid_timeout": "Le programme a fait une demande que le serveur refuse : mets-le à jour.",
        "invalid_before": "L'historique n'a pas pu être chargé : réessaie avec PgUp.",
        "invalid_limit": "L'historique n'a pas pu être chargé : réessaie avec PgUp.",
        "invalid_text": "Ce message n'est pas accepté : il est vide, trop long (1 000 caractères, 20 lignes au plus) ou contient un caractère invisible. Corrige-le puis renvoie-le.",
        "invalid_clientId": "Le programme a fait une demande que le serveur refuse : mets-le à jour.",
        "invalid_participantId": "Cette personne n'est plus dans la salle.",
        "invalid_itemId": "Ce point n'est pas dans le programme de l'atelier.",
        "invalid_muted": "Le programme a fait une demande que le serveur refuse : mets-le à jour.",
        "invalid_locked": "Le programme a fait une demande que le serveur refuse : mets-le à jour.",
        "invalid_messageId": "Ce message n'existe plus.",
        "unauthorized": "Ta session n'est plus valable : rejoins l'atelier de nouveau.",
        "removed": "L'expert·e t'a retiré·e de la salle.",
        "forbidden": "Seul·e l'expert·e de l'atelier peut faire cela.",
        "wrong_moderator_key": "Cette clé de modération n'ouvre pas cet atelier : vérifie-la.",
        "room_locked": "L'expert·e a verrouillé la salle : personne ne peut entrer pour l'instant.",
        "room_full": "La salle est complète : demande à l'organisateur.",
        "muted": "L'expert·e t'a mis·e en sourdine : tu ne peux pas écrire pour l'instant.",
        "not_found": "Ce que tu demandes n'existe plus : la personne, le message, le point du programme ou l'atelier a disparu entre-temps.",
        "wrong_code": "Ce code ne correspond à aucun atelier : vérifie-le auprès de l'organisateur.",
        "method_not_allowed": "Le programme a fait une demande que le serveur refuse : mets-le à jour.",
        "name_taken": "Quelqu'un porte déjà ce nom (ou un nom qui lui ressemble) dans la salle : choisis-en un autre.",
        "seat_claim_pending": "Quelqu'un demande déjà à l'expert·e la place de cette personne : réessaie dans une minute, ou choisis un autre nom.",
        "claim_not_found": "Cette demande de place n'existe plus : rejoins l'atelier de nouveau.",
        "claim_settled": "Cette demande de place a déjà reçu une réponse, ou son temps est passé.",
        "invalid_claimId": "Le programme a fait une demande que le serveur refuse : mets-le à jour.",
        "not_a_learner": "On ne peut pas faire cela à un·e expert·e.",
        "cursor_expired": "La salle a changé pendant ton absence : le programme la recharge.",
        "payload_too_large": "C'est trop long pour être envoyé d'un coup : coupe-le en plusieurs messages.",
        "unsupported_media_type": "Le serveur n'a pas compris la demande de ce programme : mets momentum à jour, ou préviens l'équipe.",
        "rate_limited": "Trop d'envois en peu de temps : attends quelques secondes, cela repartira.",
        "internal": "Le serveur a eu un problème : réessaie dans un moment. S'il continue, préviens l'organisateur.",
        "unavailable": "Le serveur n'est pas disponible pour l'instant : réessaie dans un moment.",
    ]

    static let english: [String: String] = [
        "bad_request": "The server did not understand this request. Update the program, or tell the organiser.",
        "invalid_json": "The server did not understand this request. Update the program, or tell the organiser.",
        "invalid_code": "This code is not valid: it has 6 or 8 letters and digits, like K7QM2X.",
        "invalid_name": "This name is not accepted: write your first name in letters, with no symbol (★, 🎤, ✋…), no invisible character and no note in brackets such as \"(expert)\".",
        "invalid_title": "This title is not accepted: it is empty, too long, or holds an invisible character.",
        "invalid_agenda": "This agenda is not accepted: check the days, the times (such as 09:30) and the lengths.",
        "invalid_cursor": "The program lost its place in the room: it reloads it.",
        "invalid_timeout": "The program made a request the server refuses: update it.",
        "invalid_before": "The history could not be loaded: try again with PgUp.",
        "invalid_limit": "The history could not be loaded: try again with PgUp.",
        "invalid_text": "This message is not accepted: it is empty, too long (1,000 characters, 20 lines at most) or holds an invisible character. Change it and send it again.",
        "invalid_clientId": "The program made a request the server refuses: update it.",
        "invalid_participantId": "This person is no longer in the room.",
        "invalid_itemId": "This item is not in the workshop's agenda.",
        "invalid_muted": "The program made a request the server refuses: update it.",
        "invalid_locked": "The program made a request the server refuses: update it.",
        "invalid_messageId": "This message no longer exists.",
        "unauthorized": "Your session is no longer valid: join the workshop again.",
        "removed": "The expert removed you from the room.",
        "forbidden": "Only the workshop's expert can do this.",
        "wrong_moderator_key": "This moderator key does not open this workshop: check it.",
        "room_locked": "The expert has locked the room: nobody can come in for now.",
        "room_full": "The room is full: ask the organiser.",
        "muted": "The expert has muted you: you cannot write for now.",
        "not_found": "What you asked for no longer exists: the person, the message, the agenda item or the workshop went away meanwhile.",
        "wrong_code": "This code matches no workshop: check it with the organiser.",
        "method_not_allowed": "The program made a request the server refuses: update it.",
        "name_taken": "Someone in the room already has this name (or one that looks like it): choose another.",
        "seat_claim_pending": "Someone is already asking the expert for this person's seat: try again in a minute, or choose another name.",
        "claim_not_found": "This seat request no longer exists: join the workshop again.",
        "claim_settled": "This seat request has already been answered, or its time is up.",
        "invalid_claimId": "The program made a request the server refuses: update it.",
        "not_a_learner": "This cannot be done to an expert.",
        "cursor_expired": "The room changed while you were away: the program reloads it.",
        "payload_too_large": "This is too long to send at once: split it into several messages.",
        "unsupported_media_type": "The server did not understand this program's request: update momentum, or tell the team.",
        "rate_limited": "Too many sends in a short time: wait a few seconds, it will go on.",
        "internal": "The server had a problem: try again in a moment. If it goes on, tell the organiser.",
        "unavailable": "The server is not available right now: try again in a moment.",
    ]
}
