/// The app's one table of key bindings: the dispatcher looks keys up in it, the status bar
/// shows its `statusHints`, the help overlay lists its `helpSections`. One table, so what
/// help says is what the keys do.
///
/// A screen that types text (the chat line) should not bind bare letters: the dispatcher
/// asks the table first, so a binding on `.text("q")` would eat every "q" typed. Give such
/// modes their own table (tables are plain values; `filter` one from another).
public struct KeyTable<Action: Sendable & Hashable>: Sendable {
    /// Every binding, in the order help lists them.
    public var bindings: [KeyBinding<Action>]

    /// A table from its bindings, in the order help and the status bar show them.
    public init(_ bindings: [KeyBinding<Action>]) {
        self.bindings = bindings
    }

    /// The first binding `event` triggers, or nil (always nil for pastes, mouse events, resizes).
    public func binding(for event: InputEvent) -> KeyBinding<Action>? {
        bindings.first { $0.matches(event) }
    }

    /// The action `event` triggers, or nil: what the dispatcher calls on each key.
    public func action(for event: InputEvent) -> Action? {
        binding(for: event)?.action
    }

    /// The help hint of `action`'s first binding, to name its keys in a message
    /// ("F2, Ctrl-R pour lever la main").
    public func hint(for action: Action) -> KeyHint? {
        bindings.first { $0.action == action }?.helpHint
    }

    /// What the status bar offers, in table order.
    public var statusHints: [KeyHint] {
        bindings.filter(\.inStatusBar).map(\.statusHint)
    }

    /// The bindings grouped by section, in order of first appearance, for the help overlay.
    public var helpSections: [HelpOverlay.Section] {
        var sections: [HelpOverlay.Section] = []
        for binding in bindings {
            if let index = sections.firstIndex(where: { $0.title == binding.section }) {
                sections[index].hints.append(binding.helpHint)
            } else {
                sections.append(HelpOverlay.Section(title: binding.section, hints: [binding.helpHint]))
            }
        }
        return sections
    }

    /// Keys bound more than once, each reported once, in table order: only the first binding
    /// would ever fire, so the app's tests expect this to be empty.
    public var conflicts: [InputEvent] {
        var seen: Set<InputEvent> = []
        var reported: Set<InputEvent> = []
        var result: [InputEvent] = []
        for key in bindings.flatMap(\.keys) {
            if !seen.insert(key).inserted, reported.insert(key).inserted { result.append(key) }
        }
        return result
    }

    /// The table with only the bindings `isIncluded` keeps, for a mode that needs fewer keys.
    public func filter(_ isIncluded: (KeyBinding<Action>) -> Bool) -> KeyTable {
        KeyTable(bindings.filter(isIncluded))
    }
}
