internal import CNcursesw
public import Foundation
import Glibc

/// The terminal's own idea of a scalar's width (wcwidth), in a UTF-8 locale.
enum ScalarWidth {
    private static let ready: Bool = {
        setlocale(LC_CTYPE, "")
        if momentum_is_utf8_locale() == 0 { setlocale(LC_CTYPE, "C.UTF-8") }
        return true
    }()

    static func of(_ scalar: Unicode.Scalar) -> Int {
        _ = ready
        return Int(momentum_wcwidth(wchar_t(bitPattern: scalar.value)))
    }
}

/// How many colours a terminal shows.
public enum ColorDepth: Int, Sendable, Comparable {
    case none = 0, eight = 8, sixteen = 16, indexed256 = 256, truecolor = 16_777_216

    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }
}

/// Why the terminal could not be opened.
public enum TerminalError: Error, CustomStringConvertible {
    case notATerminal
    case cannotInitialise(String)

    public var description: String {
        switch self {
        case .notATerminal: "standard input and output must be a terminal (use --plain otherwise)"
        case .cannotInitialise(let term): "the terminal type \"\(term)\" is unknown to ncurses (check TERM)"
        }
    }
}

// The state the signal handlers need. Signal handlers cannot capture; these are written once
// before the handlers are installed and only read after.
nonisolated(unsafe) private var savedTermios = termios()
nonisolated(unsafe) private var haveSavedTermios = false
nonisolated(unsafe) private var signalPipeWrite: Int32 = -1
nonisolated(unsafe) private var ncursesWinchHandler: (@convention(c) (Int32) -> Void)?

/// Undoes what the terminal set up, with async-signal-safe calls only (write, tcsetattr):
/// leave the alternate screen, show the cursor, stop mouse and paste reporting.
private func emergencyRestore() {
    let reset = "\u{1B}[?2004l\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n"
    reset.utf8CString.withUnsafeBufferPointer { buffer in
        _ = Glibc.write(STDOUT_FILENO, buffer.baseAddress, buffer.count - 1)
    }
    if haveSavedTermios { tcsetattr(STDIN_FILENO, TCSANOW, &savedTermios) }
}

/// ncurses, wide-character: the only code that touches it.
///
/// It saves the tty state first and installs handlers so that the terminal is restored on
/// every exit: `restore()`, SIGTERM/SIGHUP/SIGINT (reported through `signalDescriptor` so the
/// app can quit cleanly), and a Swift runtime trap or crash (restored from the handler, then
/// the signal is re-raised).
public final class NcursesTerminal: Terminal {
    public struct Options: Sendable {
        public var mouse: Bool
        /// False for `--no-color` or `NO_COLOR`: attributes only.
        public var colors: Bool
        /// True for `--ascii`: every cell is folded to ASCII, symbols included.
        public var ascii: Bool

        public init(mouse: Bool = true, colors: Bool = true, ascii: Bool = false) {
            self.mouse = mouse
            self.colors = colors
            self.ascii = ascii
        }
    }

    public private(set) var size: Size
    /// 30 frames a second at most while chat floods in: smooth to the eye, and each frame
    /// costs a render and a diff.
    public let frameInterval = Duration.milliseconds(33)
    public let colorDepth: ColorDepth
    /// Whether the locale is UTF-8; without it the app should draw in ASCII.
    public let unicode: Bool
    /// Readable when SIGTERM, SIGHUP or SIGINT arrived: poll it with standard input.
    public let signalDescriptor: Int32
    private let signalPipe: WakePipe
    private var decoder = KeyDecoder()
    /// Key codes ncurses gives Ctrl-Left and Ctrl-Right where terminfo knows them.
    private var ctrlLeftCode: Int32 = -1
    private var ctrlRightCode: Int32 = -1
    private var pairs: [UInt64: Int32] = [:]
    private var restored = false
    /// The last frame given to ncurses: the next one sends only the cells that differ.
    /// Nil after a resize, when ncurses' own picture of the screen is thrown away.
    private var shown: CellBuffer?

    public init(options: Options = Options()) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        setlocale(LC_ALL, "")
        // A locale that is not UTF-8 (or LANG=fr_FR.UTF-8 without that locale installed) would
        // turn every accent into "?": C.UTF-8 exists on every Debian, so characters come out
        // whole; the language of the interface is chosen apart, from the environment.
        if momentum_is_utf8_locale() == 0 { setlocale(LC_CTYPE, "C.UTF-8") }
        unicode = !options.ascii && momentum_is_utf8_locale() != 0
        if tcgetattr(STDIN_FILENO, &savedTermios) == 0 { haveSavedTermios = true }

