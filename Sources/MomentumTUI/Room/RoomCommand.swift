import SessionModel

/// One slash command, declared once: its names, its argument, who may use it, the key that
/// does the same, and (through `Strings.commandHelp`) its help line. Completion, dispatch,
/// the help overlay, plain mode and `/aide` all read `RoomCommands.all`.
struct RoomCommand: Sendable, Hashable {
    /// What the command does; `RoomModel.run` switches over it, so a new command cannot
    /// be declared without being handled.
    enum ID: Sendable, Hashable, CaseIterable {
        case help, hand, who, agenda, quit
        case floor, lower, lowerAll, next, previous, mute, remove, delete, lock, unlock
        case acceptClaim, refuseClaim
        case ask, askAnonymous, questions, answer, publish, poll, closePoll, reveal
        case slower, faster, lost, ok, clearSignal, clearSignals, react
        case search, presences, export
        case timer, closeDay
    }

    /// What follows the name.
    enum Argument: Sendable, Hashable {
        case none
        /// A person's name, required.
        case person
        /// A person's name, or nothing (`/parole` alone gives the floor to the next hand).
        case optionalPerson
        /// Free text, required (a question, a poll, an answer).
        case text
        /// Free text or nothing.
        case optionalText
    }

    let id: ID
    /// Without the slash: "parole".
    let french: String
    /// Without the slash: "floor".
    let english: String
    /// Other names that work, without the slash: "q".
    var aliases: [String] = []
    var argument: Argument = .none
    /// Who may use it; nobody else is offered it in completion or help.
    var roles: Set<Role> = Set(Role.allCases)
    /// The key action that does the same, named in help.
    var key: RoomAction?

    /// Every name that dispatches to this command, with the slash.
    var names: [String] { ([french, english] + aliases).map { "/" + $0 } }

    /// The name shown in the user's language, with the slash.
    func name(in language: Language) -> String {
        switch language {
        case .fr: "/" + french
        case .en: "/" + english
        }
    }

    func isAllowed(for role: Role?) -> Bool { roles.contains(role ?? .learner) }
}
