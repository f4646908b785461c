/// The selection and scroll offset of a `ListView`, owned by the app and changed by keys.
///
/// A plain value so the app's state stays a struct and tests drive it without a screen.
/// Every method takes the list's current `count` and visible `height` (the list area's
/// height), because rows come and go (people join and leave) and the terminal resizes.
public struct ListState: Sendable, Hashable {
    /// A move of the selection, one per navigation key.
    public enum Move: Sendable, Hashable {
        case next, previous, first, last, pageUp, pageDown
    }

    /// The selected row; clamped into the list whenever it is used.
    public var selected: Int
    /// The first row shown; the view corrects it so that the selection stays visible.
    public var offset: Int

    /// A state with `selected` selected and the list scrolled to `offset`.
    public init(selected: Int = 0, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    /// Moves the selection (stopping at the ends) and scrolls just enough to keep it visible.
    /// A page is the visible height.
    public mutating func select(_ move: Move, count: Int, height: Int) {
        let current = selection(count: count) ?? 0
        let page = max(1, height)
        let target = switch move {
        case .next: current + 1
        case .previous: current - 1
        case .first: 0
        case .last: count - 1
        case .pageUp: current - page
        case .pageDown: current + page
        }
        select(index: target, count: count, height: height)
    }

    /// Selects row `index` (clamped into the list), e.g. after a click, and keeps it visible.
    public mutating func select(index: Int, count: Int, height: Int) {
        selected = Self.clamp(index, count: count)
        offset = visibleOffset(count: count, height: height)
    }

    /// Scrolls by `lines` (negative is up) without moving the selection unless it would leave
    /// the view, in which case it follows: what the mouse wheel does.
    public mutating func scroll(by lines: Int, count: Int, height: Int) {
        guard count > 0, height > 0 else { return }
        offset = min(max(0, visibleOffset(count: count, height: height) + lines), max(0, count - height))
        let current = selection(count: count) ?? 0
        selected = min(max(current, offset), offset + height - 1)
    }

    /// The selected row clamped into a list of `count` rows, or nil for an empty list.
    public func selection(count: Int) -> Int? {
        count > 0 ? Self.clamp(selected, count: count) : nil
    }

    /// The first row to show: `offset`, moved as little as possible to show the selection
    /// and not to leave empty rows at the bottom of a list longer than the view.
    public func visibleOffset(count: Int, height: Int) -> Int {
        guard count > 0, height > 0 else { return 0 }
        var first = min(max(0, offset), max(0, count - height))
        let current = Self.clamp(selected, count: count)
        if current < first { first = current }
        if current >= first + height { first = current - height + 1 }
        return first
    }

    private static func clamp(_ index: Int, count: Int) -> Int {
        min(max(0, index), max(0, count - 1))
    }
}
