import Foundation
import Testing
import TestSupport
import Widgets
@testable import MomentumTUI

/// The real ncurses terminal in tmux: what it shows must be the frame rendered in memory,
/// and the terminal must be given back as it was on every way out.
@Suite("The ncurses terminal in tmux", .serialized)
struct TerminalTests {
    let binary = ServerProcess.binary

    /// The frame the gallery shows after `events`, rendered in memory.
    func expected(_ width: Int, _ height: Int, after events: [InputEvent] = []) -> [String] {
        var gallery = GalleryView()
        for event in events { _ = gallery.handle(event) }
        return gallery.render(size: Size(width: width, height: height), theme: .color).0.terminalRows.trimmingTrailingSpaces
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func theScreenIsTheFrameRenderedInMemory(width: Int, height: Int) async throws {
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start("env LANG=C.UTF-8 \(binary) gallery", width: width, height: height)
        let want = expected(width, height)
        let shown = await eventually { tmux.capture() == want }
        #expect(shown, "tmux shows:\n\(tmux.capture().joined(separator: "\n"))")
    }

    @Test func itRedrawsOnResizeAndDecodesKeys() async throws {
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start("env LANG=C.UTF-8 \(binary) gallery", width: 80, height: 24)
        #expect(await eventually { tmux.capture().first?.contains("80x24") == true })
        try tmux.resize(width: 100, height: 30)
        #expect(await eventually { tmux.capture() == expected(100, 30, after: [.resize]) }, "\(tmux.capture().joined(separator: "\n"))")
        try tmux.sendKeys("M-b")
        #expect(await eventually { tmux.capture().joined().contains("last key: alt(\"b\")") })
        try tmux.sendKeys("F2")
        #expect(await eventually { tmux.capture().joined().contains("last key: function(2)") })
        try tmux.paste("q and /quit")
        #expect(await eventually { tmux.capture().joined().contains("last key: paste(\"q and /quit\")") }, "a paste is one event: its q did not quit")
    }

    /// The write(2) calls on standard output that `strace` logged in `log` so far.
    func terminalWrites(_ log: String) -> Int {
        ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").filter { $0.contains("write(1,") }.count
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"), "needs strace"))
    func aFrameGoesToTheTerminalInOneWrite() async throws {
        let tmux = Tmux()
        defer { tmux.kill() }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("writes-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        try tmux.start("env LANG=C.UTF-8 strace -f -e trace=write -e signal=none -s 0 -o \(log) \(binary) gallery", width: 120, height: 40)
        #expect(await eventually { tmux.capture() == expected(120, 40) }, "\(tmux.capture().joined(separator: "\n"))")
        let before = terminalWrites(log)
        // A key changes a line far from the cursor: ncurses moves there and back. Each move
        // was a write of its own (ncurses 6.4 flushes after every move until the first endwin).
        try tmux.sendKeys("M-b")
        #expect(await eventually { tmux.capture() == expected(120, 40, after: [.alt("b")]) }, "\(tmux.capture().joined(separator: "\n"))")
        #expect(await eventually { terminalWrites(log) > before })
        // Nothing else is drawn meanwhile: one frame, one write.
        #expect(terminalWrites(log) - before == 1)
    }

    @Test func mousePressesAndTheWheelAreDecodedWithTheirCell() async throws {
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start("env LANG=C.UTF-8 \(binary) gallery", width: 80, height: 24)
        #expect(await eventually { tmux.display("#{mouse_any_flag}") == "1" }, "the gallery did not ask for the mouse")
        // What a terminal sends for a click at column 10, row 5 (X10 encoding: values + 33).
        func x10(_ button: Int, _ x: Int, _ y: Int) -> String {
            "\u{1B}[M" + String(UnicodeScalar(UInt8(32 + button))) + String(UnicodeScalar(UInt8(33 + x))) + String(UnicodeScalar(UInt8(33 + y)))
        }
        try tmux.type(x10(0, 10, 5))
        #expect(await eventually { tmux.capture().joined().contains("mouse press 10,5") }, "\(tmux.capture().last ?? "")")
        try tmux.type(x10(64, 20, 7))
        #expect(await eventually { tmux.capture().joined().contains("mouse wheelUp 20,7") }, "\(tmux.capture().last ?? "")")
    }

    @Test func typedTextAccentsAndWideCharactersReachTheWidgets() async throws {
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start("env LANG=C.UTF-8 \(binary) gallery", width: 80, height: 24)
        #expect(await eventually { tmux.capture() == expected(80, 24) })
        try tmux.type("Ça va, 日本?")
        try tmux.sendKeys("Enter")
        try tmux.sendKeys("Down")
        try tmux.sendKeys("Tab")
        let events: [InputEvent] = "Ça va, 日本?".map { .text($0) } + [.enter, .down, .tab]
        #expect(await eventually { tmux.capture() == expected(80, 24, after: events) }, "\(tmux.capture().joined(separator: "\n"))")
    }

    /// Runs the gallery from a shell, ends it with `finish`, and checks the shell's terminal.
    func expectRestored(after finish: (Tmux) throws -> Void, extraArguments: String = "", status: String = "0") async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start("env PS1='$ ' bash --norc --noprofile", width: 80, height: 24)
        let before = folder.appendingPathComponent("before").path, after = folder.appendingPathComponent("after").path
        try tmux.type("stty -g > \(before); LANG=C.UTF-8 \(binary) gallery \(extraArguments) 2>/dev/null; s=$?; stty -g > \(after); echo RESTORED-$((1+1)) status=$s")
        try tmux.sendKeys("Enter")
        if status == "0" {
            #expect(await eventually { tmux.display("#{alternate_on}") == "1" }, "the gallery never started")
        }
        try finish(tmux)
        #expect(await eventually { tmux.capture().contains { $0.contains("RESTORED-2 status=\(status)") } }, "\(tmux.capture().joined(separator: "\n"))")
        #expect(tmux.display("#{alternate_on}") == "0", "still on the alternate screen")
        #expect(tmux.display("#{cursor_flag}") == "1", "the cursor is still hidden")
        let saved = try String(contentsOfFile: before, encoding: .utf8), now = try String(contentsOfFile: after, encoding: .utf8)
        #expect(saved == now, "the tty modes were not restored")
    }

    @Test func quittingRestoresTheTerminal() async throws {
        try await expectRestored { try $0.sendKeys("F10") }
    }

    @Test func sigtermRestoresTheTerminal() async throws {
        try await expectRestored { tmux in
            let shell = tmux.display("#{pane_pid}")
            let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
            let pids = children.split(separator: " ").compactMap { Int32($0) }
            #expect(!pids.isEmpty, "no gallery process under the shell")
            for pid in pids { kill(pid, SIGTERM) }
        }
    }

    @Test func aCrashRestoresTheTerminal() async throws {
        // 132: killed by SIGILL, the Swift trap, after the handler put the terminal back.
        try await expectRestored(after: { _ in }, extraArguments: "--crash-after 1", status: "132")
    }
}
