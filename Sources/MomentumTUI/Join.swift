import ArgumentParser
import Foundation

/// `momentum join`: take part in a workshop. Line by line for now; the full-screen room comes next.
struct Join: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join a workshop.",
        discussion: "Messages you type are sent when you press Enter. Commands: /hand (or /main) raises or lowers your hand, /who lists the people here, /agenda shows the programme, /help lists the commands, /quit leaves."
    )

    @Argument(help: "The server's address, such as http://127.0.0.1:8080.")
    var url: String

    @Option(help: "The workshop's join code.")
    var code: String

    @Option(help: "Your name, as the others will see it.")
    var name: String

    @Option(help: "The moderator key, to join as the workshop's expert.")
    var moderatorKey: String?

    func validate() throws {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            throw ValidationError("The server address must start with http:// or https:// (for example http://127.0.0.1:8080).")
        }
    }

    func run() async throws {
        try await PlainRoom(url: url, code: code, name: name, moderatorKey: moderatorKey).run()
    }
}
