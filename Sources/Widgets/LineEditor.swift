/// The input line: one line of text edited with the usual terminal keys (readline/emacs
/// subset), with history, a length limit, completion and horizontal scrolling.
///
/// The text is kept as grapheme clusters and the cursor is an index into them, so it is
/// always on a cluster boundary: an emoji sequence or an accent typed as a combining mark
/// is one step for the arrows and for Backspace.
public struct LineEditor: Sendable {
    /// What `handle` did with an event.
    public enum Outcome: Sendable, Hashable {
        /// The editor used the event.
        case handled
        /// Enter with some text: the text, trimmed; the editor is now empty.
        case submitted(String)
        /// The editor has no use for the event: the app may (F2, PgUp, Tab to change panes...).
        case notHandled
    }

    /// Tab cycling through several completions of one word.
    struct Completion: Sendable, Hashable {
        var wordStart: Int
        var candidates: [String]
        var index: Int
    }

    /// The text, one element per grapheme cluster (always `Array(text)`).
    public internal(set) var clusters: [Character] = []
    /// The cursor, as a number of clusters from the start: `0...clusters.count`.
    public internal(set) var cursor = 0
    /// The most clusters the text may hold (nil: no limit); extra input is refused.
    public var maxLength: Int?
    /// Shown dim while the line is empty, e.g. "écris ton message…".
    public var placeholder: String
    /// Drawn before the text, e.g. "> ".
    public var prompt: String
    /// Completions for the word before the cursor (e.g. "@ka" -> ["@Karim"]), asked on Tab.
    public var completer: (@Sendable (String) -> [String])?
    /// Lines submitted, oldest first, without consecutive repeats.
    public internal(set) var history: [String] = []
    /// How many submitted lines `history` keeps.
    public var historyLimit = 100
    /// Whether the last event (or `insert`) lost text to `maxLength`: the app can say so.
    public internal(set) var lastInsertWasCut = false
    /// Whether the text may hold line breaks: a paste keeps its lines, Alt-Enter and Ctrl-J
    /// insert one (drawn as ␊ on the one input row); Enter still submits.
    public var multiline = false

    /// The history entry shown, while browsing with Up/Down.
    var browsing: Int?
    /// What was being typed before browsing, restored by Down past the newest entry.
    var draft = ""
    /// The text of the last Ctrl-K, Ctrl-U or Ctrl-W, for Ctrl-Y.
    var killed = ""
    var completion: Completion?
    /// The first cluster shown at the last render (horizontal scrolling).
    var scrollStart = 0

    /// An empty line editor.
    public init(
        prompt: String = "", placeholder: String = "", maxLength: Int? = nil,
        completer: (@Sendable (String) -> [String])? = nil
    ) {
        self.prompt = prompt
        self.placeholder = placeholder
        self.maxLength = maxLength
        self.completer = completer
    }

    /// The text being edited.
    public var text: String { String(clusters) }

    /// Whether there is no text (the placeholder shows).
    public var isEmpty: Bool { clusters.isEmpty }

    /// Replaces the text (e.g. to restore a message that could not be sent), cursor at the end.
    public mutating func setText(_ text: String) {
        lastInsertWasCut = false
        completion = nil
        browsing = nil
        replace(0..<clusters.count, with: multiline ? Self.lines(text) : Self.singleLine(text), partial: true)
    }

    /// Inserts text at the cursor as if typed, newlines becoming spaces; what exceeds
    /// `maxLength` is dropped and `lastInsertWasCut` says so.
    public mutating func insert(_ text: String) {
        lastInsertWasCut = false
        replace(cursor..<cursor, with: Self.singleLine(text), partial: true)
    }

    /// Applies one input event: editing and movement keys, Enter to submit, Up/Down for
    /// history, Tab for completion. Keys it has no use for come back as `.notHandled`.
    public mutating func handle(_ event: InputEvent) -> Outcome {
        lastInsertWasCut = false
        let cycling = completion
        completion = nil
        switch event {
        case .text(let character): replace(cursor..<cursor, with: Self.singleLine(String(character)), partial: true)
        case .paste(let text): replace(cursor..<cursor, with: multiline ? Self.lines(text) : Self.singleLine(text), partial: true)
        case .enter: return submit()
        case .alt("\n") where multiline, .ctrl("j") where multiline: replace(cursor..<cursor, with: "\n", partial: false)
        case .backspace: if cursor > 0 { replace((cursor - 1)..<cursor, with: "", partial: true) }
        case .delete: if cursor < clusters.count { replace(cursor..<(cursor + 1), with: "", partial: true) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(clusters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = clusters.count
        case .alt("b"), .ctrlLeft: cursor = wordStart(before: cursor)
        case .alt("f"), .ctrlRight: cursor = wordEnd(after: cursor)
        case .ctrl("k"): kill(cursor..<clusters.count)
        case .ctrl("u"): kill(0..<cursor)
        case .ctrl("w"), .alt("\u{7F}"): kill(wordStart(before: cursor)..<cursor)
        case .alt("d"): kill(cursor..<wordEnd(after: cursor))
        case .ctrl("y"): replace(cursor..<cursor, with: killed, partial: true)
        case .up: return recallOlder()
        case .down: return recallNewer()
        case .tab: return complete(step: 1, cycling: cycling)
        case .backTab: return complete(step: -1, cycling: cycling)
        case .escape, .insert, .pageUp, .pageDown, .function, .ctrl, .alt, .mouse, .resize: return .notHandled
        }
        return .handled
    }

    /// `text` with its lines kept as "\n" (CR LF and CR too), tabs as four spaces.
    static func lines(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\t", with: "    ")
    }

    /// `text` on one line: newlines and tabs become spaces (a paste never submits).
    static func singleLine(_ text: String) -> String {
        guard text.contains(where: { $0.isNewline || $0 == "\t" }) else { return text }
        return String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
