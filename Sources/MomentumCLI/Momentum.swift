import ArgumentParser
// Compiled with -static-stdlib in release, the static Foundation's module names every library
// it needs (CoreFoundation, _FoundationICU, ...) for the linker: this import is what links them.
import Foundation
import MomentumTUI

/// `momentum`: join a live workshop from the terminal, run the server behind it, or try a
/// demo room. The root command only dispatches; `--help` is the first thing a newcomer reads,
/// so it shows an example of each subcommand.
///
/// This executable is the client: `serve`, `demo` and `migrate` are run by `momentum-server`,
/// which it execs with the same arguments (`ServerExecutable`), so that joining a room maps
/// neither the server's code nor its libraries.
@main
struct Momentum: AsyncParsableCommand {
    static let version = CommandHelp.version

    static var configuration: CommandConfiguration {
        CommandHelp.root(server: [ServeInServer.self, DemoInServer.self, MigrateInServer.self])
    }

    static func main() async {
        ServerExecutable.execIfServerCommand(CommandLine.arguments)
        await runInLanguage()
    }
}

/// `momentum serve`, `demo` and `migrate` as the client's help lists them; their arguments
/// never reach these (`Momentum.main` execs `momentum-server` first), so they take none.
struct ServeInServer: ParsableCommand {
    static var configuration: CommandConfiguration { CommandHelp.serve }
}

struct DemoInServer: ParsableCommand {
    static var configuration: CommandConfiguration { CommandHelp.demo }
}

struct MigrateInServer: ParsableCommand {
    static var configuration: CommandConfiguration { CommandHelp.migrate }
}
