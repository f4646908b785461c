import ArgumentParser
import Foundation
import Logging
import SessionModel
import SessionServer

/// `momentum demo`: an embedded server and a sample workshop, to see a live room at once.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a sample workshop on this machine and join it.",
        discussion: "The server listens on 127.0.0.1 and keeps its data in a temporary folder."
    )

    @Option(help: "The port of the embedded server (0 picks a free one).")
    var port = 0

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("momentum-demo-\(ProcessInfo.processInfo.processIdentifier)")
        var logger = Logger(label: "momentum.demo-server")
        logger.logLevel = .warning
        let server = try SessionServer(
            config: ServerConfig(host: "127.0.0.1", port: port, databasePath: folder.appendingPathComponent("demo.sqlite").path),
            logger: logger)
        let room = try await server.createRoom(DemoWorkshop.request)
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
            group.addTask { try await server.run { port in continuation.yield(port) } }
            var iterator = ports.makeAsyncIterator()
            guard let bound = await iterator.next() else { return }
            let url = "http://127.0.0.1:\(bound)"
            Console.out("""
                Demo workshop "\(DemoWorkshop.request.title)" at \(url)
                  join code: \(room.code)   moderator key: \(room.moderatorKey)
                Join it from a second terminal:
                  momentum join \(url) --code \(room.code) --name YourName
                """)
            try await PlainRoom(url: url, code: room.code, name: "Invité", moderatorKey: nil, bots: true).run()
            group.cancelAll()
        }
    }
}
