import Foundation
import SessionClient
import SessionModel
import Widgets

extension RoomModel {
    /// The chat lines of a room event; system lines are dim, mentions of me ring the bell.
    mutating func show(_ event: RoomEvent, in state: RoomState) -> [RoomEffect] {
        let s = strings
        func name(_ id: String) -> String { state.participant(id)?.name ?? "?" }
        var effects: [RoomEffect] = []
        switch event.kind {
        case .message(let message):
            let fromOthers = message.authorId != me?.id
            let mentioned = fromOthers && !message.deleted && mentionsMe(message.text)
            if !chat.isShown(message.id) {
                let days = ChatDays(state: state, timeZone: timeZone)
                if let start = days.start(of: message, after: days.previous(of: message)) { chat.startDay(daySeparatorLine(start), before: message.id) }
            }
            guard chat.receive(message, line: line(for: message, in: state, mentioned: mentioned), fromOthers: fromOthers) else { return [] }
            if mentioned, bellEnabled { effects.append(.bell) }
        case .messageDeleted(let id):
            if let message = state.messages.first(where: { $0.id == id }) {
                chat.update(id, line: line(for: message, in: state))
            }
        case .joined(let p):
            system(s.joined(p.name), at: event.at)
            // Someone took the name of a seat given up earlier: its messages say "(avant)" now.
            let key = RoomState.nameKey(p.name)
            let earlier = Set(state.participants.filter { $0.id != p.id && $0.membership == .left && RoomState.nameKey($0.name) == key }.map(\.id))
            for message in state.messages where earlier.contains(message.authorId) {
                chat.update(message.id, line: line(for: message, in: state))
            }
        case .left(let id): system(s.left(name(id)), at: event.at)
        case .removed(let id): system(s.removed(name(id)), at: event.at)
        case .handRaised(let id): handChange(id, s.handRaised(name(id), state.handPlace(of: id) ?? 1), at: event.at)
        case .handLowered(let id):
            if let actor = event.actor, actor != id {
                system(s.handLoweredBy(name(id), name(actor)), at: event.at)
            } else {
                handChange(id, s.handLowered(name(id)), at: event.at)
            }
        case .allHandsLowered: system(event.actor.map { s.allHandsLoweredBy(name($0)) } ?? s.allHandsLowered, at: event.at)
        case .floor(let id?):
            system(s.floorGiven(name(id)), at: event.at)
            if id == me?.id {
                banner = s.youHaveTheFloor
                if bellEnabled { effects.append(.bell) }
            } else {
                banner = nil
            }
        case .floor(nil):
            system(s.floorTaken, at: event.at)
            banner = nil
        case .agenda: if let item = state.currentItem { system(s.agendaMoved("\(item.start) \(item.title)"), at: event.at) }
        case .muted(let id, let muted):
            // What concerns one learner is said to that learner and to the experts only.
            if id == me?.id {
                system(muted ? s.youAreMuted : s.youAreUnmuted, at: event.at)
            } else if isExpert {
                let by = event.actor.map(name) ?? "?"
                system(muted ? s.mutedLine(name(id), by) : s.unmutedLine(name(id), by), at: event.at)
            }
        case .locked(let locked): system(locked ? s.lockedLine : s.unlockedLine, at: event.at)
        case .seatClaimed, .seatGranted, .seatRefused:
            // Said to the experts only: they answer; the newcomer hears through the claim.
            guard isExpert, let line = claimLine(event, in: state) else { break }
            system(line, at: event.at)
            if case .seatClaimed = event.kind, bellEnabled { effects.append(.bell) }
        case .questionAsked, .questionAnswered, .pollOpened, .pollVoted, .pollClosed, .pollRevealed, .signal, .signalsCleared, .reaction:
            for text in engagementLines(event, in: state) { system(text, at: event.at) }
            if case .reaction(let change) = event.kind, let message = state.messages.first(where: { $0.id == change.messageId }) {
                chat.update(message.id, line: line(for: message, in: state))
            }
        case .timer, .dayClosed:
            effects += showWorkshop(event, in: state)
        case .presence, .hidden, .unknown: break
        }
        return effects
    }

    /// After a join or a reload: the chat from the state's recent messages, then my unsent lines.
    mutating func rebuildChat(from state: RoomState) {
        let welcomeLine = welcome.map { LogLine($0, style: theme.accent) }
        let starts = ChatDays(state: state, timeZone: timeZone).starts(in: state.messages)
        chat.reset(welcome: welcomeLine, messages: state.messages.map { ($0, line(for: $0, in: state)) }, separators: starts.mapValues(daySeparatorLine))
        chat.highlight(reactingTo)
        refreshPendingLines()
    }

    /// Older messages fetched for scrollback, put above what is there.
    mutating func prependHistory(_ page: MessagesResponse) {
        guard let state = room else { return }
        for author in page.authors ?? [] where state.participant(author.id) == nil { historyAuthors[author.id] = author }
        // Inside the page, between messages of two days; before its first message only when
        // nothing is older; between the page and what was oldest when their days differ.
        let days = ChatDays(state: state, timeZone: timeZone)
        var starts = days.starts(in: page.messages)
        if page.hasMore, let first = page.messages.first { starts[first.id] = nil }
        if let top = chat.oldestMessage, let last = page.messages.last { starts[top.id] = days.start(of: top, after: last) }
        chat.receiveHistory(page.messages.map { ($0, line(for: $0, in: state)) }, hasMore: page.hasMore, separators: starts.mapValues(daySeparatorLine))
    }

