import Foundation
import SessionClient
import SessionModel

/// Turns room events into one plain sentence each, in the user's language, for screen
/// readers, braille displays and pipes: no symbols a reader would spell out, no terminal
/// control. A value: each call returns the lines to print.
struct PlainTranscript {
    let strings: Strings
    private(set) var state: RoomState?
    private(set) var me: Participant?
    /// The last message printed, so that a reload prints what was missed, once.
    private var lastMessageSeq: Int64 = 0

    init(strings: Strings) { self.strings = strings }

    mutating func joined(_ response: JoinResponse) -> [String] {
        state = response.state
        me = response.participant
        // Each role its own commands: an expert's header names the expert's too.
        let commands = RoomCommands.summary(strings, role: response.participant.role).joined(separator: ". ")
        var lines = ["\(safe(response.room.title)) — \(strings.people(response.state.onlineCount, response.state.present.count)). \(commands)"]
        lines += claimQuestions(in: response.state)
        lines += response.state.messages.suffix(10).map { line(for: $0, in: response.state) }
        lastMessageSeq = response.state.messages.last?.seq ?? 0
        return lines
    }

    /// After a reconnection that reloaded the room: the messages that came meanwhile.
    mutating func reloaded(_ state: RoomState) -> [String] {
        self.state = state
        if let id = me?.id { me = state.participant(id) }
        let missed = state.messages.filter { $0.seq > lastMessageSeq }.map { line(for: $0, in: state) }
        lastMessageSeq = max(lastMessageSeq, state.messages.last?.seq ?? 0)
        return missed
    }

    mutating func show(_ events: [RoomEvent], in state: RoomState) -> [String] {
        self.state = state
        if let id = me?.id { me = state.participant(id) }
        // One person's hand changes one after another in a batch are one sentence, the last
        // change with how many there were: a line read aloud cannot be taken back later.
        var lines: [String] = []
        var index = 0
        while index < events.count {
            var run = 1
            if let who = Self.ownHandChange(events[index]) {
                while index + run < events.count, Self.ownHandChange(events[index + run]) == who { run += 1 }
            }
            if let sentence = sentence(for: events[index + run - 1], in: state) {
                lines.append(run > 1 ? sentence + " " + strings.repeatedTimesSpoken(run) : sentence)
            }
            index += run
        }
        return lines
    }

    /// Whose hand an event raises or lowers, when its owner did it.
    private static func ownHandChange(_ event: RoomEvent) -> String? {
        if case .handRaised(let id) = event.kind { return id }
        if case .handLowered(let id) = event.kind, event.actor == nil || event.actor == id { return id }
        return nil
    }

    /// What a change of connection says; errors go to standard error.
    func status(_ status: ConnectionStatus) -> (out: String?, err: String?) {
        switch status {
        case .connecting, .ended(.stopped): (nil, nil)
        case .online: (plain(strings.online), nil)
        case .reconnecting(_, let retryIn, _): (plain(strings.reconnecting(Int(retryIn.rounded(.up)))), nil)
        case .ended(.removed): (strings.endRemoved, nil)
        case .ended(.left): (strings.endLeft, nil)
        case .ended(.refused(let code, let message)): (nil, "momentum: " + strings.refused(code, message))
        case .ended(.untrusted): (nil, "momentum: " + strings.untrusted)
        }
    }

    func who() -> [String] {
        guard let state else { return [] }
        return state.roster.map { person in
            var parts = [safe(person.name)]
            if person.role == .expert { parts.append(strings.expertBadge) }
            if let place = state.handPlace(of: person.id) { parts.append(plain(strings.handRaised("", place)).trimmingCharacters(in: .whitespaces)) }
            if state.floor == person.id { parts.append(plain(strings.floorGiven(""))) }
            if person.muted { parts.append(strings.mutedBadge) }
            return "- " + parts.joined(separator: ", ")
        }
    }

    func agenda() -> [String] {
        guard let state else { return [] }
        let items = state.agenda.map { item in
            let mark = item.id == state.currentItemId ? "> " : "  "
            return "\(mark)\(strings.day(item.day, state.agenda.map(\.day).max() ?? 1)) \(item.start) \(safe(item.title)) (\(item.minutes) min)"
        }
        // What the screen's header counts down, said when asked: plain mode has no header.
        let timer = state.timer.map { strings.workshop.timerLeft(WorkshopStrings.duration($0.secondsLeft(at: Date())), !$0.isRunning) }
        let over = state.isOver ? [strings.workshop.overPlaceholder] : []
        return items + (timer.map { [$0] } ?? []) + over
    }

