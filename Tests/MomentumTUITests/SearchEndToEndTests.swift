import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// Ctrl-F in the real `momentum join` at 80x24: the words are marked in the chat, n goes to
/// an older match, even one older than the room's snapshot (fetched from the server).
@Suite("Search in tmux", .serialized)
struct SearchEndToEndTests {
    func screen(_ tmux: Tmux) -> String { tmux.capture().joined(separator: "\n") }

    /// The row holding `text`, with its escape sequences.
    func styledRow(_ tmux: Tmux, holding text: String) -> String? {
        tmux.captureStyled().first { $0.contains(text) || Self.plain($0).contains(text) }
    }

    /// A styled row without its escape sequences.
    static func plain(_ row: String) -> String {
        row.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    /// Whether the SGR sequences right before `word` in `row` (tmux writes several in a row,
    /// colours apart) turn underline on (4).
    static func isMarked(_ word: String, in row: String) -> Bool {
        guard let range = row.range(of: word) else { return false }
        var before = row[..<range.lowerBound]
        while before.hasSuffix("m"), let escape = before.range(of: "\u{1B}[", options: .backwards) {
            let parameters = before[escape.upperBound...].dropLast()
            guard parameters.allSatisfy({ $0.isNumber || $0 == ";" }) else { return false }
            if parameters.split(separator: ";").contains("4") { return true }
            before = before[..<escape.lowerBound]
        }
        return false
    }

    @Test func ctrlFMarksMatchesAndNGoesToAnOlderOneFromTheServer() async throws {
        let server = try await TestServer { $0.messageBurst = 1_000; $0.messageRefillSeconds = 0.01 }
        let room = try await server.createRoom()
        let sarah = try await server.join(room, "Sarah", expert: true)
        // The oldest match, then 110 other messages: the state carries the last 100, so the
        // oldest match is only in the server's history.
        _ = try await server.api.postMessage(sarah.credentials, PostMessageRequest(text: "Premier cours : l'École du web", clientId: "old"))
        for index in 1...110 {
            _ = try await server.api.postMessage(sarah.credentials, PostMessageRequest(text: "remplissage \(index)", clientId: "fill-\(index)"))
        }
        _ = try await server.api.postMessage(sarah.credentials, PostMessageRequest(text: "Dernier rappel : ecole demain", clientId: "new"))

        let karim = Tmux()
        defer { karim.kill() }
        let folder = NSTemporaryDirectory() + "momentum-search-\(UUID().uuidString)"
        try karim.start(
            "exec env LANG=C.UTF-8 XDG_CONFIG_HOME=\(folder)/config XDG_STATE_HOME=\(folder)/state \(ServerProcess.binary) join \(server.url) --code \(room.code) --name Karim --lang fr",
            width: 80, height: 24)
        #expect(await eventually(within: 20) { screen(karim).contains("Dernier rappel") }, "\(screen(karim))")

        try karim.sendKeys("C-f")
        #expect(await eventually { screen(karim).contains("Chercher dans la discussion") }, "\(screen(karim))")
        try karim.type("ÉCOLE")
        try karim.sendKeys("Enter")
        #expect(await eventually(within: 15) { screen(karim).contains("Recherche « ÉCOLE » 1/2") }, "\(screen(karim))")
        // The newest match is marked (underlined) where it says "ecole".
        #expect(await eventually { styledRow(karim, holding: "demain").map { Self.isMarked("ecole", in: $0) } ?? false },
                "\(karim.captureStyled().joined(separator: "\n"))")
        #expect(styledRow(karim, holding: "remplissage 110").map { !Self.isMarked("remplissage", in: $0) } ?? true)

        // n: the older match, 111 messages back, comes from the server's history and is shown.
        try karim.sendKeys("n")
        #expect(await eventually(within: 20) { screen(karim).contains("Recherche « ÉCOLE » 2/2") && screen(karim).contains("Premier cours") },
                "\(screen(karim))")
        #expect(await eventually { styledRow(karim, holding: "Premier cours").map { Self.isMarked("École", in: $0) } ?? false },
                "\(karim.captureStyled().joined(separator: "\n"))")
        // Past the oldest: said, and nothing moves.
        try karim.sendKeys("n")
        #expect(await eventually { screen(karim).contains("Pas de résultat plus ancien.") }, "\(screen(karim))")
        // N: back to the newest; Escape ends the search and the marks go.
        try karim.sendKeys("N")
        #expect(await eventually { screen(karim).contains("Recherche « ÉCOLE » 1/2") && screen(karim).contains("Dernier rappel") }, "\(screen(karim))")
        try karim.sendKeys("Escape")
        #expect(await eventually { !screen(karim).contains("Recherche «") }, "\(screen(karim))")
        #expect(await eventually { styledRow(karim, holding: "demain").map { !Self.isMarked("ecole", in: $0) } ?? false })
        #expect(karim.capture().count == 24)
        await server.stop()
    }
}
