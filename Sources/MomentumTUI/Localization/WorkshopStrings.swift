import Foundation

/// What the room says about the exercise timer and the workshop's days, in each language.
struct WorkshopStrings: Sendable {
    /// Chat lines: who did what to the timer; durations are "15:00".
    var timerStarted: @Sendable (_ by: String, _ duration: String) -> String
    var timerAdded: @Sendable (_ by: String, _ left: String) -> String
    var timerPaused: @Sendable (_ by: String, _ left: String) -> String
    var timerResumed: @Sendable (_ by: String, _ left: String) -> String
    var timerStopped: @Sendable (_ by: String) -> String
    var timerEnded: String
    /// Plain mode, when asked how long is left.
    var timerLeft: @Sendable (_ left: String, _ paused: Bool) -> String
    var dayClosed: @Sendable (_ day: Int, _ items: Int, _ polls: Int, _ questions: Int) -> String
    var nextDayStarts: @Sendable (_ day: Int, _ item: String) -> String
    var workshopOver: String
    /// In the header once the workshop is over.
    var overBadge: String
    /// The input's placeholder for a learner once the workshop is over, and the notice on Enter.
    var overPlaceholder: String
    /// "── Jour 2 · mardi 3 décembre ──" between messages of two days; plain mode says it as a sentence.
    var daySeparator: @Sendable (_ day: Int, _ date: DateComponents) -> String
    var plainDay: @Sendable (_ day: Int, _ date: DateComponents) -> String
    var timerUsage: String
    /// The header's time left in few words, when room is short: "reste 50 min".
    var timeLeftShort: @Sendable (_ elapsed: Int, _ total: Int) -> String
    var noItemForTimer: String
    var noTimer: String
    /// The first ask to close the last day: the command again to confirm.
    var confirmLastDay: @Sendable (_ command: String) -> String
    var commandHelp: @Sendable (RoomCommand.ID) -> String

    static func of(_ language: Language) -> WorkshopStrings {
        switch language {
        case .fr: .french
        case .en: .english
        }
    }

    /// "15:00", "1:05:00": minutes and seconds, hours when there are any.
    static func duration(_ seconds: Int) -> String {
        let s = max(0, seconds)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return s >= 3600 ? "\(s / 3600):\(two(s / 60 % 60)):\(two(s % 60))" : "\(two(s / 60)):\(two(s % 60))"
    }
}

extension Strings {
    var workshop: WorkshopStrings { WorkshopStrings.of(language) }
}

