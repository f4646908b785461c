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
    var bots = false
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
            case .update(let state, let events, _):
                view.show(events, in: state)
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
        let botsTask = bots ? Task { await DemoBots(url: url, code: code, engine: engine).run() } : nil
        defer {
            watcher.cancel()
            streamTask.cancel()
            botsTask?.cancel()
        }
        // Lines typed before the room is joined wait in the stream; the watcher ends a refused join.
        var credentials: RoomCredentials?
        for await joinedRoom in joined.stream {
            credentials = joinedRoom
            await sender.setCredentials(joinedRoom)
            break
        }
        guard let credentials else { return }
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
                    do { _ = try await api.moderate(credentials, action, request) } catch { Console.out(String(describing: error)) }
                case .quit:
                    await sender.drained()
                    _ = try? await api.leave(credentials)
                    return
                case .retry, .fetchHistory, .bell: break
                }
            }
        }
        // Standard input closed (a pipe ran dry): send what is queued, then leave.
        await sender.drained()
        _ = try? await api.leave(credentials)
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
