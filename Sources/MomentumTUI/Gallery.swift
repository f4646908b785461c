import ArgumentParser
import Foundation
import Widgets

/// `momentum gallery`: the widget gallery in the real terminal (for tests and for a look).
struct Gallery: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            abstract: CommandLineLanguage.pick(
                fr: "Montrer la galerie des composants (un écran de test ; F10 quitte).",
                en: "Show the widget gallery (a test screen; F10 quits)."),
            shouldDisplay: false)
    }

    @Flag(help: ArgumentHelp(CommandLineLanguage.pick(fr: "Dessiner en ASCII seulement.", en: "Draw ASCII only.")))
    var ascii = false

    @Flag(help: ArgumentHelp(CommandLineLanguage.pick(fr: "Sans couleurs.", en: "No colours.")))
    var noColor = false

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "Planter exprès après ce nombre d'images (vérifie que le terminal est rétabli).",
        en: "Crash on purpose after this many frames (tests that the terminal is restored).")))
    var crashAfter: Int?

    @OptionGroup var language: LanguageOption

    func run() throws {
        let colors = !noColor && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) != false
        let terminal = try NcursesTerminal(options: .init(mouse: true, colors: colors))
        defer { terminal.restore() }
        var theme = colors ? Theme.color : Theme.monochrome
        if ascii || !terminal.unicode { theme = theme.ascii }
        var screen = GalleryScreen(theme: theme, size: terminal.size, crashAfter: crashAfter)
        _ = Runner<GalleryScreen>(terminal: terminal, clock: SystemClock()).run(&screen) { _ in .stop }
    }
}

/// The gallery as a screen for the runner; its one effect is quitting.
struct GalleryScreen: RunnerModel {
    enum Message: Sendable {
        case input(InputEvent)
        case resized(Size)
    }

    enum Effect { case quit }

    var gallery = GalleryView()
    let theme: Theme
    var size: Size
    /// Crash on purpose after this many frames (tests that the terminal is restored).
    let crashAfter: Int?
    private var frames = 0

    init(theme: Theme, size: Size, crashAfter: Int? = nil) {
        self.theme = theme
        self.size = size
        self.crashAfter = crashAfter
    }

    mutating func update(_ message: Message) -> [Effect] {
        switch message {
        case .input(let event): return gallery.handle(event) ? [] : [.quit]
        case .resized(let size):
            self.size = size
            return []
        }
    }

    mutating func frame() -> (CellBuffer, Point?) {
        frames += 1
        return gallery.render(size: size, theme: theme)
    }

    func messages(for event: InputEvent, size: Size) -> [Message] {
        if case .resize = event { return [.resized(size), .input(event)] }
        return [.input(event)]
    }

    func tick(_ now: Date) -> Message? { nil }
    /// Asked right after a frame is drawn: where `--crash-after` traps, so the frame is on screen.
    func nextWake(after now: Date) -> Date? {
        if let crashAfter, frames >= crashAfter {
            let empty: [Int] = []
            _ = empty[frames]  // a Swift runtime trap, on purpose
        }
        return nil
    }

    var isFinished: Bool { false }
}