        signalPipe = WakePipe()
        signalDescriptor = signalPipe.readDescriptor
        signalPipeWrite = signalPipe.writeDescriptor
        Self.installSignalHandlers()

        // ESC alone must come through fast; Alt-keys are ESC + key in the same read.
        set_escdelay(25)
        guard momentum_newterm() != nil else {
            throw TerminalError.cannotInitialise(String(cString: getenv("TERM") ?? strdup("")))
        }
        raw()
        noecho()
        nonl()
        keypad(momentum_stdscr(), true)
        nodelay(momentum_stdscr(), true)
        intrflush(momentum_stdscr(), false)
        meta(momentum_stdscr(), true)
        // No look at standard input every few lines of a frame (a poll(2) each, curs_inopts(3X)):
        // a frame is a few kilobytes, and a key is read right after it anyway.
        typeahead(-1)

        var depth = ColorDepth.none
        // https://no-color.org: any non-empty NO_COLOR turns colours off.
        let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        if options.colors && !noColor && has_colors() {
            start_color()
            use_default_colors()
            let colors = Int(momentum_colors())
            depth = colors >= 0x1000000 ? .truecolor : colors >= 256 ? .indexed256 : colors >= 16 ? .sixteen : colors >= 8 ? .eight : .none
        }
        colorDepth = depth
        if options.mouse {
            let mask = momentum_button1_pressed() | momentum_button1_released() | momentum_button4_pressed() | momentum_button5_pressed()
            mousemask(mask, nil)
            mouseinterval(0)
        }
        size = Size(width: Int(momentum_cols()), height: Int(momentum_lines()))
        Self.chainWindowChange()
        ctrlLeftCode = key_defined("kLFT5")
        ctrlRightCode = key_defined("kRIT5")
        // ncurses 6.4 flushes its output after every cursor move until the screen has been
        // suspended once (`_nc_mvcur` flushes while `_endwin` is still `ewInitial`, meant for
        // terminfo programs that never call doupdate): a frame went out in one write(2) per
        // changed line. endwin(3X) and doupdate resume the screen as after a shell escape
        // (curs_initscr(3X)); from then on a frame is one write of ncurses' buffer (flushed
        // when full or at the end of doupdate). Nothing was drawn yet. endwin also left keypad
        // mode, which ncurses would only enter again at the next read, after the first key.
        endwin()
        doupdate()
        keypad(momentum_stdscr(), true)
        // Bracketed paste: pasted text arrives between markers, never as key presses.
        Self.writeRaw("\u{1B}[?2004h")
    }

    deinit { restore() }

    // MARK: Drawing

    public func draw(_ buffer: CellBuffer, cursor: Point?) {
        let screen = momentum_stdscr()
        // Only the cells that differ from the last frame go to ncurses: a new chat line
        // changes a few rows, and visiting every cell of every frame was a quarter of the
        // client's CPU in a flood. ncurses still diffs what it is given against the screen.
        let previous = shown.flatMap { $0.width == buffer.width && $0.height == buffer.height ? $0 : nil }
        for y in 0..<min(buffer.height, size.height) {
            for x in buffer.changedColumns(row: y, since: previous) where x < size.width {
                put(buffer[x, y], x: x, y: y)
            }
        }
        shown = buffer
        if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < size.width, cursor.y < size.height {
            curs_set(1)
            wmove(screen, Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wnoutrefresh(screen)
        doupdate()
    }

    /// Writes one cell (the terminal's stand-in for it, and a padding space when that is narrower).
    private func put(_ cell: Cell, x: Int, y: Int) {
        if cell.isContinuation { return }
        let screen = momentum_stdscr()
        let text = unicode ? cell.text : CellText.asciiFallback(cell.text)
        var wide = (unicode ? CellText.terminalScalars(text) : Array(text.unicodeScalars)).map { wchar_t(bitPattern: $0.value) }
        if wide.isEmpty { wide = [0x20] }
        wide.append(0)
        var cchar = cchar_t()
        let (attrs, pair) = attributes(for: cell.style)
        _ = wide.withUnsafeBufferPointer { momentum_setcchar(&cchar, $0.baseAddress, attrs, pair) }
        mvwadd_wch(screen, Int32(y), Int32(x), &cchar)
        if unicode && CellText.needsPadding(cell.text) {
            var space = cchar_t()
            let blank: [wchar_t] = [0x20, 0]
            _ = blank.withUnsafeBufferPointer { momentum_setcchar(&space, $0.baseAddress, attrs, pair) }
            mvwadd_wch(screen, Int32(y), Int32(x + 1), &space)
        }
    }

    private func attributes(for style: Style) -> (attr_t, Int32) {
        var attrs = momentum_a_normal()
        if style.attributes.contains(.bold) { attrs |= momentum_a_bold() }
        if style.attributes.contains(.dim) { attrs |= momentum_a_dim() }
        if style.attributes.contains(.italic) { attrs |= momentum_a_italic() }
        if style.attributes.contains(.underline) { attrs |= momentum_a_underline() }
        if style.attributes.contains(.reverse) { attrs |= momentum_a_reverse() }
        guard colorDepth != .none, style.foreground != nil || style.background != nil else { return (attrs, 0) }
        let fg = number(style.foreground), bg = number(style.background)
        let key = UInt64(UInt32(bitPattern: fg)) << 32 | UInt64(UInt32(bitPattern: bg))
        if let pair = pairs[key] { return (attrs, pair) }
        let pair = alloc_pair(fg, bg)
        guard pair > 0 else { return (attrs, 0) }
        pairs[key] = pair
        return (attrs, pair)
    }

    /// The colour number this terminal understands, downgrading what it cannot show; -1 is the default.
    private func number(_ color: Color?) -> Int32 {
        guard let color else { return -1 }
        return Int32(ColorMapping.number(for: color, depth: colorDepth))
    }

    // MARK: Input

    public func readEvents() -> [InputEvent] {
        var batch: [RawInput] = []
        var value: wint_t = 0
        while true {
            let result = wget_wch(momentum_stdscr(), &value)
            if result == ERR { break }
            if result == KEY_CODE_YES {
                if let key = key(for: Int32(value)) { batch.append(.key(key)) }
            } else if let scalar = Unicode.Scalar(UInt32(value)) {
                batch.append(.character(scalar))
            }
        }
        return decoder.decode(batch)
    }

    private func key(for code: Int32) -> InputEvent? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_RESIZE:
            size = Size(width: Int(momentum_cols()), height: Int(momentum_lines()))
            shown = nil
            return .resize
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            let state = event.bstate
            let kind: MouseEvent.Kind
            if state & momentum_button4_pressed() != 0 { kind = .wheelUp }
            else if momentum_button5_pressed() != 0 && state & momentum_button5_pressed() != 0 { kind = .wheelDown }
            else if state & momentum_button1_released() != 0 { kind = .release }
            else { kind = .press }
            return .mouse(MouseEvent(kind, x: Int(event.x), y: Int(event.y)))
        default:
            if code > 0 && code == ctrlLeftCode { return .ctrlLeft }
            if code > 0 && code == ctrlRightCode { return .ctrlRight }
            for n in 1...12 where code == momentum_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    /// Blocks until input, a signal, or one of `others` is readable, or `deadline` passes.
    /// Idle means blocked here: no CPU.
    public func wait(until deadline: Date?, others: [Int32]) -> Wakeup {
        var fds = ([STDIN_FILENO, signalDescriptor] + others).map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let milliseconds: Int32 = deadline.map { Int32(clamping: Int64(max(0, ($0.timeIntervalSinceNow * 1000).rounded(.up)))) } ?? -1
        let count = poll(&fds, nfds_t(fds.count), milliseconds)
        guard count > 0 else { return Wakeup() }
        // The terminal went away (hang-up without a SIGHUP): stop, never spin.
        if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return Wakeup(stop: true) }
        var wakeup = Wakeup(input: fds[0].revents != 0)
        // A window change also writes to the signal pipe; it comes back from `readEvents`.
        if fds[1].revents != 0, pendingSignal() != nil { wakeup.stop = true }
        wakeup.readable = Set(fds.dropFirst(2).filter { $0.revents != 0 }.map(\.fd))
        if wakeup.timedOut { wakeup.input = true }
        return wakeup
    }

    /// The signal that asked the program to stop, if one arrived (SIGTERM, SIGHUP, SIGINT).
    /// Window changes also wake the wait; they come back from `readEvents` as `.resize`.
    public func pendingSignal() -> Int32? {
        signalPipe.drain().map(Int32.init).first { $0 != SIGWINCH }
    }

    public func bell() { beep() }

    public func restore() {
        guard !restored else { return }
        restored = true
        // The pipe closes with this terminal: the handlers must not write to a reused descriptor.
        for signal in [SIGTERM, SIGHUP, SIGINT, SIGWINCH] { Glibc.signal(signal, SIG_DFL) }
        signalPipeWrite = -1
        Self.writeRaw("\u{1B}[?2004l")
        endwin()
        if haveSavedTermios { tcsetattr(STDIN_FILENO, TCSANOW, &savedTermios) }
    }

    // MARK: Signals

    private static func writeRaw(_ text: String) {
        momentum_flush_stdout()
        text.utf8CString.withUnsafeBufferPointer { _ = Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count - 1) }
    }

    /// ncurses learns of a resize from its SIGWINCH handler, but the signal may land on any
    /// thread and not interrupt the UI thread's poll(): ours calls ncurses' handler, then
    /// wakes the poll through the pipe.
    private static func chainWindowChange() {
        var previous = sigaction()
        sigaction(SIGWINCH, nil, &previous)
        ncursesWinchHandler = previous.__sigaction_handler.sa_handler
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { number in
            ncursesWinchHandler?(number)
            var byte = UInt8(truncatingIfNeeded: number)
            _ = Glibc.write(signalPipeWrite, &byte, 1)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = Int32(SA_RESTART)
        sigaction(SIGWINCH, &action, nil)
    }

    private static func installSignalHandlers() {
        // Asked to stop: tell the event loop, which quits through `restore()`.
        for signal in [SIGTERM, SIGHUP, SIGINT] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = Glibc.write(signalPipeWrite, &byte, 1)
            }
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
        }
        // A crash or a Swift runtime trap: restore the terminal, then die of the same signal.
        for signal in [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                emergencyRestore()
                Glibc.signal(number, SIG_DFL)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND)
            sigaction(signal, &action, nil)
        }
    }
}

