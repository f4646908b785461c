import Widgets

/// What a room command runs with, every source merged: the command line first, then the
/// config file, then the environment (`LANG`, `NO_COLOR`, `TERM`), then built-in defaults.
/// A pure function of its inputs, so the precedence is tested without a terminal.
package struct Settings: Sendable, Equatable {
    package var language: Language
    package var theme: ThemeChoice
    package var ascii: Bool
    /// Ring the terminal bell on a mention of me and when I am given the floor.
    package var bell: Bool
    package var plain: Bool
    package var logFile: String?
    /// Defaults for `join` when its arguments leave them out.
    package var serverURL: String?
    package var name: String?

    package static func resolve(_ options: GlobalOptions, config: MomentumConfig, environment: [String: String]) -> Settings {
        // https://no-color.org: a non-empty NO_COLOR turns colours off, unless the user's own
        // configuration asks for them.
        let noColorVariable = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let theme: ThemeChoice = options.noColor ? .monochrome : config.theme ?? (noColorVariable ? .monochrome : .color)
        return Settings(
            language: options.language ?? config.language ?? Language.detect(environment: environment),
            theme: theme,
            ascii: options.ascii || (config.ascii ?? false),
            bell: config.bell ?? true,
            plain: options.plain || (config.plain ?? false) || environment["TERM"] == "dumb",
            logFile: options.logFile,
            serverURL: config.serverURL,
            name: config.name)
    }

    /// The widgets' theme for these settings. A terminal without UTF-8 needs `.ascii` too,
    /// which only the terminal can tell.
    var widgetTheme: Theme {
        let base = theme == .color ? Theme.color : Theme.monochrome
        return ascii ? base.ascii : base
    }
}