extension WorkshopStrings {
    private static let frenchWeekdays = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]
    private static let frenchMonths = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
    private static let englishWeekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    private static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    private static func frenchDate(_ date: DateComponents) -> String {
        let weekday = frenchWeekdays[((date.weekday ?? 1) - 1 + 7) % 7]
        let day = date.day ?? 1
        return "\(weekday) \(day == 1 ? "1er" : "\(day)") \(frenchMonths[((date.month ?? 1) - 1 + 12) % 12])"
    }

    private static func englishDate(_ date: DateComponents) -> String {
        "\(englishWeekdays[((date.weekday ?? 1) - 1 + 7) % 7]) \(date.day ?? 1) \(englishMonths[((date.month ?? 1) - 1 + 12) % 12])"
    }

    static let french = WorkshopStrings(
        timerStarted: { by, duration in "⏱ \(by) lance le minuteur : \(duration)" },
        timerAdded: { by, left in "⏱ \(by) ajoute du temps au minuteur (reste \(left))" },
        timerPaused: { by, left in "⏸ \(by) met le minuteur en pause (reste \(left))" },
        timerResumed: { by, left in "⏱ \(by) relance le minuteur (reste \(left))" },
        timerStopped: { "⏹ \($0) arrête le minuteur" },
        timerEnded: "⏰ Temps écoulé !",
        timerLeft: { left, paused in paused ? "Minuteur en pause : reste \(left)." : "Minuteur : reste \(left)." },
        dayClosed: { day, items, polls, questions in
            "🌙 Fin du jour \(day) : \(items) \(items > 1 ? "points" : "point") du programme, \(polls) \(polls > 1 ? "sondages" : "sondage"), "
                + "\(questions) \(questions > 1 ? "questions répondues" : "question répondue")"
        },
        nextDayStarts: { day, item in "☀ Le jour \(day) commence par : \(item)" },
        workshopOver: "🏁 L'atelier est terminé : merci à toutes et à tous ! La salle reste lisible.",
        overBadge: "atelier terminé",
        overPlaceholder: "L'atelier est terminé : la discussion est en lecture seule.",
        daySeparator: { day, date in "── Jour \(day) · \(frenchDate(date)) ──" },
        plainDay: { day, date in "Jour \(day), \(frenchDate(date))." },
        timerUsage: "Exemple : /minuteur 15 (minutes), /minuteur 90s, /minuteur +5, /minuteur pause, /minuteur reprendre, /minuteur stop (4 heures au plus)",
        timeLeftShort: { elapsed, total in elapsed >= total ? "+\(elapsed - total) min" : "reste \(total - elapsed) min" },
        noItemForTimer: "Aucun point du programme en cours : donne une durée, par exemple /minuteur 15.",
        noTimer: "Aucun minuteur en cours.",
        confirmLastDay: { "Clore le dernier jour termine l'atelier : \($0) encore pour confirmer." },
        commandHelp: { command in
            switch command {
            case .timer: "minuteur : /minuteur [minutes | 90s | +5 | pause | reprendre | stop] (sans durée : celle du point en cours)"
            case .closeDay: "clore la journée (le dernier jour : clore l'atelier)"
            case .help, .hand, .who, .agenda, .quit, .floor, .lower, .lowerAll, .next, .previous, .mute, .remove, .delete, .lock, .unlock, .acceptClaim, .refuseClaim,
                 .ask, .askAnonymous, .questions, .answer, .publish, .poll, .closePoll, .reveal, .slower, .faster, .lost, .ok, .clearSignal, .clearSignals, .react,
                 .search, .presences, .export:
                ""
            }
        })

    static let english = WorkshopStrings(
        timerStarted: { by, duration in "⏱ \(by) starts the timer: \(duration)" },
        timerAdded: { by, left in "⏱ \(by) adds time to the timer (\(left) left)" },
        timerPaused: { by, left in "⏸ \(by) pauses the timer (\(left) left)" },
        timerResumed: { by, left in "⏱ \(by) resumes the timer (\(left) left)" },
        timerStopped: { "⏹ \($0) stops the timer" },
        timerEnded: "⏰ Time is up!",
        timerLeft: { left, paused in paused ? "Timer paused: \(left) left." : "Timer: \(left) left." },
        dayClosed: { day, items, polls, questions in
            "🌙 End of day \(day): \(items) agenda \(items == 1 ? "item" : "items"), \(polls) \(polls == 1 ? "poll" : "polls"), "
                + "\(questions) \(questions == 1 ? "question" : "questions") answered"
        },
        nextDayStarts: { day, item in "☀ Day \(day) starts with: \(item)" },
        workshopOver: "🏁 The workshop is over: thank you all! The room stays readable.",
        overBadge: "workshop over",
        overPlaceholder: "The workshop is over: the chat is read-only.",
        daySeparator: { day, date in "── Day \(day) · \(englishDate(date)) ──" },
        plainDay: { day, date in "Day \(day), \(englishDate(date))." },
        timerUsage: "Example: /timer 15 (minutes), /timer 90s, /timer +5, /timer pause, /timer resume, /timer stop (4 hours at most)",
        timeLeftShort: { elapsed, total in elapsed >= total ? "+\(elapsed - total) min" : "\(total - elapsed) min left" },
        noItemForTimer: "No agenda item is current: give a length, for example /timer 15.",
        noTimer: "No timer is running.",
        confirmLastDay: { "Closing the last day ends the workshop: \($0) again to confirm." },
        commandHelp: { command in
            switch command {
            case .timer: "timer: /timer [minutes | 90s | +5 | pause | resume | stop] (no length: the current item's)"
            case .closeDay: "close the day (on the last day: end the workshop)"
            case .help, .hand, .who, .agenda, .quit, .floor, .lower, .lowerAll, .next, .previous, .mute, .remove, .delete, .lock, .unlock, .acceptClaim, .refuseClaim,
                 .ask, .askAnonymous, .questions, .answer, .publish, .poll, .closePoll, .reveal, .slower, .faster, .lost, .ok, .clearSignal, .clearSignals, .react,
                 .search, .presences, .export:
                ""
            }
        })
}
