import Foundation
import SessionClient
import SessionModel
import Widgets

/// A pane of the room screen.
enum Pane: Sendable, Hashable, CaseIterable {
    case chat, agenda, people, questions
}

/// What a key or a command asks the room to do.
enum RoomAction: Sendable, Hashable {
    case help, hand, nextPane, previousPane, historyUp, historyDown, quit, retry
    case floorNext, floorSelected, lowerSelectedHand, lowerAllHands, agendaNext, agendaPrevious
    case muteSelected, removeSelected, lock
    /// Answers the oldest seat claim: the seat goes back to whoever asked, or not.
    case acceptClaim, refuseClaim
    /// Forgets my first message the server refused.
    case dismissFailed
    /// Answers the open poll (0-based), from a key 1-6 on an empty input.
    case vote(Int)
    /// Sets my pace signal, or clears it.
    case signal(PaceSignal?)
    /// The expert opens a yes/no poll in one key.
    case yesNoPoll
    /// A learner writes a private question; the expert publishes the selected one.
    case ask, publishSelected
    /// Selects a message to react to.
    case react
    /// Asks for words to search the chat for.
    case search
}

/// What the room asks the outside world to do; `update` returns these and does no I/O.
enum RoomEffect: Sendable, Equatable {
    case send(Outbox.Kind)
    case retry(String)
    /// Forgets a refused change (its `clientId`).
    case dismiss(String)
    case moderate(ModerationAction, ModerationRequest)
    case fetchHistory(before: Int64)
    /// A search, the attendance register or the transcript.
    case fetchReport(ReportRequest)
    case bell
    case quit
    /// A line for `--log-file` (a refused moderation); the screen never shows logs.
    case log(String)
}

/// Everything that can change the room screen.
enum RoomMessage: Sendable {
    case input(InputEvent)
    case stream(LongPoll.Action)
    case outbox(Outbox)
    case history(MessagesResponse)
    /// Fetching older messages failed; PgUp may try again.
    case historyFailed(String)
    case tick(Date)
    case resized(Size)
    /// A one-line notice: a refused moderation, a command's answer.
    case notice(String)
    case report(ReportAnswer)
    case reportFailed(ReportFailure)
}

/// The room screen's state: a value, changed only by `update`, drawn by `RoomView`.
struct RoomModel {
    var strings: Strings
    var theme: Theme
    var size: Size
    var now: Date
    /// For the clock and message times; tests fix it.
    var timeZone = TimeZone.current
    var bellEnabled: Bool
    var me: Participant? {
        didSet { if me?.name != oldValue?.name { myNameKey = me.map { RoomState.nameKey($0.name) } } }
    }
    /// My name folded for matching mentions, once per name rather than once per message.
    private(set) var myNameKey: String?
    var room: RoomState?
    /// Authors of older messages fetched for scrollback whom the room's state does not name
    /// (they left long ago: states name present participants and those they refer to).
    var historyAuthors: [String: Participant] = [:]
    var status: ConnectionStatus = .connecting
    var outbox = Outbox()
    var chat: ChatFeed
    var editor: LineEditor
    var focus: Pane = .chat
    var people = ListState()
    /// The selected person, by id: the roster is re-sorted when people come and go.
    var selectedPersonId: String?
    /// Whether the "absent·e·s" group at the end of the roster shows its names.
    var absentOpen = false
    var agendaList = ListState()
    var sideTab = TabsState()
    var showHelp = false
    var help = HelpState()
    /// The learner an expert is about to remove, while the confirmation is shown.
    var removal: (participant: Participant, dialog: DialogState)?
    /// "Leave the room?", after F10 or Ctrl-Q: leaving gives the seat up.
    var quitting: DialogState?
    /// When each of my unsent lines was first shown: its time stays the same on every redraw.
    var pendingSince: [String: Date] = [:]
    /// "You have the floor", shown until the floor moves on.
    var banner: String?
    var notice: String?
    var ended: EndReason?
    /// Shown first in the chat, after every rebuild (the demo's "how to join from elsewhere").
    var welcome: String?
    /// While my join waits for an expert to give me an offline seat back: its name and deadline.
    var seatWait: (name: String, until: Date)?
    /// How my seat claim was settled, said in the chat once it is built.
    var claimOutcome: String?
    /// Whether the expert's bell rang for a third of the room lost, so it rings once.
    var lostAlarmRung = false
    /// What the next Enter sends when it is not a chat message (an answer, a private question).
    var composing: Composing?
    /// The selected question in the Questions view, by id (questions get answered and move).
    var selectedQuestionId: String?
    /// The message selected to react to, by id; drawn reversed in the chat.
    var reactingTo: String?
    /// The search of the chat under way (Ctrl-F), if any.
    var search: ChatSearch?
    /// The attendance register shown over the room (`/presences`), if it is.
    var presences: Presences?
    /// When the expert first asked to close the last day: a second ask soon after ends the workshop.
    var closeWorkshopAskedAt: Date?

