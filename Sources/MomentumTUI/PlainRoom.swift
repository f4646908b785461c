import Dispatch
import Foundation
import SessionClient
import SessionModel
import Synchronization
import Widgets

/// A room as plain lines: one sentence per event on standard output, messages and
/// slash commands from standard input. No terminal control at all.
struct PlainRoom {
    let url: String
    let code: String
    let name: String
    let moderatorKey: String?
    var strings: Strings = Language.detect(environment: ProcessInfo.processInfo.environment).strings

    func run() async throws {
        let engine = CurlEngine()
        defer { engine.shutdown() }
        let api = SessionAPI(baseURL: url, transport: engine)
        let strings = self.strings
        let reported = Mutex<Set<String>>([])
        let sender = OutboxSender(api: api, changed: { outbox in
            for item in outbox.items {
                guard case .failed(let reason) = item.status, reported.withLock({ $0.insert(item.id).inserted }) else { continue }
                Console.out(strings.notSent(reason))
            }
        })
        let view = PlainView(strings: strings)
        let machine = LongPoll(join: JoinRequest(code: code, name: name, moderatorKey: moderatorKey))
        let ended = AsyncStream<EndReason>.makeStream()
        let joined = AsyncStream<RoomCredentials>.makeStream()
        let stream = RoomStream(machine: machine, api: api) { action in
            switch action {
            case .joinedRoom(let response):
                view.joined(response)
                joined.continuation.yield(RoomCredentials(roomId: response.room.id, token: response.token))
            case .update(let state, let events, let reloaded):
                if reloaded { view.reloaded(state) } else { view.show(events, in: state) }
            case .status(let status):
                view.status(status)
                if case .ended(let reason) = status { ended.continuation.yield(reason) }
            default:
                break
            }
        }
        let streamTask = Task { await stream.run() }
        // The room can end on its own: a refused join, removal by the expert.
        let watcher = Task {
            for await reason in ended.stream {
                switch reason {
                case .left, .stopped: Foundation.exit(0)
                case .removed, .refused: Foundation.exit(1)
                }
            }
        }
        defer {
            watcher.cancel()
            streamTask.cancel()
        }
        // Lines typed before the room is joined wait in the stream; the watcher ends a refused join.
        var credentials: RoomCredentials?
        for await joinedRoom in joined.stream {
            credentials = joinedRoom
            await sender.setCredentials(joinedRoom)
            break
        }
        guard let credentials else { return }
        // Ctrl-C or a SIGTERM leaves the room properly, so the name is free again.
        let signals = [SIGINT, SIGTERM, SIGHUP].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler {
                Task {
                    await Self.finish(sender: sender, api: api, credentials: credentials)
                    Foundation.exit(0)
                }
            }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }
        var model = RoomModel(strings: strings, theme: .monochrome, size: Size(width: 80, height: 24), now: Date(), bellEnabled: false)
        for await line in StandardInput.lines() {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            switch text.split(separator: " ").first.map({ $0.lowercased() }) {
            case "/who", "/qui": view.who(); continue
            case "/agenda", "/programme": view.agenda(); continue
            case "/help", "/aide":
                Console.out(strings.commandsHelp)
                if view.me?.role == .expert { Console.out(strings.expertCommandsHelp) }
                continue
            default: break
            }
            // The same commands as the full screen, through the same rules.
            model.me = view.me
            model.room = view.state
            model.notice = nil
            var effects = model.submit(text)
            if let removal = model.removal {
                // Typing "/retirer Karim" is the confirmation in plain mode.
                model.removal = nil
                effects.append(.moderate(.remove, ModerationRequest(participantId: removal.participant.id)))
            }
            if let notice = model.notice { Console.out(notice) }
            for effect in effects {
                switch effect {
                case .send(let kind): await sender.enqueue(kind)
                case .moderate(let action, let request):
                    do { _ = try await api.moderate(credentials, action, request) } catch { Console.out(strings.describe(error)) }
                case .quit:
                    await Self.finish(sender: sender, api: api, credentials: credentials)
                    return
                case .retry, .fetchHistory, .bell: break
                }
            }
        }
        // Standard input closed (a pipe ran dry): send what is queued, then leave.
        await Self.finish(sender: sender, api: api, credentials: credentials)
    }
}

extension PlainRoom {
    /// Sends what is queued and leaves, waiting 3 s at most: an unreachable server must
    /// not keep the program from ending. What could not be sent is said.
    static func finish(sender: OutboxSender, api: SessionAPI, credentials: RoomCredentials) async {
        let done = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await sender.drained()
                _ = try? await api.leave(credentials)
                return true
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(3))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        if !done {
            let unsent = await sender.outbox.unsent.count
            if unsent > 0 { Console.err("momentum: \(unsent) message(s) not sent: the server did not answer.") }
        }
    }
}

/// Standard input, line by line, read on a thread of its own (a blocking read on the
/// cooperative pool would stall every task).
enum StandardInput {
    static func lines() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        let thread = Thread {
            while let line = readLine(strippingNewline: true) { continuation.yield(line) }
            continuation.finish()
        }
        thread.start()
        return stream
    }
}
