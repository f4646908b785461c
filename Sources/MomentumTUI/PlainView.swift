import Foundation
import SessionClient
import SessionModel
import Synchronization

/// Turns room events into one plain sentence each, for screen readers and pipes.
final class PlainView: Sendable {
    private struct Model {
        var state: RoomState?
        var me: Participant?
    }

    private let model = Mutex(Model())

    var myHandRaised: Bool {
        model.withLock { model in
            guard let id = model.me?.id else { return false }
            return model.state?.hands.contains(id) ?? false
        }
    }

    func joined(_ response: JoinResponse) {
        model.withLock {
            $0.state = response.state
            $0.me = response.participant
        }
        let title = TextSanitizer.displaySafe(response.room.title)
        Console.out("You joined \"\(title)\" as \(safe(response.participant.name)). \(people(response.state.present.count)) here. Type /help for commands.")
        for message in response.state.messages.suffix(10) { Console.out(line(for: message, in: response.state)) }
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
        case .connecting: break
        case .online: Console.out("* connected")
        case .reconnecting(_, let retryIn, let reason): Console.out("* connection lost (\(reason)); trying again in \(Int(retryIn.rounded(.up))) s")
        case .ended(.removed): Console.out("* the expert removed you from the room")
        case .ended(.left): Console.out("* you left the room")
        case .ended(.refused(_, let message)): Console.err("momentum: \(message)")
        case .ended(.stopped): break
        }
    }

    func who() {
        guard let state = model.withLock({ $0.state }) else { return }
        for person in state.present.sorted(by: { ($0.role == .expert ? 0 : 1, $0.name) < ($1.role == .expert ? 0 : 1, $1.name) }) {
            var parts = [safe(person.name)]
            if person.role == .expert { parts.append("(expert)") }
            if let place = state.handPlace(of: person.id) { parts.append("hand raised, \(ordinal(place)) in line") }
            if state.floor == person.id { parts.append("has the floor") }
            if person.muted { parts.append("muted") }
            parts.append(person.presence.rawValue)
            Console.out("- " + parts.joined(separator: ", "))
        }
    }

    func agenda() {
        guard let state = model.withLock({ $0.state }) else { return }
        for item in state.agenda {
            let mark = item.id == state.currentItemId ? "> " : "  "
            Console.out("\(mark)day \(item.day) \(item.start) \(safe(item.title)) (\(item.minutes) min)")
        }
    }

    private func line(for message: ChatMessage, in state: RoomState) -> String {
        let author = state.participant(message.authorId).map { safe($0.name) } ?? "?"
        let text = message.deleted ? "(message deleted)" : TextSanitizer.displaySafe(message.text).replacingOccurrences(of: "\n", with: " / ")
        return "\(clock(message.at)) \(author): \(text)"
    }

    private func sentence(for event: RoomEvent, in state: RoomState) -> String? {
        func name(_ id: String?) -> String { id.flatMap { state.participant($0) }.map { safe($0.name) } ?? "someone" }
        switch event.kind {
        case .joined(let p): return "\(safe(p.name)) joined."
        case .left(let id): return "\(name(id)) left."
        case .removed(let id): return "\(name(id)) was removed by the expert."
        case .presence(let id, let presence): return presence == .online ? nil : "\(name(id)) is \(presence.rawValue)."
        case .message(let message): return line(for: message, in: state)
        case .messageDeleted: return "The expert deleted a message."
        case .handRaised(let id):
            let place = state.handPlace(of: id).map { ", \(ordinal($0)) in line" } ?? ""
            return "\(name(id)) raises a hand\(place)."
        case .handLowered(let id): return "\(name(id)) lowers a hand."
        case .allHandsLowered: return "The expert lowered every hand."
        case .floor(let id?): return "\(name(id)) has the floor."
        case .floor(nil): return "The expert takes the floor back."
        case .agenda: return state.currentItem.map { "Now: \(safe($0.title)) (\($0.minutes) min)." }
        case .muted(let id, let muted): return muted ? "\(name(id)) is muted." : "\(name(id)) may write again."
        case .locked(let locked): return locked ? "The room is locked." : "The room is open again."
        case .unknown: return nil
        }
    }

    private func people(_ count: Int) -> String { count == 1 ? "1 person" : "\(count) people" }

    private func safe(_ text: String) -> String { TextSanitizer.displaySafe(text) }

    private func ordinal(_ n: Int) -> String {
        switch n % 10 == 1 && n % 100 != 11 ? 1 : n % 10 == 2 && n % 100 != 12 ? 2 : n % 10 == 3 && n % 100 != 13 ? 3 : 0 {
        case 1: "\(n)st"
        case 2: "\(n)nd"
        case 3: "\(n)rd"
        default: "\(n)th"
        }
    }

    private func clock(_ date: Date) -> String {
        let parts = Calendar.current.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }
}
