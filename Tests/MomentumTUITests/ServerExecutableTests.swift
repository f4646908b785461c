import Foundation
import Testing
import TestSupport
@testable import MomentumCLI
@testable import MomentumServerCLI

/// `momentum` is the client; `serve`, `demo` and `migrate` run in `momentum-server`, which it
/// execs with the same arguments.
@Suite struct ServerExecutableTests {
    @Test func theServersSubcommandsAndTheirHelpGoToMomentumServer() {
        #expect(ServerExecutable.runsInServer(["momentum", "serve", "--port", "0"]))
        #expect(ServerExecutable.runsInServer(["momentum", "demo"]))
        #expect(ServerExecutable.runsInServer(["momentum", "migrate", "--from", "old.sqlite"]))
        #expect(ServerExecutable.runsInServer(["momentum", "help", "serve"]))
        #expect(!ServerExecutable.runsInServer(["momentum", "join", "http://127.0.0.1:8080", "--name", "serve"]))
        #expect(!ServerExecutable.runsInServer(["momentum", "help", "join"]))
        #expect(!ServerExecutable.runsInServer(["momentum", "--help"]))
        #expect(!ServerExecutable.runsInServer(["momentum"]))
    }

    @Test func momentumServerIsLookedForBesideMomentum() {
        #expect(ServerExecutable.path(beside: "/usr/local/bin/momentum") == "/usr/local/bin/momentum-server")
        #expect(ServerExecutable.path(beside: "momentum") == "momentum-server")
    }

    @Test func bothExecutablesListTheSameSubcommands() {
        let subcommands = { (help: String) in help.components(separatedBy: "SUBCOMMANDS:").last ?? "" }
        let client = subcommands(Momentum.helpMessage(columns: 200))
        #expect(client == subcommands(MomentumServer.helpMessage(columns: 200)))
        for name in ["join", "serve", "demo", "migrate", "attendance", "export"] {
            #expect(client.contains("  \(name) "), "no \(name) in \(client)")
        }
    }

    @Test func serveAndItsHelpRunInMomentumServer() async throws {
        let (text, status) = try await MomentumCommand.run(["serve", "--help"], environment: [:])
        #expect(status == 0)
        #expect(text.contains("--message-burst") && text.contains("momentum serve"), "\(text)")
        let (demo, _) = try await MomentumCommand.run(["help", "demo"], environment: [:])
        #expect(demo.contains("--participants"), "\(demo)")
    }

    @Test func withoutMomentumServerServeSaysWhatToBuild() async throws {
        let folder = NSTemporaryDirectory() + "momentum-alone-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: ServerProcess.binary, toPath: folder + "/momentum")
        let english = ["LANG": "C.UTF-8", "LC_ALL": nil, "LC_MESSAGES": nil]
        let (text, status) = try await MomentumCommand.run(["serve", "--port", "0"], environment: english, binary: folder + "/momentum")
        #expect(status == 1)
        #expect(text.contains("'serve' is run by momentum-server") && text.contains("\(folder)/momentum-server"), "\(text)")
        #expect(text.contains("swift build"), "\(text)")
    }

    @Test func theClientHoldsNoServer() async throws {
        // The server's SQLite store is the one library only momentum-server needs.
        let (client, clientStatus) = try await MomentumCommand.run([ServerProcess.binary], environment: [:], binary: "/usr/bin/ldd")
        let server = ServerExecutable.path(beside: ServerProcess.binary)
        let (full, fullStatus) = try await MomentumCommand.run([server], environment: [:], binary: "/usr/bin/ldd")
        #expect(clientStatus == 0 && fullStatus == 0)
        #expect(!client.contains("libsqlite3"), "\(client)")
        #expect(full.contains("libsqlite3"), "\(full)")
    }
}