    init(strings: Strings, theme: Theme, size: Size, now: Date, bellEnabled: Bool = true) {
        self.strings = strings
        self.theme = theme
        self.size = size
        self.now = now
        self.bellEnabled = bellEnabled
        chat = ChatFeed(newLinesLabel: strings.newLines, unreadLabel: strings.unread)
        editor = LineEditor(prompt: "> ", placeholder: strings.inputPlaceholder, maxLength: Limits.messageMaxLength)
        // Code snippets matter in these workshops: a paste keeps its lines.
        editor.multiline = true
    }

    var isExpert: Bool { me?.role == .expert }

    /// The participant whose name matches, ignoring case and accents ("@Chloe" finds Chloé).
    func person(named raw: String) -> Participant? {
        let name = raw.hasPrefix("@") ? String(raw.dropFirst()) : raw
        return room?.presentParticipant(named: name)
    }

    /// Whether `text` mentions me: "@Name" or my name as a word.
    func mentionsMe(_ text: String) -> Bool {
        guard let key = myNameKey else { return false }
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            if Self.asciiWords(of: text, mention: key) { return true }
        } else if Self.words(of: text, mention: key) {
            return true
        }
        // "@Marie Claire": a name with a space is no word. Only an at sign (or its full-width
        // and small forms, which fold to it) can start such a mention: fold the text only then.
        guard text.unicodeScalars.contains(where: { $0 == "@" || $0 == "\u{FF20}" || $0 == "\u{FE6B}" }) else { return false }
        return RoomState.nameKey(text).contains("@" + key)
    }

    /// Whether a word of `text` folds to `key`, words split between characters.
    static func words(of text: String, mention key: String) -> Bool {
        let keyLength = key.utf8.count
        for word in text.split(whereSeparator: Self.separatesWords) {
            // An ASCII word folds to at least half its length ("rn" reads "m") and never to
            // more: most words cannot be my name, whatever they fold to.
            if word.utf8.allSatisfy({ $0 < 0x80 }), word.utf8.count < keyLength || word.utf8.count > 2 * keyLength { continue }
            if RoomState.nameKey(String(word)) == key { return true }
        }
        return false
    }

    /// `words(of:mention:)` for ASCII text, split between bytes: a character of ASCII text is
    /// one byte (or "\r\n", a separator either way), and splitting by characters broke
    /// graphemes for every byte of every message of a flood (5% of its CPU).
    static func asciiWords(of text: String, mention key: String) -> Bool {
        let keyLength = key.utf8.count
        var text = text
        return text.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                guard Self.joinsWord(bytes[start]) else { start += 1; continue }
                var end = start + 1
                while end < bytes.count, Self.joinsWord(bytes[end]) { end += 1 }
                defer { start = end }
                let length = end - start
                if length < keyLength || length > 2 * keyLength { continue }
                if RoomState.nameKey(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)) == key { return true }
            }
            return false
        }
    }

    /// A letter, a digit or a hyphen: what `separatesWords` keeps together, for one ASCII byte.
    private static func joinsWord(_ byte: UInt8) -> Bool {
        isalnum(Int32(byte)) != 0 || byte == UInt8(ascii: "-")
    }

    /// Anything but a letter, a digit or a hyphen; ASCII without Unicode's property tables.
    private static func separatesWords(_ character: Character) -> Bool {
        if let ascii = character.asciiValue { return !joinsWord(ascii) }
        return !character.isLetter && !character.isNumber
    }
}
