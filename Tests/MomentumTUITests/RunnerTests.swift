import Foundation
import SessionClient
import SessionModel
import Synchronization
import Testing
import TestSupport
import Widgets
@testable import MomentumTUI

/// The room's real loop (runner, model, effect interpreter, room session) on the in-memory
/// terminal against a real server on port 0: keys in, frames out, no tmux.
@Suite("The runner with the in-memory terminal")
struct RunnerTests {
    /// Lets the test read the terminal once the loop, on its own thread, is over.
    final class Box<T>: @unchecked Sendable {
        var value: T
        init(_ value: T) { self.value = value }
    }

    /// Counts the long-polls a client makes.
    final class CountingTransport: HTTPTransport {
        let inner: any HTTPTransport
        private let polls = Mutex(0)
        init(_ inner: any HTTPTransport) { self.inner = inner }
        var pollCount: Int { polls.withLock { $0 } }
        func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
            if request.url.contains("/events?") { polls.withLock { $0 += 1 } }
            return try await inner.send(request)
        }
    }

    /// Runs the room's loop on a thread of its own, as the product runs it on the main thread
    /// (it blocks in `Terminal.wait`, which must not hold one of the pool's two threads).
    func run(_ app: RoomApp, on terminal: MemoryTerminal, transport: any HTTPTransport) async -> RoomApp.Outcome {
        let box = Box(terminal)
        let result: Box<RoomApp.Outcome> = await withCheckedContinuation { continuation in
            let thread = Thread {
                let clock: any RunnerClock = box.value.clock ?? SystemClock()
                let outcome = app.run(on: box.value, clock: clock, transport: transport, timeZone: TimeZone(identifier: "UTC")!)
                continuation.resume(returning: Box(outcome))
            }
            thread.start()
        }
        return result.value
    }

    /// Clock times vary from run to run: "10:31" becomes "hh:mm".
    func normalised(_ rows: [String]) -> [String] {
        rows.map { row in
            var text = row.replacing(/[0-9]{2}:[0-9]{2}/, with: "hh:mm")
            // A day separator carries today's date: "date", padded to the same width.
            text = text.replacing(/── (Jour|Day) ([0-9]+) · [^─│]+ ──/) { match in
                let plain = "── \(match.1) \(match.2) · date ──"
                return plain + String(repeating: " ", count: max(0, match.0.count - plain.count))
            }
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
    }

    @Test func joinChatHandModerateLeave() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let chloe = TestClient(url: server.url, name: "Chloé")
        chloe.start(code: room.code)
        #expect(await eventually { chloe.credentials != nil })
        let app = RoomApp(
            url: server.url, join: JoinRequest(code: room.code, name: "Sarah", moderatorKey: room.moderatorKey),
            strings: Language.fr.strings, colors: false, ascii: false, bell: true)
        let sender = chloe.sender
        let terminal = MemoryTerminal(width: 80, height: 24, clock: VirtualClock(Date()), script: [
            .waitFor("● en ligne"),
            .waitFor("Chloé"),
            .type(Array("Bonjour à tous").map(InputEvent.text) + [.enter]),
            .waitFor("Sarah ★ Bonjour à tous"),
            .mark { Task { await sender.enqueue(.hand(raised: true)) } },
            .waitFor("✋1 Chloé"),
            .type([.function(2)]),
            .waitFor("Sarah lève la main (2e dans la file)"),
            .type([.function(3)]),
            .waitFor("Chloé a la parole"),
            .type(Array("/muet Chloé").map(InputEvent.text) + [.enter]),
            .waitFor("Sarah met Chloé en sourdine"),
            // F10 asks "Quitter la salle ?" and "o" says yes (one batch: the last frame is the room).
            .type([.function(10), .text("o")]),
        ])
        let outcome = await run(app, on: terminal, transport: server.engine)

        #expect(terminal.failures.isEmpty, "\(terminal.failures)")
        guard case .quit(let name, let unsent) = outcome else {
            Issue.record("the room ended with \(outcome)")
            return
        }
        #expect(name == "Sarah")
        #expect(unsent == 0)
        let screen = normalised(terminal.frame.rows)
        #expect(screen == [
            " Les métiers du Web · jour 1/2  pas encore commencé           ● en ligne  hh:mm",
            "┌ Discussion ──────────────────────────────────────┐┌──────────────────────────┐",
            "│── Jour 1 · date ──                               ││ Programme │ Ici 2/2 │ ❓ │",
            "│hh:mm Sarah ★ Bonjour à tous                      ││✋1 Sarah (expert·e) (toi)│",
            "│hh:mm ✋ Chloé lève la main (1re dans la file)    ││🎤 Chloé (muet)           │",
            "│hh:mm ✋ Sarah lève la main (2e dans la file)     ││                          │",
            "│hh:mm 🎤 Chloé a la parole                        ││                          │",
            "│hh:mm Sarah met Chloé en sourdine                 ││                          │",
            "│                                                  ││                          │",
            "│                                                  ││                          │",
            "│                                                  ││                          │",
            "│                                                  ││                          │",
            "│                                                  ││                          │",
            "│                                                  ││                          │",
            "│                                                  ││                          │",
            "│                                                  ││                          │",
            "│                                                  ││                          │",
            "│                                                  ││                          │",
            "│                                                  ││                          │",
            "│                                                  ││                          │",
            "│                                                  ││                          │",
            "└──────────────────────────────────────────────────┘└──────────────────────────┘",
            "> écris ton message…",
            " F1 aide  F2 main  F10 quitter  Tab panneau  PgUp historique",
        ], Comment(rawValue: "\n" + screen.map { "            \"\($0)\"," }.joined(separator: "\n")))
        #expect(await eventually { chloe.state?.participants.first { $0.name == "Sarah" }?.membership == .left }, "F10 left the room")
        let state = try #require(chloe.state)
        let chloeId = try #require(chloe.me?.id)
        #expect(state.floor == chloeId)
        #expect(state.participant(chloeId)?.muted == true)
        #expect(state.messages.filter { $0.text == "Bonjour à tous" }.count == 1)
        await chloe.stop()
        await server.stop()
    }

    @Test func aQuietRoomSleeps() async throws {
        let server = try await TestServer { $0.pollTimeoutCap = 1 }
        let room = try await server.createRoom()
        let transport = CountingTransport(server.engine)
        let app = RoomApp(
            url: server.url, join: JoinRequest(code: room.code, name: "Karim"),
            strings: Language.fr.strings, colors: false, ascii: false, bell: true)
        let polls = Mutex<[Int]>([])
        let terminal = MemoryTerminal(width: 80, height: 24, clock: VirtualClock(Date()), script: [
            .waitFor("● en ligne"),
            .mark { polls.withLock { $0.append(transport.pollCount) } },
            // A minute of virtual time over three real seconds: three of the server's holds.
            .advance(seconds: 60, real: 3),
            .mark { polls.withLock { $0.append(transport.pollCount) } },
        ])
        _ = await run(app, on: terminal, transport: transport)

        #expect(terminal.failures.isEmpty, "\(terminal.failures)")
        let counts = polls.withLock { $0 }
        try #require(counts.count == 2)
        #expect(counts[1] - counts[0] <= 4, "at most one long-poll per server hold (1 s) in 3 s, not \(counts[1] - counts[0])")
        let marks = terminal.wakeupsAtMarks
        let idle = terminal.wakeups[marks[0]..<marks[1]]
        #expect(idle.count <= 1, "the UI woke \(idle.count) times in a quiet minute: \(Array(idle))")
        #expect(idle.allSatisfy { $0.timedOut }, "only the clock woke it")
        await server.stop()
    }
}
