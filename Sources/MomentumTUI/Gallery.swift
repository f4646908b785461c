import ArgumentParser
import Foundation
import Widgets

/// `momentum gallery`: the widget gallery in the real terminal (for tests and for a look).
struct Gallery: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the widget gallery (a test screen; F10 quits).", shouldDisplay: false)

    @Flag(help: "Draw ASCII only.")
    var ascii = false

    @Flag(help: "No colours.")
    var noColor = false

    @Option(help: "Crash on purpose after this many frames (tests that the terminal is restored).")
    var crashAfter: Int?

    func run() throws {
        let colors = !noColor && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) != false
        let terminal = try NcursesTerminal(options: .init(mouse: true, colors: colors))
        var theme = colors ? Theme.color : Theme.monochrome
        if ascii || !terminal.unicode { theme = theme.ascii }
        var gallery = GalleryView()
        var frames = 0
        loop: while true {
            let (frame, cursor) = gallery.render(size: terminal.size, theme: theme)
            terminal.draw(frame, cursor: cursor)
            frames += 1
            if let crashAfter, frames >= crashAfter {
                let empty: [Int] = []
                _ = empty[frames]  // a Swift runtime trap, on purpose
            }
            let ready = terminal.wait(timeout: nil)
            if ready.contains(terminal.signalDescriptor), terminal.pendingSignal() != nil { break loop }
            if ready.isEmpty { continue }
            for event in terminal.readEvents() where !gallery.handle(event) { break loop }
        }
        terminal.restore()
    }
}
