import ArgumentParser
import Foundation
import Widgets

/// `momentum gallery`: the widget gallery in the real terminal (for tests and for a look).
struct Gallery: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the widget gallery (a test screen).", shouldDisplay: false)

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
        var lastEvent: InputEvent?
        var frames = 0
        loop: while true {
            terminal.draw(GalleryView.render(size: terminal.size, theme: theme, lastEvent: lastEvent), cursor: Point(x: 3, y: terminal.size.height - 2))
            frames += 1
            if let crashAfter, frames >= crashAfter {
                let empty: [Int] = []
                _ = empty[frames]  // a Swift runtime trap, on purpose
            }
            let ready = terminal.wait(timeout: nil)
            if ready.contains(terminal.signalDescriptor), terminal.pendingSignal() != nil { break loop }
            if ready.isEmpty { continue }
            for event in terminal.readEvents() {
                switch event {
                case .text("q"), .function(10), .ctrl("c"): break loop
                default: lastEvent = event
                }
            }
        }
        terminal.restore()
    }
}
