import Widgets
import SessionClient
import SessionModel

extension RoomModel {
    /// The slash commands, in French and English; the editor completes them after "/".
    static let commands = [
        "/aide", "/help", "/main", "/hand", "/qui", "/who", "/programme", "/agenda", "/quitter", "/quit",
        "/parole", "/floor", "/baisser", "/lower", "/baisser-tout", "/lower-all", "/suivant", "/next",
        "/precedent", "/prev", "/muet", "/mute", "/retirer", "/remove", "/supprimer", "/delete", "/verrouiller", "/lock", "/deverrouiller", "/unlock",
    ]

    /// Enter in the input line: a message, or a command.
    mutating func submit(_ text: String) -> [RoomEffect] {
        guard text.hasPrefix("/") else {
            if me?.muted == true {
                notice = strings.mutedPlaceholder
                editor.setText(text)
                return []
            }
            // Writing means the user has caught up.
            chat.clearUnreadMarker()
            chat.scrollToBottom()
            return [.send(.message(text))]
        }
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        let command = parts[0].lowercased()
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch command {
        case "/aide", "/help": return perform(.help)
        case "/main", "/hand": return perform(.hand)
        case "/quitter", "/quit", "/q": return [.quit]
        case "/qui", "/who":
            notice = roster.map { $0.name }.joined(separator: ", ")
            return []
        case "/programme", "/agenda":
            focus = .agenda
            return []
        default:
            break
        }
        guard isExpert else {
            notice = strings.unknownCommand(command) + " " + strings.commandsHelp
            return []
        }
        func target() -> Participant? {
            guard let person = person(named: argument) else {
                notice = strings.nobodyNamed(argument)
                return nil
            }
            return person
        }
        switch command {
        case "/parole", "/floor":
            if argument.isEmpty { return perform(.floorNext) }
            return target().map { [.moderate(.floor, ModerationRequest(participantId: $0.id))] } ?? []
        case "/baisser", "/lower":
            return target().map { [.moderate(.lowerHand, ModerationRequest(participantId: $0.id))] } ?? []
        case "/baisser-tout", "/lower-all": return perform(.lowerAllHands)
        case "/suivant", "/next": return perform(.agendaNext)
        case "/precedent", "/prev": return perform(.agendaPrevious)
        case "/muet", "/mute":
            return target().map { [.moderate(.mute, ModerationRequest(participantId: $0.id, muted: !$0.muted))] } ?? []
        case "/retirer", "/remove":
            if let person = target(), person.role == .learner { removal = (person, DialogState(buttonCount: 2, selected: 1)) }
            return []
        case "/supprimer", "/delete":
            // The most recent message of that person: what an expert deletes is what just appeared.
            guard let person = target() else { return [] }
            guard let message = room?.messages.last(where: { $0.authorId == person.id && !$0.deleted }) else {
                notice = strings.nobodyNamed(argument)
                return []
            }
            return [.moderate(.deleteMessage, ModerationRequest(messageId: message.id))]
        case "/verrouiller", "/lock": return [.moderate(.lock, ModerationRequest(locked: true))]
        case "/deverrouiller", "/unlock": return [.moderate(.lock, ModerationRequest(locked: false))]
        default:
            notice = strings.unknownCommand(command) + " " + strings.expertCommandsHelp
            return []
        }
    }
}
