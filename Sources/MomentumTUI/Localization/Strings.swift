/// Every sentence the room screen shows, one catalogue per language (Strings+French.swift,
/// Strings+English.swift), so that nothing the user reads is hard-coded in a view.
struct Strings: Sendable {
    var language: Language

    // Panes and header
    var agenda: String
    var chat: String
    /// "Participants 14/16": online now, of those in the room.
    var people: @Sendable (_ online: Int, _ present: Int) -> String
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
    var you: String

    // Chat system lines
    var joined: @Sendable (String) -> String
    var left: @Sendable (String) -> String
    var removed: @Sendable (String) -> String
    var handRaised: @Sendable (_ name: String, _ place: Int) -> String
    var handLowered: @Sendable (String) -> String
    var allHandsLowered: String
    var floorGiven: @Sendable (String) -> String
    var floorTaken: String
    var agendaMoved: @Sendable (String) -> String
    var mutedLine: @Sendable (String) -> String
    var unmutedLine: @Sendable (String) -> String
    var lockedLine: String
    var unlockedLine: String
    var messageDeleted: String
    var youHaveTheFloor: String

    // Sends
    var sending: String
    /// A send that is retried until the network is back.
    var waitingForNetwork: String
    /// An action (moderation, history) that failed for want of a network.
    var noNetwork: String
    /// Quitting before the room could ever be reached.
    var neverReached: String
    var notSent: @Sendable (_ reason: String) -> String
    var retryHint: String

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
    var helpTitle: String
    var sectionEveryone: String
    var sectionExpert: String

    // Dialogs and commands
    var removeTitle: String
    var removeQuestion: @Sendable (String) -> String
    var removeConfirm: String
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
    var joinFromElsewhere: @Sendable (_ command: String) -> String
    var formTitle: String
    var codeLabel: String
    var nameLabel: String
    var namePlaceholder: String
    var formHint: String
    var formEmpty: String
    var askCode: String
    var askName: String
}

extension Strings {
    /// "Commandes : /main, /qui, /programme, /aide, /quitter", from the command table.
    var commandsHelp: String { RoomCommands.summary(self, role: .learner)[0] }

    /// The expert's commands, from the command table.
    var expertCommandsHelp: String { RoomCommands.summary(self, role: .expert)[1] }
}
