/// The scroll position of the `HelpOverlay`, owned by the app while help is open.
public struct HelpState: Sendable, Hashable {
    /// What a key did to the overlay when it was not just scrolling.
    public enum Outcome: Sendable, Hashable {
        /// Escape, F1, "?" or "q": the app closes help.
        case close
    }

    /// The first line shown.
    public var offset: Int

    /// Help scrolled to `offset` (the top by default).
    public init(offset: Int = 0) {
        self.offset = offset
    }

    /// Scrolls on Up/Down/PgUp/PgDn/Home/End and the mouse wheel; returns `.close` for
    /// Escape, F1, "?" and "q" (the keys that open help close it too), else nil.
    /// `lineCount` and `pageHeight` come from the overlay (`HelpOverlay.lineCount`, `pageHeight(in:)`).
    public mutating func handle(_ event: InputEvent, lineCount: Int, pageHeight: Int) -> Outcome? {
        let page = max(1, pageHeight)
        let target: Int
        switch event {
        case .escape, .function(1), .text("?"), .text("q"): return .close
        case .up: target = offset - 1
        case .down: target = offset + 1
        case .pageUp: target = offset - page
        case .pageDown: target = offset + page
        case .home: target = 0
        case .end: target = lineCount
        case .mouse(let mouse) where mouse.kind == .wheelUp: target = offset - 3
        case .mouse(let mouse) where mouse.kind == .wheelDown: target = offset + 3
        case .text, .enter, .tab, .backTab, .backspace, .delete, .insert, .left, .right, .ctrlLeft, .ctrlRight,
             .function, .ctrl, .alt, .mouse, .resize, .paste:
            return nil
        }
        offset = min(max(0, target), max(0, lineCount - max(0, pageHeight)))
        return nil
    }
}
