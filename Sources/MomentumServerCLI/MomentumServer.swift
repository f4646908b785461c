import ArgumentParser
import MomentumTUI

/// `momentum-server`: `momentum` with the session server in it, for the subcommands that run
/// one (serve, demo, migrate): `momentum` execs it for them. Its help and usage say
/// `momentum`, the name people type.
@main
struct MomentumServer: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandHelp.root(server: [Serve.self, Demo.self, Migrate.self])
    }

    static func main() async {
        await runInLanguage()
    }
}
