import Widgets
import SessionClient
import SessionModel

extension RoomModel {
    /// A slash command as typed: which one, and what follows its name.
    struct TypedCommand: Equatable {
        var command: RoomCommand
        var argument: String
    }

    /// The command `text` names ("/parole Chloé"), if any, whoever may use it.
    static func parseCommand(_ text: String) -> (name: String, typed: TypedCommand?) {
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        let name = parts.first?.lowercased() ?? text
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        return (name, RoomCommands.find(name).map { TypedCommand(command: $0, argument: argument) })
    }

    /// Enter in the input line: a message, or a command.
    mutating func submit(_ text: String) -> [RoomEffect] {
        guard text.hasPrefix("/") else {
            // A lone digit while a poll is open is a vote, "+1" a reaction: plain mode types these.
            if let effects = quickLine(text) { return effects }
            if me?.muted == true {
                notice = strings.mutedPlaceholder
                editor.setText(text)
                return []
            }
            if isReadOnly {
                notice = strings.workshop.overPlaceholder
                editor.setText(text)
                return []
            }
            // Writing means the user has caught up.
            chat.caughtUp()
            return [.send(.message(text))]
        }
        let (name, typed) = Self.parseCommand(text)
        // A command the user may not use is not offered to them at all: it is unknown to them.
        guard let typed, typed.command.isAllowed(for: me?.role) else {
            notice = strings.unknownCommand(name) + " " + (isExpert ? strings.expertCommandsHelp : strings.commandsHelp)
            return []
        }
        if typed.command.argument == .person || typed.command.argument == .text, typed.argument.isEmpty {
            notice = strings.missingArgument(RoomCommands.usage(typed.command, strings))
            return []
        }
        return run(typed.command.id, argument: typed.argument)
    }

    /// What each command does; the table says who may run it and `submit` checked.
    private mutating func run(_ command: RoomCommand.ID, argument: String) -> [RoomEffect] {
        func target() -> Participant? {
            guard let person = person(named: argument) else {
                notice = strings.nobodyNamed(argument)
                return nil
            }
            return person
        }
        switch command {
        case .help: return perform(.help)
        case .hand: return perform(.hand)
        case .quit: return [.quit]
        case .who:
            notice = roster.map { $0.name }.joined(separator: ", ")
            if !absentees.isEmpty, !absentOpen {
                notice = (notice ?? "") + " · " + strings.absentGroup(absentees.count) + " : " + absentees.map(\.name).joined(separator: ", ")
            }
            return []
        case .agenda:
            focus = .agenda
            return []
        case .floor:
            if argument.isEmpty { return perform(.floorNext) }
            return target().map { [.moderate(.floor, ModerationRequest(participantId: $0.id))] } ?? []
        case .lower:
            return target().map { [.moderate(.lowerHand, ModerationRequest(participantId: $0.id))] } ?? []
        case .lowerAll: return perform(.lowerAllHands)
        case .next: return perform(.agendaNext)
        case .previous: return perform(.agendaPrevious)
        case .mute:
            return target().map { [.moderate(.mute, ModerationRequest(participantId: $0.id, muted: !$0.muted))] } ?? []
        case .remove:
            if let person = target(), person.role == .learner { removal = (person, DialogState(buttonCount: 2, selected: 1)) }
            return []
        case .delete:
            // The most recent message of that person: what an expert deletes is what just appeared.
            guard let person = target() else { return [] }
            guard let message = room?.messages.last(where: { $0.authorId == person.id && !$0.deleted }) else {
                notice = strings.noMessageFrom(person.name)
                return []
            }
            return [.moderate(.deleteMessage, ModerationRequest(messageId: message.id))]
        case .lock: return [.moderate(.lock, ModerationRequest(locked: true))]
        case .unlock: return [.moderate(.lock, ModerationRequest(locked: false))]
        case .acceptClaim: return perform(.acceptClaim)
        case .refuseClaim: return perform(.refuseClaim)
        case .ask, .askAnonymous, .questions, .answer, .publish, .poll, .closePoll, .reveal, .slower, .faster, .lost, .ok,
             .clearSignal, .clearSignals, .react:
            return engage(command, argument: argument)
        case .search: return argument.isEmpty ? askSearch() : startSearch(argument)
        case .presences: return askPresences()
        case .export: return askExport(argument)
        case .timer, .closeDay:
            return workshop(command, argument: argument)
        }
    }
}
