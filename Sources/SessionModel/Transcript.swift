public import Foundation

/// The transcript of a room (`GET /v1/rooms/{roomId}/export`, `momentum export`, `/export`):
/// its agenda with the times items began, its chat without deleted messages, its polls with
/// the results the viewer may see, and its questions (the published ones; every one for an
/// expert). Pure: the same room gives the same file, which the tests compare with a literal.
public struct Transcript: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        /// Markdown, to print or to publish.
        case md
        /// Plain text without markup, for screen readers.
        case txt
    }

    public var state: RoomState
    public var events: [RoomEvent]
    public var viewer: Viewer
    public var labels: TranscriptLabels
    public var timeZone: TimeZone
    public var exportedAt: Date

    /// `state` is the room's whole state (for names); `events` every event, oldest first,
    /// as the server keeps them: the viewer's view is taken here.
    public init(state: RoomState, events: [RoomEvent], viewer: Viewer, labels: TranscriptLabels, timeZone: TimeZone, exportedAt: Date) {
        self.state = state
        self.events = events
        self.viewer = viewer
        self.labels = labels
        self.timeZone = timeZone
        self.exportedAt = exportedAt
    }

    public func render(_ format: Format) -> String {
        let renderer = TranscriptRenderer(format: format)
        return renderer.render(blocks())
    }

    // MARK: Content

    func blocks() -> [TranscriptBlock] {
        let l = labels
        var messages: [ChatMessage] = []
        var deleted: Set<String> = []
        var starts: [String: Date] = [:]
        var polls: [Poll] = []
        var questions: [Question] = []
        for event in events {
            switch event.kind {
            case .message(let message): messages.append(message)
            case .messageDeleted(let id): deleted.insert(id)
            case .agenda(let itemId): if starts[itemId] == nil { starts[itemId] = event.at }
            case .dayClosed(let close):
                // Closing a day makes the next day's first item current.
                if let next = close.nextItemId, starts[next] == nil { starts[next] = event.at }
            case .pollOpened(let poll), .pollVoted(let poll), .pollClosed(let poll), .pollRevealed(let poll):
                if let index = polls.firstIndex(where: { $0.id == poll.id }) { polls[index] = poll } else { polls.append(poll) }
            case .questionAsked(let question), .questionAnswered(let question):
                if let index = questions.firstIndex(where: { $0.id == question.id }) { questions[index] = question } else { questions.append(question) }
            case .joined, .left, .removed, .presence, .handRaised, .handLowered, .allHandsLowered, .floor, .muted, .locked,
                 .seatClaimed, .seatGranted, .seatRefused, .signal, .signalsCleared, .reaction, .timer, .hidden, .unknown:
                break
            }
        }
        var blocks: [TranscriptBlock] = [
            .heading(1, state.room.title),
            .paragraph(l.exported(Clock.day(exportedAt, in: timeZone) + " " + Clock.text(exportedAt, in: timeZone), timeZone.identifier)),
            .heading(2, l.agenda),
        ]
        blocks += state.agenda.map { item in
            let began = starts[item.id].map { " " + l.started(time($0)) } ?? ""
            return .item(["\(l.day) \(item.day), \(item.start) (\(item.minutes) min): \(item.title).\(began)"])
        }
        blocks.append(.heading(2, l.chat))
        let shown = messages.filter { !deleted.contains($0.id) && !$0.deleted }
        if shown.isEmpty { blocks.append(.paragraph(l.none)) }
        var lastDay = ""
        for message in shown {
            let day = Clock.day(message.at, in: timeZone)
            if day != lastDay {
                blocks.append(.heading(3, day))
                lastDay = day
            }
            let lines = message.text.components(separatedBy: "\n")
            blocks.append(.item(["\(Clock.text(message.at, in: timeZone)) \(name(message.authorId)): \(lines[0])"] + lines.dropFirst()))
        }
        blocks.append(.heading(2, l.polls))
        if polls.isEmpty { blocks.append(.paragraph(l.none)) }
        for poll in polls.map({ $0.seen(by: viewer) }) {
            blocks.append(.heading(3, "\(poll.question) (\(poll.anonymous ? l.anonymous : l.named), \(poll.closed ? l.closed : l.open))"))
            if let counts = poll.counts {
                blocks += zip(poll.options, counts).map { .item(["\($0): \($1)"]) }
            } else {
                blocks += poll.options.map { .item([$0]) }
                blocks.append(.paragraph(l.resultsHidden))
            }
        }
        blocks.append(.heading(2, l.questions))
        let visible = questions.compactMap { $0.seen(by: viewer) }.filter { viewer.isExpert || $0.published }
        if visible.isEmpty { blocks.append(.paragraph(l.none)) }
        for question in visible {
            let asker = question.askerId.map(name) ?? l.anonymous
            blocks.append(.heading(3, "\(asker), \(time(question.askedAt)) (\(question.published ? l.published : l.privately))"))
            blocks.append(.quote(question.text.components(separatedBy: "\n")))
            switch question.answer {
            case nil: blocks.append(.paragraph(l.unanswered))
            case ""?: blocks.append(.paragraph(l.closedWithoutWords))
            case let answer?:
                let by = question.answeredBy.map(name) ?? "?"
                let when = question.answeredAt.map { ", " + time($0) } ?? ""
                let lines = answer.components(separatedBy: "\n")
                blocks.append(.paragraph("\(l.answer) (\(by)\(when)): \(lines[0])"))
                if lines.count > 1 { blocks.append(.quote(Array(lines.dropFirst()))) }
            }
        }
        return blocks
    }

    private func name(_ participantId: String) -> String {
        guard let who = state.participant(participantId) else { return "?" }
        return who.role == .expert ? "\(who.name) (\(labels.expert))" : who.name
    }

    private func time(_ date: Date) -> String {
        Clock.day(date, in: timeZone) + " " + Clock.text(date, in: timeZone)
    }
}

