import Foundation
import SessionClient
import SessionModel
import Synchronization

/// Turns room events into one plain sentence each, in the user's language, for screen
/// readers, braille displays and pipes: no symbols a reader would spell out, no terminal control.
final class PlainView: Sendable {
    private struct Model {
        var state: RoomState?
        var me: Participant?
        /// The last message printed, so that a reload prints what was missed, once.
        var lastMessageSeq: Int64 = 0
    }

    private let model = Mutex(Model())
    let strings: Strings

    init(strings: Strings) { self.strings = strings }

    var me: Participant? { model.withLock { $0.me } }
    var state: RoomState? { model.withLock { $0.state } }

    func joined(_ response: JoinResponse) {
        model.withLock {
            $0.state = response.state
            $0.me = response.participant
        }
        Console.out("\(safe(response.room.title)) — \(strings.people(response.state.onlineCount, response.state.present.count)). \(strings.commandsHelp)")
        for message in response.state.messages.suffix(10) { Console.out(line(for: message, in: response.state)) }
        model.withLock { $0.lastMessageSeq = response.state.messages.last?.seq ?? 0 }
    }

    /// After a reconnection that reloaded the room: the messages that came meanwhile.
    func reloaded(_ state: RoomState) {
        let last = model.withLock { model -> Int64 in
            model.state = state
            if let id = model.me?.id { model.me = state.participant(id) }
            return model.lastMessageSeq
        }
        for message in state.messages where message.seq > last { Console.out(line(for: message, in: state)) }
        model.withLock { $0.lastMessageSeq = max($0.lastMessageSeq, state.messages.last?.seq ?? 0) }
    }

    func show(_ events: [RoomEvent], in state: RoomState) {
        model.withLock {
            $0.state = state
            if let id = $0.me?.id { $0.me = state.participant(id) }
        }
        for event in events {
            if let sentence = sentence(for: event, in: state) { Console.out(sentence) }
        }
    }

    func status(_ status: ConnectionStatus) {
        switch status {
        case .connecting, .ended(.stopped): break
        case .online: Console.out(plain(strings.online))
        case .reconnecting(_, let retryIn, _): Console.out(plain(strings.reconnecting(Int(retryIn.rounded(.up)))))
        case .ended(.removed): Console.out(strings.endRemoved)
        case .ended(.left): Console.out(strings.endLeft)
        case .ended(.refused(let code, let message)): Console.err("momentum: " + strings.refused(code, message))
        }
    }

    func who() {
        guard let state else { return }
        for person in state.roster {
            var parts = [safe(person.name)]
            if person.role == .expert { parts.append(strings.expertBadge) }
            if let place = state.handPlace(of: person.id) { parts.append(plain(strings.handRaised("", place)).trimmingCharacters(in: .whitespaces)) }
            if state.floor == person.id { parts.append(plain(strings.floorGiven(""))) }
            if person.muted { parts.append(strings.mutedBadge) }
            Console.out("- " + parts.joined(separator: ", "))
        }
    }

    func agenda() {
        guard let state else { return }
        for item in state.agenda {
            let mark = item.id == state.currentItemId ? "> " : "  "
            Console.out("\(mark)\(strings.day(item.day, state.agenda.map(\.day).max() ?? 1)) \(item.start) \(safe(item.title)) (\(item.minutes) min)")
        }
    }

    private func line(for message: ChatMessage, in state: RoomState) -> String {
        let author = state.participant(message.authorId).map { safe($0.name) } ?? "?"
        let text = message.deleted ? strings.messageDeleted : TextSanitizer.displaySafe(message.text).replacingOccurrences(of: "\n", with: " / ")
        return "\(clock(message.at)) \(author) : \(text)"
    }

    private func sentence(for event: RoomEvent, in state: RoomState) -> String? {
        func name(_ id: String) -> String { state.participant(id).map { safe($0.name) } ?? "?" }
        let s = strings
        switch event.kind {
        case .joined(let p): return plain(s.joined(safe(p.name)))
        case .left(let id): return plain(s.left(name(id)))
        case .removed(let id): return plain(s.removed(name(id)))
        case .presence: return nil
        case .message(let message):
            let seen = model.withLock { model -> Bool in
                defer { model.lastMessageSeq = max(model.lastMessageSeq, message.seq) }
                return message.seq <= model.lastMessageSeq
            }
            return seen ? nil : line(for: message, in: state)
        case .messageDeleted: return s.messageDeleted
        case .handRaised(let id): return plain(s.handRaised(name(id), state.handPlace(of: id) ?? 1))
        case .handLowered(let id): return plain(s.handLowered(name(id)))
        case .allHandsLowered: return s.allHandsLowered
        case .floor(let id?): return id == me?.id ? plain(s.youHaveTheFloor) : plain(s.floorGiven(name(id)))
        case .floor(nil): return s.floorTaken
        case .agenda: return state.currentItem.map { plain(s.agendaMoved("\($0.start) \(safe($0.title))")) }
        case .muted(let id, let muted): return muted ? s.mutedLine(name(id)) : s.unmutedLine(name(id))
        case .locked(let locked): return plain(locked ? s.lockedLine : s.unlockedLine)
        case .unknown: return nil
        }
    }

    /// Without the leading symbol the screen uses ("→", "✋", "🎤"...), which a reader would spell out.
    private func plain(_ sentence: String) -> String {
        guard let first = sentence.first, !first.isLetter, !first.isNumber, first != "(" else { return sentence }
        return String(sentence.drop { !$0.isLetter && !$0.isNumber && $0 != "(" })
    }

    private func safe(_ text: String) -> String { TextSanitizer.displaySafe(text) }

    private func clock(_ date: Date) -> String { ClockText.format(date) }
}
