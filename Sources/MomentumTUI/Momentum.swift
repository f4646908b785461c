import ArgumentParser

/// `momentum`: join a live workshop from the terminal, or run the server behind it.
@main
struct Momentum: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "momentum",
        abstract: "Live, remote workshops from the terminal.",
        discussion: "See a live room at once with 'momentum demo'. Run a server with 'momentum serve --workshop examples/les-metiers-du-web.json', then 'momentum join http://127.0.0.1:8080 --code CODE --name NAME'.",
        version: version,
        subcommands: [Join.self, Serve.self, Demo.self, Gallery.self]
    )
}
