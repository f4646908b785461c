/// The selected button of a `Dialog`, owned by the app while the dialog is open.
///
/// Button 0 confirms ("Retirer", "OK"); every other button cancels ("Annuler"). Keys go to
/// `handle`, which says when the dialog is done, so the app's update stays a plain switch.
public struct DialogState: Sendable, Hashable {
    /// How a dialog ended.
    public enum Outcome: Sendable, Hashable {
        /// The first button was pressed: do the thing.
        case confirmed
        /// Escape or another button: do nothing.
        case cancelled
    }

    /// How many buttons the dialog has (1 for a message, 2 for a confirmation).
    public var buttonCount: Int
    /// The highlighted button, which Enter presses.
    public var selected: Int

    /// A state for a dialog of `buttonCount` buttons with `selected` highlighted. For a
    /// destructive confirmation, start on the cancel button (1) so a stray Enter does no harm.
    public init(buttonCount: Int = 2, selected: Int = 0) {
        self.buttonCount = max(1, buttonCount)
        self.selected = min(max(0, selected), self.buttonCount - 1)
    }

    /// Left/Right move the highlight (stopping at the ends), Tab/Shift-Tab cycle it, Enter
    /// presses it, Escape cancels. Returns the outcome when the dialog is done, else nil.
    public mutating func handle(_ event: InputEvent) -> Outcome? {
        switch event {
        case .left: selected = max(0, selected - 1)
        case .right: selected = min(buttonCount - 1, selected + 1)
        case .tab: selected = (selected + 1) % buttonCount
        case .backTab: selected = (selected + buttonCount - 1) % buttonCount
        case .enter: return press(selected)
        case .escape: return .cancelled
        case .text, .backspace, .delete, .insert, .up, .down, .home, .end, .pageUp, .pageDown,
             .ctrlLeft, .ctrlRight, .function, .ctrl, .alt, .mouse, .resize, .paste:
            break
        }
        return nil
    }

    /// Presses button `index` (a click, or Enter on it): the first confirms, the others cancel.
    public mutating func press(_ index: Int) -> Outcome {
        selected = min(max(0, index), buttonCount - 1)
        return selected == 0 ? .confirmed : .cancelled
    }
}
