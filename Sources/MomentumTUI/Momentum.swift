import ArgumentParser

/// `momentum`: join a live workshop from the terminal, or run the server behind it.
@main
struct Momentum: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "momentum",
        abstract: "Live, remote workshops from the terminal.",
        discussion: """
            Start a server with 'momentum serve --workshop examples/les-metiers-du-web.json',
            or see a live room at once with 'momentum demo'.
            """,
        version: version,
        subcommands: [Serve.self, Demo.self]
    )
}
