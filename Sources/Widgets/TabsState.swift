/// Which tab is active, owned by the app: the narrow layout shows one panel at a time.
public struct TabsState: Sendable, Hashable {
    /// The active tab's index; clamped into the tabs whenever it is used.
    public var active: Int

    /// A state with tab `active` active.
    public init(active: Int = 0) {
        self.active = active
    }

    /// Activates the next tab, wrapping from the last to the first (Tab, Ctrl-PgDn).
    public mutating func next(count: Int) {
        guard count > 0 else { return }
        active = (current(count: count) + 1) % count
    }

    /// Activates the previous tab, wrapping from the first to the last (Shift-Tab, Ctrl-PgUp).
    public mutating func previous(count: Int) {
        guard count > 0 else { return }
        active = (current(count: count) + count - 1) % count
    }

    /// Activates tab `index`, clamped into the tabs (a click, Alt-1...).
    public mutating func select(_ index: Int, count: Int) {
        active = min(max(0, index), max(0, count - 1))
    }

    /// The active tab clamped into `count` tabs (0 when there are none).
    public func current(count: Int) -> Int {
        min(max(0, active), max(0, count - 1))
    }
}
