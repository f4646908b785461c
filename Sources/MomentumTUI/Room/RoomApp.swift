import Dispatch
import Foundation
import Logging
import SessionClient
import SessionModel
import Widgets

/// The full-screen room: the UI loop on the main thread, blocked in poll() on the keyboard,
/// the inbox pipe and the next timer; the network on curl's thread and Swift's pool.
/// Renders at most once per batch of input; idle means blocked, at zero CPU.
struct RoomApp {
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

    /// Why the room ended, for the message printed after the terminal is restored.
    enum Outcome {
        /// The user quit; `name` is the one they joined with, if they did.
        case quit(name: String?)
        /// The user gave up while the server could not be reached.
        case unreachable
        case ended(EndReason)
    }

    func run() throws -> Outcome {
        let terminal = try NcursesTerminal(options: .init(mouse: true, colors: colors))
        var theme = colors ? Theme.color : Theme.monochrome
        if ascii || !terminal.unicode { theme = theme.ascii }
        // What the command line did not give is asked on screen first.
        var join = self.join
        var form = JoinForm(code: join.code, name: join.name, strings: strings)
        if form.isNeeded {
            formLoop: while true {
                let (frame, cursor) = form.render(size: terminal.size, theme: theme)
                terminal.draw(frame, cursor: cursor)
                let ready = terminal.wait(timeout: nil)
                if ready.contains(terminal.signalDescriptor), terminal.pendingSignal() != nil { return .quit(name: nil) }
                for event in terminal.readEvents() {
                    switch form.handle(event) {
                    case .cancelled?: return .quit(name: nil)
                    case .done(let code, let name)?:
                        join.code = code
                        join.name = name
                        break formLoop
                    case nil: continue
                    }
                }
            }
        }
        var model = RoomModel(strings: strings, theme: theme, size: terminal.size, now: Date(), bellEnabled: bell)
        model.welcome = welcome

        let inbox = RoomInbox()
        let engine = CurlEngine()
        let logger = self.logger
        let strings = self.strings
        let session = RoomSession(api: SessionAPI(baseURL: url, transport: engine), join: join) { update in
            if case .stream(.status(let status)) = update { logger?.info("connection: \(status)") }
            inbox.post(RoomMessage(update, strings: strings))
        }
        session.start()
        defer {
            session.stop()
            terminal.restore()
            engine.shutdown()
        }

        var outcome = Outcome.quit(name: nil)
        loop: while true {
            let (frame, cursor) = RoomView.render(&model)
            terminal.draw(frame, cursor: cursor)
            if let ended = model.ended, ended != .stopped {
                outcome = .ended(ended)
                break loop
            }
            let ready = terminal.wait(timeout: nextTick(model), others: [inbox.readDescriptor])
            if ready.contains(terminal.signalDescriptor), terminal.pendingSignal() != nil { break loop }
            var effects: [RoomEffect] = []
            for message in inbox.take() { effects += model.update(message) }
            for event in terminal.readEvents() {
                if case .resize = event { effects += model.update(.resized(terminal.size)) }
                effects += model.update(.input(event))
            }
            effects += model.update(.tick(Date()))
            for effect in effects {
                switch effect {
                case .quit: break loop
                case .bell: terminal.bell()
                case .send(let kind): session.enqueue(kind)
                case .retry(let id): session.retry(id)
                case .moderate(let action, let request): session.enqueue(.moderation(action, request))
                case .fetchHistory(let before): session.fetchHistory(before: before)
                case .log(let line): logger?.warning("\(line)")
                }
            }
        }
        guard case .quit = outcome else { return outcome }
        if session.credentials == nil {
            if case .reconnecting = model.status { return .unreachable }
            return outcome
        }
        leave(session)
        return .quit(name: join.name)
    }

    /// Sends what is queued, then leaves the room; waits 3 s at most.
    private func leave(_ session: RoomSession) {
        let done = DispatchSemaphore(value: 0)
        Task {
            await session.leave(within: 3)
            done.signal()
        }
        _ = done.wait(timeout: .now() + 4)
    }

    /// The next moment the screen changes by itself: each second while reconnecting (the
    /// countdown), else the next minute (the clock).
    private func nextTick(_ model: RoomModel) -> Duration {
        if case .reconnecting = model.status { return .seconds(1) }
        let seconds = 60 - Calendar.current.component(.second, from: model.now)
        return .seconds(max(1, seconds))
    }
}
