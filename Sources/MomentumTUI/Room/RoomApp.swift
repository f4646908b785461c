import Dispatch
import Foundation
package import Logging
package import SessionClient
package import SessionModel
import Synchronization
import Widgets

/// The full-screen room: the UI loop on the main thread, blocked in poll() on the keyboard,
/// the inbox pipe and the next timer; the network on curl's thread and Swift's pool.
/// Renders at most once per batch of input; idle means blocked, at zero CPU.
package struct RoomApp {
    let url: String
    let join: JoinRequest
    let strings: Strings
    let colors: Bool
    let ascii: Bool
    let bell: Bool
    /// A first line in the chat, such as how a second terminal joins the demo.
    var welcome: String? = nil
    /// Where connection problems are written (`--log-file`); the screen never shows logs.
    var logger: Logger? = nil
    /// Where the seat is kept across runs (nil for the demo, whose server goes with it).
    var seats: SeatStore? = nil
    /// The certificate authorities to trust instead of the system's (`--ca-file`, `SSL_CERT_FILE`).
    var caFile: String? = nil

    /// The memberwise initialiser, spelled out: `momentum-server`'s demo makes one from
    /// another module, and Swift's own is internal.
    package init(
        url: String, join: JoinRequest, strings: Strings, colors: Bool, ascii: Bool, bell: Bool,
        welcome: String? = nil, logger: Logger? = nil, seats: SeatStore? = nil, caFile: String? = nil
    ) {
        self.url = url
        self.join = join
        self.strings = strings
        self.colors = colors
        self.ascii = ascii
        self.bell = bell
        self.welcome = welcome
        self.logger = logger
        self.seats = seats
        self.caFile = caFile
    }

    /// Why the room ended, for the message printed after the terminal is restored.
    package enum Outcome {
        /// The user quit; `name` is the one they joined with, if they did; `unsent` changes
        /// could not reach the server before the program gave up.
        case quit(name: String?, unsent: Int = 0)
        /// The user gave up while the server could not be reached.
        case unreachable
        case ended(EndReason)
    }

    /// The room in the real terminal, over libcurl.
    package func run() throws -> Outcome {
        let terminal = try NcursesTerminal(options: .init(mouse: true, colors: colors, ascii: ascii))
        defer { terminal.restore() }
        let engine = CurlEngine(caFile: caFile)
        defer { engine.shutdown() }
        return run(on: terminal, clock: SystemClock(), transport: engine, unicode: terminal.unicode)
    }

    /// The room on any terminal, clock and transport: the product passes ncurses, the system
    /// clock and libcurl; tests pass the in-memory terminal and a virtual clock.
    func run(
        on terminal: any Terminal, clock: any RunnerClock, transport: any HTTPTransport,
        unicode: Bool = true, timeZone: TimeZone = .current
    ) -> Outcome {
        var theme = colors ? Theme.color : Theme.monochrome
        if ascii || !unicode { theme = theme.ascii }
        // What the command line did not give is asked on screen first.
        var join = self.join
        var form = JoinForm(code: join.code, name: join.name, strings: strings)
        while true {
            if form.isNeeded {
                var screen = JoinFormScreen(form: form, theme: theme, size: terminal.size)
                _ = Runner<JoinFormScreen>(terminal: terminal, clock: clock).run(&screen) { _ in .proceed }
                guard case .done(let code, let name)? = screen.outcome else { return .quit(name: nil) }
                join.code = code
                join.name = name
            }
            let outcome = room(join, theme: theme, on: terminal, clock: clock, transport: transport, timeZone: timeZone)
            // A typo in the code or a taken name goes back to the form with the reason.
            guard case .ended(.refused(let code, let message)) = outcome, let fault = JoinForm.fault(of: code) else { return outcome }
            form = JoinForm(retrying: join.code, name: join.name, problem: strings.refused(code, message), fault: fault, strings: strings)
        }
    }

    /// One attempt at the room with `join`, until it ends or the user quits.
    private func room(
        _ join: JoinRequest, theme: Theme, on terminal: any Terminal, clock: any RunnerClock, transport: any HTTPTransport,
        timeZone: TimeZone
    ) -> Outcome {
        var model = RoomModel(strings: strings, theme: theme, size: terminal.size, now: clock.now, bellEnabled: bell)
        model.timeZone = timeZone
        model.welcome = welcome

        let inbox = Inbox<RoomMessage>()
        let logger = self.logger
        let strings = self.strings
        // The next poll after events waits for the frame they go into (none on a terminal
        // that draws every change, as the tests' does).
        let frame = terminal.frameInterval.components
        let timing = RoomSession.Timing(batchWait: Double(frame.seconds) + Double(frame.attoseconds) / 1e18)
        let session = RoomSession(api: SessionAPI(baseURL: url, transport: transport), join: join, timing: timing, seats: seats) { update in
            if case .stream(.status(let status)) = update { logger?.info("connection: \(status)") }
            inbox.post(RoomMessage(update, strings: strings))
        }
        session.start()
        defer { session.stop() }
        let effects = RoomEffects(session: session, terminal: terminal, logger: logger)
        let exit = Runner(terminal: terminal, clock: clock, inbox: inbox).run(&model, interpret: effects.run)
        switch exit {
        case .finished:
            return .ended(model.ended ?? .stopped)
        case .stopped, .interrupted:
            if session.credentials == nil, case .reconnecting = model.status { return .unreachable }
            // A join on its way is waited for, so a seat taken as the user quits is given back.
            let unsent = leave(session)
            return .quit(name: session.credentials == nil ? nil : join.name, unsent: unsent)
        }
    }

    /// Sends what is queued, then leaves the room; waits 3 s at most. Returns how many
    /// changes could not be sent.
    private func leave(_ session: RoomSession) -> Int {
        let done = DispatchSemaphore(value: 0)
        let unsent = Mutex(0)
        Task {
            let left = await session.leave(within: 3)
            unsent.withLock { $0 = left.count }
            done.signal()
        }
        _ = done.wait(timeout: .now() + 4)
        return unsent.withLock { $0 }
    }
}
