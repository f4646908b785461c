import SessionClient
import SessionModel
import Widgets

/// The chat's bookkeeping as a value: its lines, which messages are in it (each once), my
/// sends not in it yet (pending or refused), the history pages fetched, the unread marker.
///
/// It decides what the chat shows; the model only says how a line looks (`LogLine`s come
/// in ready-made, so the feed knows nothing of themes, clocks or languages).
struct ChatFeed {
    /// What a line of the chat is, for finding it again.
    enum LineID: Hashable {
        /// A message from the server, by its id.
        case message(String)
        /// One of my sends, by its `clientId`, until the server's message replaces it.
        case pending(clientId: String)
        /// The separator of a new day, before the message it starts.
        case dayStart(before: String)
    }

    /// The drawn lines, scrolling and the unread marker.
    private(set) var log: TextLog
    private let unreadLabel: String
    /// Messages in the chat, so that nothing is shown twice, with their seq (the oldest one
    /// kept is where history is fetched from, once older lines are let go).
    private(set) var shown: [String: Int64] = [:]
    /// Lines kept in memory; older ones are let go while the user follows the bottom and
    /// fetched back from the server on scrolling up. A quarter more is let in before
    /// trimming, so the cost of removing from the front is paid every few hundred messages.
    var lineLimit = 2_000
    /// My sends whose message is in the chat: no pending line for them, whatever comes first.
    private(set) var delivered: Set<String> = []
    /// My sends shown as pending or refused lines.
    private(set) var pending: Set<String> = []
    /// The oldest message in the chat: history is fetched before it.
    private(set) var oldestSeq: Int64?
    /// That message, while known (not after older lines were let go): a history page
    /// compares its day with the page's last message's.
    private(set) var oldestMessage: ChatMessage?
    /// The server said there is nothing older.
    private(set) var historyExhausted = false
    /// A fetch of older messages is on its way.
    private(set) var historyRequested = false
    /// The last hand-change line, which the next change by the same person may update.
    var lastHandLine: RepeatedLine?
    /// Numbers hand-change lines, so that each has an id of its own.
    var handLineSerial = 0

    init(newLinesLabel: @escaping @Sendable (Int) -> String, unreadLabel: String) {
        log = TextLog(newLinesLabel: newLinesLabel)
        self.unreadLabel = unreadLabel
    }

    // MARK: Messages

    /// A message from the stream; false when it is already in the chat. It replaces my
    /// pending line for it; one from someone else while I read back starts the unread part.
    @discardableResult
    mutating func receive(_ message: ChatMessage, line: LogLine, fromOthers: Bool) -> Bool {
        guard shown[message.id] == nil else { return false }
        // Only my sends can have a pending line: others' client ids are not kept (a flood
        // would keep every one).
        if let clientId = message.clientId, !fromOthers || pending.contains(clientId) { markDelivered(clientId) }
        let startsUnread = fromOthers && !log.isAtBottom && log.unreadMarkerLineID == nil
        log.append(line.with(id: .message(message.id)))
        if startsUnread { log.setUnreadMarker(beforeLineID: key(.message(message.id)), label: unreadLabel) }
        shown[message.id] = message.seq
        if oldestSeq == nil {
            oldestSeq = message.seq
            oldestMessage = message
        }
        if log.count > lineLimit + lineLimit / 4 { letOldLinesGo() }
        return true
    }

    /// Keeps the newest `lineLimit` lines; what went is history again, fetched on scrolling up.
    private mutating func letOldLinesGo() {
        let dropped = log.trim(keeping: lineLimit)
        guard !dropped.isEmpty else { return }
        for id in dropped { shown[id] = nil }
        oldestSeq = shown.values.min()
        oldestMessage = nil
        historyExhausted = false
    }

    /// A message changed in place (deleted by the expert).
    mutating func update(_ messageId: String, line: LogLine) {
        _ = log.replace(id: key(.message(messageId)), with: line.with(id: .message(messageId)))
    }

    /// The separator of a new day, before the message `messageId` that comes next.
    mutating func startDay(_ line: LogLine, before messageId: String) {
        log.append(line.with(id: .dayStart(before: messageId)))
    }

    /// A line that is no message: someone arrived, the floor moved...
    mutating func system(_ line: LogLine) {
        log.append(line)
    }

    /// Replaces a line found by its id (a collapsed repeat).
    mutating func replaceLine(id: String, with line: LogLine) {
        log.replace(id: id, with: line)
    }

    /// After a join or a reload: the chat from the state's recent messages, under `welcome`.
    /// My pending lines go; `showPending` puts back those still unsent.
    /// `separators` go before the message whose id they are keyed by (a new day).
    mutating func reset(welcome: LogLine?, messages: [(ChatMessage, LogLine)], separators: [String: LogLine] = [:]) {
        var fresh = TextLog(newLinesLabel: log.newLinesLabel)
        if let welcome { fresh.append(welcome) }
        shown.removeAll()
        pending.removeAll()
        for (message, line) in messages {
            if let separator = separators[message.id] { fresh.append(separator.with(id: .dayStart(before: message.id))) }
            fresh.append(line.with(id: .message(message.id)))
            shown[message.id] = message.seq
            if let clientId = message.clientId { delivered.insert(clientId) }
        }
        oldestSeq = messages.first?.0.seq
        oldestMessage = messages.first?.0
        log = fresh
    }

