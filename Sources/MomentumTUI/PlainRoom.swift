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
        let strings = self.strings
        let view = PlainView(strings: strings)
        let reported = Mutex<Set<String>>([])
        let ended = AsyncStream<EndReason>.makeStream()
        let joined = AsyncStream<Void>.makeStream()
        let join = JoinRequest(code: code, name: name, moderatorKey: moderatorKey)
        let session = RoomSession(api: SessionAPI(baseURL: url, transport: engine), join: join) { update in
            switch update {
            case .stream(.joinedRoom(let response)):
                view.joined(response)
                joined.continuation.yield()
            case .stream(.update(let state, let events, let reloaded)):
                if reloaded { view.reloaded(state) } else { view.show(events, in: state) }
            case .stream(.status(let status)):
                view.status(status)
                if case .ended(let reason) = status { ended.continuation.yield(reason) }
            case .stream(.join), .stream(.poll), .stream(.reload), .stream(.wait), .history, .historyFailed:
                break
            case .outbox(let outbox):
                // A refusal is said once: a message not sent, a moderation refused.
                for item in outbox.items {
                    guard case .failed(let reason) = item.status, reported.withLock({ $0.insert(item.id).inserted }) else { continue }
                    switch item.kind {
                    case .message, .hand: Console.out(strings.notSent(reason))
                    case .moderation: Console.out(item.refusal.map { strings.describe($0) } ?? reason)
                    }
                }
            }
        }
        // Ctrl-C or a SIGTERM leaves the room properly, so the name is free again; caught
        // from the start, so a signal that comes while joining is not a crash either.
        let signals = [SIGINT, SIGTERM, SIGHUP].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler {
                Task {
                    await Self.finish(session)
                    Foundation.exit(0)
                }
            }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }
        session.start()
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
            session.stop()
        }
        // Lines typed before the room is joined wait in the pipe; the watcher ends a refused join.
        for await _ in joined.stream { break }
        guard session.credentials != nil else { return }
        var model = RoomModel(strings: strings, theme: .monochrome, size: Size(width: 80, height: 24), now: Date(), bellEnabled: false)
        for await line in StandardInput.lines() {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            // Three commands read better as lines than as the screen's one-line notice.
            switch text.hasPrefix("/") ? RoomModel.parseCommand(text).typed?.command.id : nil {
            case .who?: view.who(); continue
            case .agenda?: view.agenda(); continue
            case .help?:
                RoomCommands.summary(strings, role: view.me?.role).forEach(Console.out)
                continue
            case .hand?, .quit?, .floor?, .lower?, .lowerAll?, .next?, .previous?, .mute?, .remove?, .delete?, .lock?, .unlock?, nil:
                break
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
                case .send(let kind): session.enqueue(kind)
                case .moderate(let action, let request): session.enqueue(.moderation(action, request))
                case .quit:
                    await Self.finish(session)
                    return
                case .retry, .fetchHistory, .bell, .log: break
                }
            }
        }
        // Standard input closed (a pipe ran dry): send what is queued, then leave.
        await Self.finish(session)
    }
}

extension PlainRoom {
    /// Sends what is queued and leaves, waiting 3 s at most: an unreachable server must
    /// not keep the program from ending. What could not be sent is said.
    static func finish(_ session: RoomSession) async {
        let unsent = await session.leave(within: 3)
        if !unsent.isEmpty { Console.err("momentum: \(unsent.count) message(s) not sent: the server did not answer.") }
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
