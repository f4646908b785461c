public import Foundation

/// Where the app draws and reads keys: ncurses in the product, memory in tests.
///
/// The app never touches ncurses: it renders its state into a `CellBuffer` and hands it to
/// `draw`, with the cell where the user types so that screen readers follow the cursor.
/// `wait` is what the runner blocks in: idle means blocked there.
public protocol Terminal: AnyObject {
    var size: Size { get }
    /// The shortest time between two frames drawn for network input alone (keys draw at
    /// once): a real terminal coalesces a flood of chat into a few frames a second; zero
    /// draws every frame (tests).
    var frameInterval: Duration { get }
    /// Shows a whole frame; `cursor` nil hides the cursor.
    func draw(_ buffer: CellBuffer, cursor: Point?)
    /// Every input event available now, without waiting.
    func readEvents() -> [InputEvent]
    /// Blocks until input, a request to stop, one of `others` is readable, or `deadline`
    /// (on the runner's clock; nil for none) passes.
    func wait(until deadline: Date?, others: [Int32]) -> Wakeup
    /// Rings the bell (mentions, being given the floor).
    func bell()
    /// Gives the terminal back as it was: normal screen, cooked mode, cursor shown.
    func restore()
}
