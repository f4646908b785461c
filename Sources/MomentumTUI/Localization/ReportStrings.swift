import SessionModel

/// The words of the attendance sheet, the register overlay, search and export, in both
/// languages; kept apart from `Strings` so that each catalogue stays short.
struct ReportStrings: Sendable {
    var sheetTitle: @Sendable (_ title: String) -> String
    var sheetRules: @Sendable (_ rules: AttendanceRules, _ zone: String) -> String
    var period: @Sendable (_ period: String) -> String
    var columns: [String]
    var yes: String
    var no: String
    var noRows: String
    var expert: String
    /// `momentum attendance` and `momentum export`: what was written, and where.
    var written: @Sendable (_ path: String, _ rows: Int?) -> String
    var cannotWrite: @Sendable (_ path: String, _ reason: String) -> String
    var needsKey: String
    var noSeat: @Sendable (_ name: String) -> String
    var needsNameOrKey: String
    var badFormat: @Sendable (_ format: String, _ allowed: String) -> String
    var badHalfDays: String
    // The room screen and plain mode.
    var keySearch: String
    /// Help lines of /chercher, /presences and /export.
    var helpSearch: String
    var helpPresences: String
    var helpExport: String
    var searchPrompt: String
    var searchTooLong: @Sendable (_ max: Int) -> String
    var searchStatus: @Sendable (_ query: String, _ position: String, _ waiting: Bool) -> String
    var noMatch: @Sendable (_ query: String) -> String
    var noOlderMatch: String
    var noNewerMatch: String
    var fetching: String
    var exported: @Sendable (_ path: String) -> String
    var presencesTitle: String
    var presentMark: String
    var absentMark: String
    var plainMatches: @Sendable (_ count: Int, _ query: String) -> String
    var plainMoreMatches: @Sendable (_ query: String, _ before: Int64) -> String
    var plainRow: @Sendable (_ name: String, _ period: String, _ present: Bool, _ span: (from: String, to: String)?, _ minutes: Int) -> String

    static let french = ReportStrings(
        sheetTitle: { "Feuille d'émargement : \($0)" },
        sheetRules: { rules, zone in
            "Heure de \(zone). Présent·e pour une demi-journée : connecté·e au moins \(rules.presentPercent) % de celle-ci ; une absence de moins de \(rules.graceMinutes) min ne compte pas comme un départ."
        },
        period: { $0 == "morning" ? "matin" : "après-midi" },
        columns: ["Nom", "Rôle", "Arrivée", "Départ", "Minutes", "Présent·e", "Signature"],
        yes: "oui", no: "non", noRows: "Personne n'a encore été connecté·e pendant une demi-journée.", expert: "expert·e",
        written: { path, rows in rows.map { "\(path) écrit (\($0) lignes)." } ?? "\(path) écrit." },
        cannotWrite: { "Le fichier \($0) ne peut pas être écrit : \($1)." },
        needsKey: "Il faut la clé de modération de l'atelier : --moderator-key-file FICHIER, MOMENTUM_MODERATOR_KEY ou --moderator-key.",
        noSeat: { "Aucune place de \($0) dans cet atelier n'est enregistrée sur cet ordinateur : rejoins-le d'abord (momentum join), ou donne la clé de modération." },
        needsNameOrKey: "Donne ton prénom dans l'atelier (--name), pour lire avec ta place, ou la clé de modération.",
        badFormat: { "Le format \($0) n'est pas possible ici : choisis \($1)." },
        badHalfDays: "--half-days : donne 1 à 4 plages dans l'ordre, comme 08:00-12:30,13:30-18:00.",
        keySearch: "chercher dans la discussion",
        helpSearch: "chercher dans la discussion : /chercher MOT (n plus ancien, N plus récent, Échap fin)",
        helpPresences: "le registre de présence du jour",
        helpExport: "écrire le compte rendu dans un fichier : /export [md|txt]",
        searchPrompt: "Chercher dans la discussion : écris les mots puis Entrée (Échap : annuler)",
        searchTooLong: { "Une recherche tient en 1 à \($0) caractères." },
        searchStatus: { query, position, waiting in
            "Recherche « \(query) » \(position)\(waiting ? " (recherche…)" : "") · n plus ancien · N plus récent · Échap fin"
        },
        noMatch: { "Rien ne correspond à « \($0) » dans la discussion." },
        noOlderMatch: "Pas de résultat plus ancien.",
        noNewerMatch: "C'est le résultat le plus récent.",
        fetching: "Demande au serveur…",
        exported: { "Compte rendu écrit dans \($0)" },
        presencesTitle: "Présences du jour (Échap pour fermer)",
        presentMark: "✓ présent·e", absentMark: "✗ absent·e",
        plainMatches: { count, query in count == 0 ? "Aucun message ne contient « \(query) »." : "\(count) message(s) contiennent « \(query) », du plus récent au plus ancien :" },
        plainMoreMatches: { query, before in "Il y en a peut-être d'autres plus anciens : le serveur peut chercher « \(query) » avant l'événement \(before)." },
        plainRow: { name, period, present, span, minutes in
            "\(name), \(period) : \(present ? "présent·e" : "absent·e")\(span.map { ", de \($0.from) à \($0.to)" } ?? ""), \(minutes) minutes."
        })