    /// `authors`: names the state may not hold (a search page's authors who left long ago).
    /// `withDay: false` for a line out of the chat's order (a search result): no day sentence.
    func line(for message: ChatMessage, in state: RoomState, authors: [Participant] = [], withDay: Bool = true) -> String {
        let author = (state.participant(message.authorId) ?? authors.first { $0.id == message.authorId }).map { safe($0.name) } ?? "?"
        let text = message.deleted ? strings.messageDeleted : safe(message.text, keepNewlines: true)
        // A message of several lines: its lines after the first indented, so they read as one.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // A message that starts a day says the day first: "Jour 2, mardi 3 décembre."
        let days = ChatDays(state: state, timeZone: .current)
        let day = !withDay ? "" : days.start(of: message, after: days.previous(of: message)).map { strings.workshop.plainDay($0.day, $0.date) + "\n" } ?? ""
        return day + "\(clock(message.at)) \(author) : \(lines.first ?? "")" + lines.dropFirst().map { "\n    " + $0 }.joined()
    }

    private mutating func sentence(for event: RoomEvent, in state: RoomState) -> String? {
        func name(_ id: String) -> String { state.participant(id).map { safe($0.name) } ?? "?" }
        let s = strings
        switch event.kind {
        case .joined(let p): return plain(s.joined(safe(p.name)))
        case .left(let id): return plain(s.left(name(id)))
        case .removed(let id): return plain(s.removed(name(id)))
        case .presence: return nil
        case .message(let message):
            defer { lastMessageSeq = max(lastMessageSeq, message.seq) }
            return message.seq <= lastMessageSeq ? nil : line(for: message, in: state)
        case .messageDeleted: return s.messageDeleted
        case .handRaised(let id): return plain(s.handRaised(name(id), state.handPlace(of: id) ?? 1))
        case .handLowered(let id):
            if let actor = event.actor, actor != id { return plain(s.handLoweredBy(name(id), name(actor))) }
            return plain(s.handLowered(name(id)))
        case .allHandsLowered: return event.actor.map { s.allHandsLoweredBy(name($0)) } ?? s.allHandsLowered
        case .floor(let id?): return id == me?.id ? plain(s.youHaveTheFloor) : plain(s.floorGiven(name(id)))
        case .floor(nil): return s.floorTaken
        case .agenda: return state.currentItem.map { plain(s.agendaMoved("\($0.start) \(safe($0.title))")) }
        case .muted(let id, let muted):
            // Said to that learner and to the experts only.
            if id == me?.id { return muted ? s.youAreMuted : s.youAreUnmuted }
            guard me?.role == .expert else { return nil }
            let by = event.actor.map(name) ?? "?"
            return muted ? s.mutedLine(name(id), by) : s.unmutedLine(name(id), by)
        case .locked(let locked): return plain(locked ? s.lockedLine : s.unlockedLine)
        case .seatClaimed(let claim):
            guard me?.role == .expert else { return nil }
            return claimQuestion(name(claim.participantId))
        case .seatGranted, .seatRefused:
            guard me?.role == .expert, let line = claimLine(event, in: state) else { return nil }
            return line
        case .questionAsked, .questionAnswered, .pollOpened, .pollVoted, .pollClosed, .pollRevealed, .signal, .signalsCleared, .reaction:
            // What the screen draws as bars, marks and counts is said in words here.
            let lines = EngagementSentences(strings: strings.engage, me: me, state: state).lines(for: event)
                + PlainEngagement(strings: strings, me: me, state: state).lines(for: event)
            return lines.isEmpty ? nil : lines.map { plain(safe($0)) }.joined(separator: "\n")
        case .timer, .dayClosed:
            let lines = WorkshopSentences(strings: strings.workshop, state: state).lines(for: event)
            return lines.isEmpty ? nil : lines.map { plain(safe($0)) }.joined(separator: "\n")
        case .hidden, .unknown: return nil
        }
    }

    /// The experts' question about a seat claim, with the commands that answer it.
    private func claimQuestion(_ name: String) -> String {
        let accept = RoomCommands.all.first { $0.id == .acceptClaim }?.name(in: strings.language) ?? "/accept"
        let refuse = RoomCommands.all.first { $0.id == .refuseClaim }?.name(in: strings.language) ?? "/refuse"
        return strings.claims.plainPrompt(name, accept, refuse)
    }

    /// Claims already waiting when an expert joins.
    private func claimQuestions(in state: RoomState) -> [String] {
        guard me?.role == .expert else { return [] }
        return state.pendingClaims.map { claimQuestion(state.participant($0.participantId).map { safe($0.name) } ?? "?") }
    }

    private func claimLine(_ event: RoomEvent, in state: RoomState) -> String? {
        RoomModel.claimLine(event, in: state, strings: strings.claims)
    }

    /// Without the leading symbol the screen uses ("→", "✋", "🎤"...), which a reader would spell out.
    func plain(_ sentence: String) -> String {
        guard let first = sentence.first, !first.isLetter, !first.isNumber, first != "(" else { return sentence }
        return String(sentence.drop { !$0.isLetter && !$0.isNumber && $0 != "(" })
    }

    /// Placeholders for what a terminal would obey, and no tag character at all (even a
    /// flag's): plain mode is read aloud or in braille, where they are invisible text.
    func safe(_ text: String, keepNewlines: Bool = false) -> String {
        TextSanitizer.withoutTags(TextSanitizer.displaySafe(text, keepNewlines: keepNewlines))
    }

    private func clock(_ date: Date) -> String { ClockText.format(date) }
}