    // MARK: My sends

    /// Shows my sends not in the chat yet, each on one line that changes in place; nil
    /// takes a send's line away (sent, or given up).
    mutating func showPending(_ clientId: String, line: LogLine?) {
        let id = key(.pending(clientId: clientId))
        guard let line, !delivered.contains(clientId) else {
            if pending.remove(clientId) != nil { _ = log.remove(id: id) }
            return
        }
        let tagged = line.with(id: .pending(clientId: clientId))
        if !log.replace(id: id, with: tagged) { log.append(tagged) }
        pending.insert(clientId)
    }

    /// Whether a message is in the chat.
    func isShown(_ messageId: String) -> Bool { shown[messageId] != nil }

    /// Whether the message of this send is already in the chat.
    func isDelivered(_ clientId: String) -> Bool { delivered.contains(clientId) }

    private mutating func markDelivered(_ clientId: String) {
        delivered.insert(clientId)
        if pending.remove(clientId) != nil { _ = log.remove(id: key(.pending(clientId: clientId))) }
    }

    /// Writing means the user has caught up.
    mutating func caughtUp() {
        log.clearUnreadMarker()
        log.scrollToBottom()
    }

    // MARK: Scrolling and history

    /// A page up; returns the seq to fetch older messages before, once, at the top.
    mutating func pageUp() -> Int64? {
        log.pageUp()
        guard log.isTopReached else { return nil }
        return historyBefore()
    }

    /// Draws the message `messageId` in reverse and scrolls it into view; nil: no selection.
    mutating func highlight(_ messageId: String?) {
        log.highlightedID = messageId.map { key(.message($0)) }
        if let messageId { log.reveal(id: key(.message(messageId))) }
    }

    /// Marks where `query` matches in every line (a search), or no longer (nil).
    mutating func mark(_ query: String?) {
        guard let query else {
            log.marks = nil
            return
        }
        log.marks = { @Sendable text in SearchText.utf8Ranges(of: query, in: text) }
    }

    /// Whether the message is in the chat now.
    func contains(_ messageId: String) -> Bool { shown[messageId] != nil }

    /// The seq to fetch older messages before, once, as `pageUp` does at the top; nil when
    /// the start of the room is reached or a fetch is on its way.
    mutating func historyBefore() -> Int64? {
        guard !historyExhausted, !historyRequested, let oldestSeq else { return nil }
        historyRequested = true
        return oldestSeq
    }

    mutating func pageDown() { log.pageDown() }
    mutating func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) { log.render(in: area, buffer: &buffer, theme: theme) }
    mutating func scrollUp(_ rows: Int) { log.scrollUp(rows) }
    mutating func scrollDown(_ rows: Int) { log.scrollDown(rows) }

    /// Older messages, put above what is there; those already shown are skipped.
    /// `separators` go before the messages they are keyed by; the one keyed by the message
    /// that was oldest goes between the page and it, replacing the one it had.
    mutating func receiveHistory(_ page: [(ChatMessage, LogLine)], hasMore: Bool, separators: [String: LogLine] = [:]) {
        historyRequested = false
        historyExhausted = !hasMore
        let fresh = page.filter { shown[$0.0.id] == nil }
        var lines = fresh.flatMap { message, line in
            (separators[message.id].map { [$0.with(id: .dayStart(before: message.id))] } ?? []) + [line.with(id: .message(message.id))]
        }
        if let top = oldestMessage, !fresh.isEmpty {
            _ = log.remove(id: key(.dayStart(before: top.id)))
            if let separator = separators[top.id] { lines.append(separator.with(id: .dayStart(before: top.id))) }
        }
        log.prepend(lines)
        for (message, _) in fresh { shown[message.id] = message.seq }
        if let first = fresh.first {
            oldestSeq = first.0.seq
            oldestMessage = first.0
        }
    }

    /// The fetch failed: the next page up may try again.
    mutating func historyFailed() { historyRequested = false }

    /// The key the log finds a line by; the one place a `LineID` becomes text.
    private func key(_ id: LineID) -> String { id.key }
}

extension ChatFeed.LineID {
    /// Server ids never contain a space, so the two kinds cannot meet.
    var key: String {
        switch self {
        case .message(let id): id
        case .pending(let clientId): "pending " + clientId
        case .dayStart(let messageId): "day " + messageId
        }
    }
}

extension LogLine {
    /// The same line, found by `id`.
    fileprivate func with(id: ChatFeed.LineID) -> LogLine {
        var line = self
        line.id = id.key
        return line
    }
}