    static let english = ReportStrings(
        sheetTitle: { "Attendance sheet: \($0)" },
        sheetRules: { rules, zone in
            "Times in \(zone). Present for a half-day: connected at least \(rules.presentPercent) % of it; an absence shorter than \(rules.graceMinutes) min is no departure."
        },
        period: { $0 == "morning" ? "morning" : "afternoon" },
        columns: ["Name", "Role", "Arrived", "Left", "Minutes", "Present", "Signature"],
        yes: "yes", no: "no", noRows: "Nobody has been connected during a half-day yet.", expert: "expert",
        written: { path, rows in rows.map { "\(path) written (\($0) rows)." } ?? "\(path) written." },
        cannotWrite: { "The file \($0) cannot be written: \($1)." },
        needsKey: "The workshop's moderator key is needed: --moderator-key-file FILE, MOMENTUM_MODERATOR_KEY or --moderator-key.",
        noSeat: { "No seat of \($0) in this workshop is saved on this computer: join it first (momentum join), or give the moderator key." },
        needsNameOrKey: "Give your name in the workshop (--name), to read with your seat, or the moderator key.",
        badFormat: { "The format \($0) is not possible here: choose \($1)." },
        badHalfDays: "--half-days: give 1 to 4 spans in order, such as 08:00-12:30,13:30-18:00.",
        keySearch: "search the chat",
        helpSearch: "search the chat: /search WORD (n older, N newer, Esc ends)",
        helpPresences: "today's attendance register",
        helpExport: "write the transcript to a file: /export-chat [md|txt]",
        searchPrompt: "Search the chat: type the words, then Enter (Esc: cancel)",
        searchTooLong: { "A search is 1 to \($0) characters." },
        searchStatus: { query, position, waiting in
            "Search \"\(query)\" \(position)\(waiting ? " (searching…)" : "") · n older · N newer · Esc ends"
        },
        noMatch: { "Nothing in the chat matches \"\($0)\"." },
        noOlderMatch: "No older match.",
        noNewerMatch: "This is the newest match.",
        fetching: "Asking the server…",
        exported: { "Transcript written to \($0)" },
        presencesTitle: "Today's attendance (Esc to close)",
        presentMark: "✓ present", absentMark: "✗ absent",
        plainMatches: { count, query in count == 0 ? "No message holds \"\(query)\"." : "\(count) message(s) hold \"\(query)\", newest first:" },
        plainMoreMatches: { query, before in "There may be older ones: the server can search \"\(query)\" before event \(before)." },
        plainRow: { name, period, present, span, minutes in
            "\(name), \(period): \(present ? "present" : "absent")\(span.map { ", from \($0.from) to \($0.to)" } ?? ""), \(minutes) minutes."
        })
}

extension Language {
    var reports: ReportStrings { self == .fr ? .french : .english }
}

extension Strings {
    var reports: ReportStrings { language.reports }
}
