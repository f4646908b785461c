/// Every sentence the room screen shows, one catalogue per language (Strings+French.swift,
/// Strings+English.swift), so that nothing the user reads is hard-coded in a view.
package struct Strings: Sendable {
    var language: Language

    // Panes and header
    var agenda: String
    var chat: String
    /// "Participants 14/16": here now (online or away), of those expected (members who did not leave).
    var people: @Sendable (_ online: Int, _ present: Int) -> String
    /// The same in a tab, where room is short: "Présences 12/15".
    var peopleShort: @Sendable (_ here: Int, _ expected: Int) -> String
    var day: @Sendable (_ day: Int, _ days: Int) -> String
    var minutesLeft: @Sendable (_ elapsed: Int, _ total: Int) -> String
    var online: String
    var reconnecting: @Sendable (_ seconds: Int) -> String
    var connecting: String
    var offline: String
    var tooSmall: @Sendable (_ width: Int, _ height: Int) -> String
    var inputPlaceholder: String
    var mutedPlaceholder: String
    var newLines: @Sendable (Int) -> String
    var unread: String
    var noAgendaItem: String

    // Roster
    var expertBadge: String
    var mutedBadge: String
    /// The collapsed group at the end of the roster: "absent·e·s (3)".
    var absentGroup: @Sendable (Int) -> String
    /// After the name of an earlier seat's messages, when someone new has that name now.
    var earlierSeat: String
    var you: String

    // Chat system lines
    var joined: @Sendable (String) -> String
    var left: @Sendable (String) -> String
    var removed: @Sendable (String) -> String
    var handRaised: @Sendable (_ name: String, _ place: Int) -> String
    var handLowered: @Sendable (String) -> String
    /// Someone else's hand lowered: "Sarah baisse la main de Karim".
    var handLoweredBy: @Sendable (_ name: String, _ by: String) -> String
    var allHandsLowered: String
    var allHandsLoweredBy: @Sendable (_ by: String) -> String
    var floorGiven: @Sendable (String) -> String
    var floorTaken: String
    var agendaMoved: @Sendable (String) -> String
    /// For the experts only: who muted whom.
    var mutedLine: @Sendable (_ name: String, _ by: String) -> String
    var unmutedLine: @Sendable (_ name: String, _ by: String) -> String
    /// For the learner concerned only.
    var youAreMuted: String
    var youAreUnmuted: String
    /// In the header while the room is locked.
    var lockedBadge: String
    var lockedLine: String
    var unlockedLine: String
    var messageDeleted: String
    var youHaveTheFloor: String

    // Sends
    var sending: String
    /// A send that is retried until the network is back.
    var waitingForNetwork: String
    /// A send held back by the server's rate limit: it goes by itself in a few seconds.
    var heldBack: String
    /// An action (moderation, history) that failed for want of a network.
    var noNetwork: String
    /// Quitting before the room could ever be reached.
    var neverReached: String
    /// The server's certificate is not trusted: a final error (curl's English reason goes to
    /// `--log-file` only).
    var untrusted: String
    /// A send with no answer yet after this many seconds (a server that went silent).
    var noAnswerFor: @Sendable (_ seconds: Int) -> String
    var notSent: @Sendable (_ reason: String) -> String
    var retryHint: String
    /// A paste or typing past the limit: what did not fit was left out.
    var inputCut: @Sendable (_ max: Int) -> String
    /// Ctrl-R on a refused message while the input line has text.
    var emptyInputFirst: String
    /// Ctrl-R on a refused message: it is back in the input line, to be changed.
    var backToInput: String

    // Keys (labels for the status bar and help)
    var keyHelp: String
    var keyHand: String
    var keyPane: String
    var keyHistory: String
    var keyQuit: String
    var keyFloorNext: String
    var keyFloorSelected: String
    var keyLowerHand: String
    var keyLowerAll: String
    var keyAgendaNext: String
    var keyAgendaPrevious: String
    var keyMute: String
    var keyRemove: String
    var keyLock: String
    var keyRetry: String
    var keyDismiss: String
    /// "??": help shows how to send a lone question mark.
    var keyQuestionMark: String
    var keyNewLine: String
    var helpTitle: String
    var sectionEveryone: String
    var sectionExpert: String

    // Dialogs and commands
    var removeTitle: String
    var removeQuestion: @Sendable (String) -> String
    var removeConfirm: String
    var quitTitle: String
    var quitQuestion: String
    var quitConfirm: String
    var cancel: String
    var ok: String
    var unknownCommand: @Sendable (String) -> String
    var nobodyNamed: @Sendable (String) -> String
    /// "Commandes : " before the list of commands.
    var commandsTitle: String
    var expertCommandsTitle: String
    var sectionCommands: String
    /// How help writes a command's argument: "/baisser NOM".
    var argumentName: String
    /// What each command does, for help.
    var commandHelp: @Sendable (RoomCommand.ID) -> String
    /// A command typed without the name it needs; the usage is "/baisser NOM".
    var missingArgument: @Sendable (_ usage: String) -> String
    /// `/supprimer NOM` for someone with no message to delete.
    var noMessageFrom: @Sendable (String) -> String
    /// Moderation pressed while the server cannot be reached: it waits and goes out later.
    var actionsWaiting: @Sendable (Int) -> String
    /// Quitting while changes could not reach the server.
    var unsentAtQuit: @Sendable (Int) -> String

    // Ends
    var endRemoved: String
    var endLeft: String
    /// Why the server refused, from its error code; its own sentence when the code is new.
    var refused: @Sendable (_ code: String, _ serverMessage: String) -> String
    /// The reason stays in the log file: it comes from libcurl, in English.
    var unreachable: @Sendable (_ seconds: Int) -> String
    package var joinFromElsewhere: @Sendable (_ command: String) -> String
    var formTitle: String
    var codeLabel: String
    var nameLabel: String
    var namePlaceholder: String
    var formHint: String
    var formEmpty: String
    var askCode: String
    var askName: String
    /// `join --expert` with no key given: asked on the terminal, typed without echo.
    var askModeratorKey: String
    /// Seat claims: someone back from another machine with an offline learner's name.
    var claims: SeatClaimStrings
}

extension Strings {
    /// "Commandes : /main, /qui, /programme, /aide, /quitter", from the command table.
    var commandsHelp: String { RoomCommands.summary(self, role: .learner)[0] }

    /// The expert's commands, from the command table.
    var expertCommandsHelp: String { RoomCommands.summary(self, role: .expert)[1] }
}
