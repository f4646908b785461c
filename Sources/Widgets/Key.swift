/// A mouse action at a cell.
public struct MouseEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case press, release, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// One thing the user did, decoded from the terminal's input.
public enum InputEvent: Sendable, Hashable {
    /// Text typed: one cluster.
    case text(Character)
    case enter, tab, backTab, backspace, delete, escape, insert
    case up, down, left, right, home, end, pageUp, pageDown
    /// Ctrl with the left or right arrow: a word at a time.
    case ctrlLeft, ctrlRight
    /// F1 to F12.
    case function(Int)
    /// Ctrl and a letter, lowercase ("a" for Ctrl-A).
    case ctrl(Character)
    /// Alt (or Esc then) a key.
    case alt(Character)
    case mouse(MouseEvent)
    /// The terminal changed size.
    case resize
    /// Text pasted in one go (bracketed paste): never a key binding.
    case paste(String)
}

/// What the terminal layer reads before decoding: a character, or a key ncurses recognised.
public enum RawInput: Sendable, Hashable {
    case character(Unicode.Scalar)
    case key(InputEvent)
}

/// Turns raw input into events: control characters, Esc-prefixed Alt keys, and bracketed
/// paste (ESC [200~ ... ESC [201~) as one event. Pure, so it is tested without a terminal.
public struct KeyDecoder: Sendable {
    private var pending: [Unicode.Scalar] = []
    private var pasting = false
    private var pasted: [Unicode.Scalar] = []

    public init() {}

    private static let pasteStart: [Unicode.Scalar] = ["\u{1B}", "[", "2", "0", "0", "~"]
    private static let pasteEnd: [Unicode.Scalar] = ["\u{1B}", "[", "2", "0", "1", "~"]
    private static let ctrlArrows: [String: InputEvent] = ["[1;5D": .ctrlLeft, "[1;5C": .ctrlRight]

    /// Decodes one batch of input read together. An Esc at the end of a batch with nothing
    /// after it is the Escape key; an Esc followed by a key in the same batch is Alt.
    public mutating func decode(_ batch: [RawInput]) -> [InputEvent] {
        var events: [InputEvent] = []
        var scalars: [Unicode.Scalar] = []
        func flushText() {
            guard !scalars.isEmpty else { return }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars)
            for character in String(text) { events.append(Self.event(for: character)) }
            scalars.removeAll()
        }
        var input = pending.map(RawInput.character) + batch
        pending.removeAll()
        var index = 0
        while index < input.count {
            if pasting {
                if case .character(let c) = input[index] {
                    pasted.append(c)
                    if pasted.count >= 6 && Array(pasted.suffix(6)) == Self.pasteEnd {
                        pasted.removeLast(6)
                        var text = String.UnicodeScalarView()
                        text.append(contentsOf: pasted)
                        events.append(.paste(String(text).replacingCRLF()))
                        pasted.removeAll()
                        pasting = false
                    }
                }
                index += 1
                continue
            }
            switch input[index] {
            case .key(let event):
                flushText()
                events.append(event)
                index += 1
            case .character("\u{1B}"):
                flushText()
                let rest = input[(index + 1)...].prefix(5).compactMap { if case .character(let c) = $0 { c } else { nil } }
                if rest.count >= 5, let arrow = Self.ctrlArrows[String(String.UnicodeScalarView(rest.prefix(5)))] {
                    // Ctrl-arrows that terminfo did not name: ESC [ 1 ; 5 C / D.
                    events.append(arrow)
                    index += 6
                } else if rest.count == 5 && ["\u{1B}"] + rest == Self.pasteStart {
                    pasting = true
                    index += 6
                } else if index + 1 < input.count, rest.count < 5, (["\u{1B}"] + rest) == Array(Self.pasteStart.prefix(rest.count + 1)), index + rest.count + 1 == input.count {
                    // The start of a paste marker cut by the read: keep it for the next batch.
                    pending = ["\u{1B}"] + rest
                    index = input.count
                } else if index + 1 < input.count {
                    switch input[index + 1] {
                    case .character(let next) where next.value >= 0x20 && next.value != 0x7F:
                        events.append(.alt(Character(next)))
                    case .character(let next) where next.value == 0x7F || next.value == 0x08:
                        events.append(.alt("\u{7F}"))
                    case .character(let next) where next.value == 0x0D || next.value == 0x0A:
                        // Alt-Enter: a line break in a multi-line input.
                        events.append(.alt("\n"))
                    case .key(let key):
                        events.append(key)
                    case .character:
                        events.append(.escape)
                        index -= 1
                    }
                    index += 2
                } else {
                    events.append(.escape)
                    index += 1
                }
            case .character(let c):
                if c.value < 0x20 || c.value == 0x7F {
                    flushText()
                    events.append(Self.control(c))
                } else {
                    scalars.append(c)
                }
                index += 1
            }
        }
        flushText()
        input.removeAll()
        return events
    }

    private static func event(for character: Character) -> InputEvent { .text(character) }

    private static func control(_ c: Unicode.Scalar) -> InputEvent {
        switch c.value {
        // Enter is CR (ncurses runs with nonl()); LF is Ctrl-J, which inserts a line break.
        case 0x0D: .enter
        case 0x09: .tab
        case 0x7F, 0x08: .backspace
        case 0x01...0x1A: .ctrl(Character(Unicode.Scalar(c.value + 0x60)!))
        default: .escape
        }
    }
}

extension String {
    fileprivate func replacingCRLF() -> String {
        var out = ""
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousCR = true
                continue
            }
            if scalar == "\n" && previousCR { previousCR = false; continue }
            previousCR = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
