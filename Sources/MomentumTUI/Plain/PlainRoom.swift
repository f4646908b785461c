import ArgumentParser
import Dispatch
import Foundation
package import Logging
package import SessionClient
import SessionModel
import Widgets

/// A room as plain lines: one sentence per event on standard output, messages and slash
/// commands from standard input. No terminal control at all. The same runner as the full
/// screen, on standard input and output.
package struct PlainRoom {
    let url: String
    let code: String
    let name: String
    let moderatorKey: String?
    var strings: Strings = Language.detect(environment: ProcessInfo.processInfo.environment).strings
    /// Where the seat is kept across runs (nil for the demo, whose server goes with it).
    var seats: SeatStore? = nil
    /// Where connection problems are written (`--log-file`), as in the full screen.
    var logger: Logger? = nil
    /// The certificate authorities to trust instead of the system's (`--ca-file`, `SSL_CERT_FILE`).
    var caFile: String? = nil

    /// The memberwise initialiser, spelled out: `momentum-server`'s demo makes one from
    /// another module, and Swift's own is internal.
    package init(
        url: String, code: String, name: String, moderatorKey: String?,
        strings: Strings = Language.detect(environment: ProcessInfo.processInfo.environment).strings,
        seats: SeatStore? = nil, logger: Logger? = nil, caFile: String? = nil
    ) {
        self.url = url
        self.code = code
        self.name = name
        self.moderatorKey = moderatorKey
        self.strings = strings
        self.seats = seats
        self.logger = logger
        self.caFile = caFile
    }

    /// Runs the room on a thread of its own (the runner blocks in poll(), which must not hold
    /// one of the cooperative pool's threads); a removal or a refused join exits with 1.
    package func run() async throws {
        let status: Int32 = await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: loop()) }
            thread.start()
        }
        if status != 0 { throw ExitCode(status) }
    }

    private func loop() -> Int32 {
        let engine = CurlEngine(caFile: caFile)
        defer { engine.shutdown() }
        let terminal = PlainTerminal()
        let inbox = Inbox<RoomMessage>()
        let strings = self.strings
        let join = JoinRequest(code: code, name: name, moderatorKey: moderatorKey)
        let logger = self.logger
        let session = RoomSession(api: SessionAPI(baseURL: url, transport: engine), join: join, seats: seats) { update in
            if case .stream(.status(let status)) = update { logger?.info("connection: \(status)") }
            inbox.post(RoomMessage(update, strings: strings))
        }
        session.start()
        defer { session.stop() }
        let room = RoomEffects(session: session, terminal: nil, logger: logger)
        var model = PlainModel(strings: strings)
        let exit = Runner(terminal: terminal, clock: SystemClock(), inbox: inbox).run(&model) { effect in
            switch effect {
            // The last barrier: whatever a line holds (a name with a flag...), no tag character
            // reaches a screen reader.
            case .out(let line): Console.out(TextSanitizer.withoutTags(line))
            case .err(let line): Console.err(TextSanitizer.withoutTags(line))
            case .room(let effect): return room.run(effect)
            }
            return .proceed
        }
        switch exit {
        case .finished:
            switch model.ended {
            case .removed?, .refused?, .untrusted?: return 1
            case .left?, .stopped?, nil: return 0
            }
        case .stopped, .interrupted:
            Self.finish(session, strings: strings)
            return 0
        }
    }

    /// Sends what is queued and leaves, waiting 3 s at most: an unreachable server must
    /// not keep the program from ending. What could not be sent is said.
    static func finish(_ session: RoomSession, strings: Strings) {
        let done = DispatchSemaphore(value: 0)
        Task {
            let unsent = await session.leave(within: 3)
            if !unsent.isEmpty { Console.err("momentum: " + strings.unsentAtQuit(unsent.count)) }
            done.signal()
        }
        _ = done.wait(timeout: .now() + 4)
    }
}
