import Dispatch
import Foundation
import Logging
import SessionClient
import SessionModel
import Synchronization
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
        let api = SessionAPI(baseURL: url, transport: engine)
        let credentials = Mutex<RoomCredentials?>(nil)
        let sender = OutboxSender(api: api, changed: { inbox.post(.outbox($0)) })
        let logger = self.logger
        let stream = RoomStream(machine: LongPoll(join: join), api: api) { action in
            if case .status(let status) = action { logger?.info("connection: \(status)") }
            if case .joinedRoom(let response) = action {
                credentials.withLock { $0 = response.credentials }
                Task { await sender.setCredentials(response.credentials) }
            }
            inbox.post(.stream(action))
        }
        let streamTask = Task { await stream.run() }
        // One consumer, so sends reach the outbox in the order they were typed.
        let sends = AsyncStream<RoomEffect>.makeStream()
        let sendTask = Task {
            for await effect in sends.stream {
                switch effect {
                case .send(let kind): await sender.enqueue(kind)
                case .retry(let id): await sender.retry(id)
                default: break
                }
            }
        }
        defer {
            streamTask.cancel()
            sendTask.cancel()
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
                case .send(let kind): sends.continuation.yield(.send(kind))
                case .retry(let id): sends.continuation.yield(.retry(id))
                case .moderate(let action, let request):
                    guard let room = credentials.withLock({ $0 }) else { continue }
                    Task {
                        do { _ = try await api.moderate(room, action, request) } catch {
                            logger?.warning("moderation \(action.rawValue) refused: \(error)")
                            inbox.post(.notice(strings.describe(error)))
                        }
                    }
                case .fetchHistory(let before):
                    guard let room = credentials.withLock({ $0 }) else { continue }
                    Task {
                        do { inbox.post(.history(try await api.messages(room, before: before, limit: 50))) } catch {
                            inbox.post(.historyFailed(strings.describe(error)))
                        }
                    }
                }
            }
        }
        sends.continuation.finish()
        if case .quit = outcome, credentials.withLock({ $0 }) == nil, case .reconnecting = model.status { return .unreachable }
        if case .quit = outcome, let room = credentials.withLock({ $0 }) {
            leave(room, api: api, sender: sender)
            outcome = .quit(name: join.name)
        }
        return outcome
    }

    /// Sends what is queued, then leaves the room; waits 3 s at most.
    private func leave(_ room: RoomCredentials, api: SessionAPI, sender: OutboxSender) {
        let done = DispatchSemaphore(value: 0)
        Task {
            await sender.drained()
            _ = try? await api.leave(room)
            done.signal()
        }
        _ = done.wait(timeout: .now() + 3)
    }

    /// The next moment the screen changes by itself: each second while reconnecting (the
    /// countdown), else the next minute (the clock).
    private func nextTick(_ model: RoomModel) -> Duration {
        if case .reconnecting = model.status { return .seconds(1) }
        let seconds = 60 - Calendar.current.component(.second, from: model.now)
        return .seconds(max(1, seconds))
    }
}
