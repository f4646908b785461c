import Foundation
import Testing
import Widgets
@testable import MomentumTUI

/// The runner holds back frames that only show network input, and draws a key at once.
@Suite("Runner frame pacing")
struct RunnerPacingTests {
    /// A screen that shows the lines it was sent.
    struct Lines: RunnerModel {
        var lines: [String] = []
        mutating func update(_ message: String) -> [Never] {
            lines.append(message)
            return []
        }
        mutating func frame() -> (CellBuffer, Point?) {
            var buffer = CellBuffer(width: 20, height: 5)
            for (y, line) in lines.suffix(5).enumerated() { buffer.write(line, x: 0, y: y) }
            return (buffer, nil)
        }
        func messages(for event: InputEvent, size: Size) -> [String] {
            if case .text(let text) = event { return ["key " + String(text)] }
            return []
        }
        func tick(_ now: Date) -> String? { nil }
        func nextWake(after now: Date) -> Date? { nil }
        var isFinished: Bool { false }
    }

    /// Runs a paced runner (an hour between network frames) through `script`, whose steps
    /// post to the inbox they are given; the model must end with three network lines and a key.
    private func paced(_ script: (Inbox<String>) -> [MemoryTerminal.Step]) -> MemoryTerminal {
        let inbox = Inbox<String>()
        let clock = VirtualClock(Date(timeIntervalSince1970: 1_800_000_000))
        let terminal = MemoryTerminal(width: 20, height: 5, clock: clock, script: script(inbox))
        terminal.frameInterval = .seconds(3600)
        var model = Lines()
        let exit = Runner(terminal: terminal, clock: clock, inbox: inbox).run(&model) { _ in .proceed }
        #expect(exit == .interrupted)
        #expect(model.lines == ["net 1", "net 2", "net 3", "key a"])
        return terminal
    }

    @Test func networkInputWaitsForTheIntervalAndAKeyIsDrawnAtOnce() {
        let terminal = paced { inbox in [
            .mark { for n in 1...3 { inbox.post("net \(n)") } },
            // Real time passes: the runner wakes for the inbox, takes it, and holds the frame.
            .advance(seconds: 1, real: 0.3),
            .type([.text("a")]),
        ] }
        // The first frame, none for the network, one for the key (without pacing: three).
        #expect(terminal.frames == 2)
        #expect(terminal.frame.trimmedRows.filter { !$0.isEmpty } == ["net 1", "net 2", "net 3", "key a"])
    }

    @Test func aHeldFrameIsNotWokenByTheNetworkAndShowsWhatCameMeanwhile() {
        let terminal = paced { inbox in [
            .mark { inbox.post("net 1") },
            .advance(seconds: 1, real: 0.2),
            // The frame showing "net 1" is held back: these wait for it without a wake-up.
            .mark { for n in 2...3 { inbox.post("net \(n)") } },
            .advance(seconds: 1, real: 0.2),
            .type([.text("a")]),
        ] }
        // One wake-up for the network (the first post), not two.
        #expect(terminal.wakeups.filter { !$0.readable.isEmpty }.count == 1)
        #expect(terminal.frames == 2)
        #expect(terminal.frame.trimmedRows.filter { !$0.isEmpty } == ["net 1", "net 2", "net 3", "key a"])
    }
}