/// The words of a transcript, in French or English (the server has no other localisation:
/// the caller says which with `?lang=`).
public struct TranscriptLabels: Sendable {
    public var agenda, day, chat, polls, questions, none, expert, anonymous, named, open, closed: String
    public var resultsHidden, published, privately, unanswered, closedWithoutWords, answer: String
    public var exported: @Sendable (_ when: String, _ zone: String) -> String
    public var started: @Sendable (_ when: String) -> String

    public static let english = TranscriptLabels(
        agenda: "Agenda", day: "Day", chat: "Chat", polls: "Polls", questions: "Questions", none: "(none)",
        expert: "expert", anonymous: "anonymous", named: "named", open: "open", closed: "closed",
        resultsHidden: "Results not shown to the room.", published: "published", privately: "private",
        unanswered: "Not answered yet.", closedWithoutWords: "Closed without a written answer.", answer: "Answer",
        exported: { "Exported on \($0) (time zone \($1))." }, started: { "Started \($0)." })

    public static let french = TranscriptLabels(
        agenda: "Programme", day: "Jour", chat: "Discussion", polls: "Sondages", questions: "Questions", none: "(aucun)",
        expert: "expert·e", anonymous: "anonyme", named: "nominatif", open: "ouvert", closed: "clos",
        resultsHidden: "Résultats non montrés à la salle.", published: "publiée", privately: "privée",
        unanswered: "Pas encore de réponse.", closedWithoutWords: "Close sans réponse écrite.", answer: "Réponse",
        exported: { "Exporté le \($0) (fuseau \($1))." }, started: { "Commencé le \($0)." })

    /// "fr" or "en"; nil for any other code.
    public static func language(_ code: String) -> TranscriptLabels? {
        switch code {
        case "fr": french
        case "en": english
        default: nil
        }
    }
}
