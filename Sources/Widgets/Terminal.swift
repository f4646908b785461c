/// Where the app draws and reads keys: ncurses in the product, memory in tests.
///
/// The app never touches ncurses: it renders its state into a `CellBuffer` and hands it to
/// `draw`, with the cell where the user types so that screen readers follow the cursor.
public protocol Terminal: AnyObject {
    var size: Size { get }
    /// Shows a whole frame; `cursor` nil hides the cursor.
    func draw(_ buffer: CellBuffer, cursor: Point?)
    /// Every input event available now, without waiting.
    func readEvents() -> [InputEvent]
    /// Rings the bell (mentions, being given the floor).
    func bell()
    /// Gives the terminal back as it was: normal screen, cooked mode, cursor shown.
    func restore()
}

/// A terminal in memory: keeps the last frame, replays scripted input. For tests.
public final class MemoryTerminal: Terminal {
    public private(set) var size: Size
    public private(set) var frame: CellBuffer
    public private(set) var cursor: Point?
    public private(set) var frames = 0
    public private(set) var bells = 0
    public private(set) var restored = false
    private var queued: [InputEvent] = []

    public init(width: Int, height: Int) {
        size = Size(width: width, height: height)
        frame = CellBuffer(width: width, height: height)
    }

    public func draw(_ buffer: CellBuffer, cursor: Point?) {
        frame = buffer
        self.cursor = cursor
        frames += 1
    }

    public func readEvents() -> [InputEvent] {
        defer { queued.removeAll() }
        return queued
    }

    public func bell() { bells += 1 }
    public func restore() { restored = true }

    /// Queues input for the next `readEvents`.
    public func type(_ events: InputEvent...) { queued += events }

    /// Changes the size and queues a resize event, as a terminal does.
    public func resize(width: Int, height: Int) {
        size = Size(width: width, height: height)
        queued.append(.resize)
    }
}
