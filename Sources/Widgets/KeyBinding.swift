/// A key and what it does, as people read it: "F2" "main". The status bar and the help
/// overlay draw these; they come from the app's `KeyTable`, never typed twice.
public struct KeyHint: Sendable, Hashable {
    /// The key as shown, e.g. "F2", "Ctrl-R" or "F2, Ctrl-R".
    public var key: String
    /// What the key does, already localised ("aide", "lever la main").
    public var label: String

    /// A hint from its two texts.
    public init(key: String, label: String) {
        self.key = key
        self.label = label
    }
}

/// One action and every key that triggers it, with the text help and the status bar show.
///
/// Several keys per action because many terminals keep some keys for themselves (F1, F10,
/// F11 in GNOME Terminal, Ctrl-S with flow control): "raise hand" is F2 *and* Ctrl-R.
/// Generic over the app's action type so that Widgets never depends on the app.
public struct KeyBinding<Action: Sendable & Hashable>: Sendable, Hashable {
    /// The keys that trigger the action; the first is the one the status bar shows.
    public var keys: [InputEvent]
    /// What the dispatcher does when one of `keys` is pressed.
    public var action: Action
    /// What the action does, for people ("aide", "main"): shown in help and the status bar.
    public var label: String
    /// Shown instead of the keys' own names when set (e.g. "↑↓" for a pair of bindings).
    public var keyText: String?
    /// Whether the status bar offers this binding (help always lists it).
    public var inStatusBar: Bool
    /// The heading the help overlay lists it under ("" for the first, unnamed group).
    public var section: String

    /// A binding from its keys, most familiar first.
    public init(
        _ keys: [InputEvent], action: Action, label: String, keyText: String? = nil,
        inStatusBar: Bool = false, section: String = ""
    ) {
        self.keys = keys
        self.action = action
        self.label = label
        self.keyText = keyText
        self.inStatusBar = inStatusBar
        self.section = section
    }

    /// A binding written inline: `KeyBinding(.function(2), .ctrl("r"), action: .raiseHand, label: "main")`.
    public init(
        _ keys: InputEvent..., action: Action, label: String, keyText: String? = nil,
        inStatusBar: Bool = false, section: String = ""
    ) {
        self.init(keys, action: action, label: label, keyText: keyText, inStatusBar: inStatusBar, section: section)
    }

    /// Whether `event` triggers this binding. Pastes, mouse events and resizes never do:
    /// pasted text must not run commands.
    public func matches(_ event: InputEvent) -> Bool {
        guard event.isKey else { return false }
        return keys.contains(event)
    }

    /// The hint the status bar shows: the first key only, because room is short there.
    public var statusHint: KeyHint {
        KeyHint(key: keyText ?? keys.first?.keyName ?? "", label: label)
    }

    /// The hint the help overlay shows: every key, so people whose terminal eats one find another.
    public var helpHint: KeyHint {
        KeyHint(key: keyText ?? keys.map(\.keyName).filter { !$0.isEmpty }.joined(separator: ", "), label: label)
    }
}

extension InputEvent {
    /// Whether this is a key press a binding may match (not a paste, mouse event or resize).
    public var isKey: Bool {
        switch self {
        case .mouse, .resize, .paste: false
        case .text, .enter, .tab, .backTab, .backspace, .delete, .escape, .insert, .up, .down, .left, .right,
             .home, .end, .pageUp, .pageDown, .ctrlLeft, .ctrlRight, .function, .ctrl, .alt:
            true
        }
    }

    /// The key's name as people read it on a keyboard ("F2", "Ctrl-R", "PgUp", "Space");
    /// empty for events that are not keys.
    public var keyName: String {
        switch self {
        case .text(" "): "Space"
        case .text(let character): String(character)
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .escape: "Esc"
        case .insert: "Ins"
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .ctrlLeft: "Ctrl-Left"
        case .ctrlRight: "Ctrl-Right"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .function(let number): "F\(number)"
        case .ctrl(let character): "Ctrl-" + character.uppercased()
        case .alt("\u{7F}"): "Alt-Backspace"
        case .alt(let character): "Alt-" + character.uppercased()
        case .mouse, .resize, .paste: ""
        }
    }
}
