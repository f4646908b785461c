import Foundation
import SessionClient
import SessionModel

/// A room as plain lines: one sentence per event on standard output, messages and
/// slash commands from standard input. No terminal control at all.
struct PlainRoom {
    let url: String
    let code: String
    let name: String
    let moderatorKey: String?
    var bots = false

    func run() async throws {
        let engine = CurlEngine()
        defer { engine.shutdown() }
        let api = SessionAPI(baseURL: url, transport: engine)
        let sender = OutboxSender(api: api, changed: { outbox in
            for item in outbox.items {
                if case .failed(let reason) = item.status { Console.out("! not sent: \(reason)") }
            }
        })
        let view = PlainView()
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
        for await line in StandardInput.lines() {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            switch text {
            case "/quit", "/q":
                await sender.drained()
                _ = try? await api.leave(credentials)
                return
            case "/hand", "/main":
                let raised = view.myHandRaised
                await sender.enqueue(.hand(raised: !raised))
            case "/who":
                view.who()
            case "/agenda":
                view.agenda()
            case "/help":
                Console.out("Type a message and Enter to send it. Commands: /hand (or /main), /who, /agenda, /quit.")
            default:
                await sender.enqueue(.message(text))
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