/// Colour downgrades, pure so that they are tested.
public enum ColorMapping {
    /// The colour number to give ncurses at `depth`.
    public static func number(for color: Color, depth: ColorDepth) -> Int {
        switch (color, depth) {
        case (.rgb(let r, let g, let b), .truecolor): return Int(r) << 16 | Int(g) << 8 | Int(b)
        case (.rgb(let r, let g, let b), .indexed256): return nearest256(r, g, b)
        case (.rgb(let r, let g, let b), _): return clampAnsi(nearestAnsi(r, g, b), depth: depth)
        case (.indexed(let n), .indexed256), (.indexed(let n), .truecolor): return Int(n)
        case (.indexed(let n), _): return clampAnsi(n < 16 ? Int(n) : nearestAnsi(rgb(ofIndexed: n)), depth: depth)
        case (.ansi(let n), .truecolor):
            let c = ansiRGB[Int(n) & 15]
            return c.r << 16 | c.g << 8 | c.b
        case (.ansi(let n), _): return clampAnsi(Int(n) & 15, depth: depth)
        }
    }

    private static func clampAnsi(_ n: Int, depth: ColorDepth) -> Int { depth >= .sixteen ? n : n & 7 }

    private static let ansiRGB: [(r: Int, g: Int, b: Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    private static func nearestAnsi(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int { nearestAnsi((Int(r), Int(g), Int(b))) }

    private static func nearestAnsi(_ c: (Int, Int, Int)) -> Int {
        var best = 0, bestDistance = Int.max
        for (i, a) in ansiRGB.enumerated() {
            let d = (a.r - c.0) * (a.r - c.0) + (a.g - c.1) * (a.g - c.1) + (a.b - c.2) * (a.b - c.2)
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }

    private static func level(_ v: UInt8) -> Int { v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40 }

    private static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        16 + 36 * level(r) + 6 * level(g) + level(b)
    }

    private static func rgb(ofIndexed n: UInt8) -> (Int, Int, Int) {
        if n >= 232 { let v = 8 + 10 * (Int(n) - 232); return (v, v, v) }
        let i = Int(n) - 16, steps = [0, 95, 135, 175, 215, 255]
        return (steps[i / 36], steps[(i / 6) % 6], steps[i % 6])
    }
}