    /// Seconds after which a message still unsent says how long it has waited.
    static let waitShownAfter = 5

    /// Whether one of my messages is still on its way (its wait is counted on screen).
    var hasMessageOnItsWay: Bool {
        outbox.items.contains { item in
            guard case .message = item.kind else { return false }
            return item.status == .pending || item.status == .sending
        }
    }

    /// My messages not yet in the chat: pending ones dim, failed ones with the reason.
    mutating func refreshPendingLines() {
        for item in outbox.items {
            guard case .message(let text) = item.kind else { continue }
            let status: Span
            switch item.status {
            case .sent:
                chat.showPending(item.id, line: nil)
                pendingSince[item.id] = nil
                continue
            case .pending, .sending:
                let waiting = item.lastErrorCode == "rate_limited" ? strings.heldBack : strings.waitingForNetwork
                var text = item.lastError == nil ? strings.sending : waiting
                // A server that went silent (blackholed) gives no error for a while: the wait says it.
                let waited = Int(now.timeIntervalSince(pendingSince[item.id] ?? now))
                if waited >= Self.waitShownAfter, item.lastErrorCode != "rate_limited" { text += ", " + strings.noAnswerFor(waited) }
                status = Span(" (" + text + ")", style: theme.dim)
            case .failed(let reason):
                status = Span(" ✗ " + strings.notSent(item.refusal.map { strings.describe($0) } ?? reason) + " — " + strings.retryHint, style: theme.error)
            }
            // The time it was written, kept across redraws and reloads.
            let since = pendingSince[item.id] ?? now
            pendingSince[item.id] = since
            let line = LogLine([Span(clock(since) + " ", style: theme.dim), Span((me?.name ?? strings.you) + " ", style: theme.dim.adding(.bold)),
                                Span(text, style: theme.dim), status], hangingIndent: 6)
            chat.showPending(item.id, line: line)
        }
    }

    func line(for message: ChatMessage, in state: RoomState) -> LogLine {
        line(for: message, in: state, mentioned: message.authorId != me?.id && mentionsMe(message.text))
    }

    /// The line of a message whose mention of me is already known (matched once per message).
    func line(for message: ChatMessage, in state: RoomState, mentioned: Bool) -> LogLine {
        let author = state.participant(message.authorId) ?? historyAuthors[message.authorId]
        var spans = [Span(clock(message.at) + " ", style: theme.dim)]
        let nameStyle = Style(foreground: RoomView.color(for: message.authorId, theme: theme), attributes: .bold)
        spans.append(Span(author?.name ?? "?", style: nameStyle))
        if author?.role == .expert { spans.append(Span(" ★", style: theme.accent)) }
        if let author, isEarlierSeat(author, in: state) { spans.append(Span(" " + strings.earlierSeat, style: theme.dim)) }
        spans.append(Span(" "))
        if message.deleted {
            spans.append(Span(strings.messageDeleted, style: theme.dim))
        } else {
            spans.append(Span(message.text, style: mentioned ? theme.warning : .plain))
            // Reactions after the text: "👍2 ❤️1", or words on ASCII terminals ("+1 2 love 1").
            for (emoji, who) in state.reactions(to: message.id) {
                let label = theme.asciiOnly ? strings.engage.reactionWord(emoji) + " " : emoji.rawValue
                spans.append(Span("  " + label + "\(who.count)", style: who.contains(me?.id ?? "") ? theme.accent : theme.dim))
            }
        }
        return LogLine(spans, hangingIndent: 6)
    }

    /// Whether `author` left and someone present has their name now: the messages are an
    /// earlier seat's, maybe someone else's, and say so.
    func isEarlierSeat(_ author: Participant, in state: RoomState) -> Bool {
        guard author.membership == .left else { return false }
        let key = RoomState.nameKey(author.name)
        return state.participants.contains { $0.id != author.id && $0.isPresent && RoomState.nameKey($0.name) == key }
    }

    /// A system line at the present time.
    mutating func systemLine(_ text: String) { system(text, at: now) }

    mutating func systemLine(_ text: String, at date: Date) { system(text, at: date) }

    private mutating func system(_ text: String, at date: Date) {
        chat.system(systemLine(text, at: date))
    }

    private func systemLine(_ text: String, at date: Date) -> LogLine {
        Self.systemLine(text, clock: clock(date), theme: theme)
    }

    private static func systemLine(_ text: String, clock: String, theme: Theme) -> LogLine {
        LogLine([Span(clock + " ", style: theme.dim), Span(text, style: theme.dim.adding(.italic))], hangingIndent: 6)
    }

    /// A hand raised or lowered by its owner: repeated changes update one line, with how
    /// many there were ("Léa lève la main (×3)").
    private mutating func handChange(_ participantId: String, _ text: String, at date: Date) {
        let times = strings.repeatedTimes, clockText = clock(date), theme = self.theme
        chat.handChanged(by: participantId, at: date) { count in
            Self.systemLine(count > 1 ? text + " " + times(count) : text, clock: clockText, theme: theme)
        }
    }

    func clock(_ date: Date) -> String { ClockText.format(date, timeZone: timeZone) }
}
