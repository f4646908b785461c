import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// The real `momentum join` in tmux against the real `momentum serve`: a learner at 80x24,
/// the expert at 120x40, and a third participant over the API.
@Suite("The room in tmux against a real server", .serialized)
struct RoomEndToEndTests {
    let binary = ServerProcess.binary

    func join(_ tmux: Tmux, url: String, code: String, name: String, key: String? = nil, width: Int, height: Int) throws {
        var command = "env LANG=C.UTF-8 XDG_CONFIG_HOME=\(NSTemporaryDirectory())momentum-config-\(UUID().uuidString) XDG_STATE_HOME=\(NSTemporaryDirectory())momentum-state-\(UUID().uuidString) \(binary) join \(url) --code \(code) --name \(name) --lang fr"
        if let key { command += " --moderator-key \(key)" }
        try tmux.start(command, width: width, height: height)
    }

    /// Appends a message event to the room in the (stopped) server's database, as a broken or
    /// malicious server could serve it.
    func insertMessage(into database: String, author: String, text: String) throws {
        let script = """
            import json, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            room, head = db.execute("SELECT room_id, MAX(seq) FROM event").fetchone()
            seq = head + 1
            at = "2026-11-23T10:00:00.000Z"
            message = {"id": "m_hostile", "seq": seq, "authorId": sys.argv[2], "text": sys.argv[3], "at": at, "deleted": False}
            event = {"seq": seq, "type": "message", "at": at, "actor": sys.argv[2], "data": message}
            db.execute("INSERT INTO event (room_id, seq, body) VALUES (?, ?, ?)", (room, seq, json.dumps(event).encode()))
            db.execute("INSERT INTO message (room_id, seq, id) VALUES (?, ?, ?)", (room, seq, "m_hostile"))
            db.commit()
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, database, author, text]
        try process.runAlone()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("could not write into the database") }
    }

    func screen(_ tmux: Tmux) -> String { tmux.capture().joined(separator: "\n") }

    func count(_ text: String, in tmux: Tmux) -> Int { screen(tmux).components(separatedBy: text).count - 1 }

    @Test func learnersAndTheExpertSeeTheSameRoom() async throws {
        let database = TestServer.temporaryDatabase()
        let server = try await ServerProcess(database: database, workshop: try temporaryWorkshopFile())
        let code = try #require(server.code), key = try #require(server.moderatorKey)
        let learner = Tmux(), expert = Tmux()
        defer {
            learner.kill()
            expert.kill()
        }
        try join(learner, url: server.url, code: code, name: "Karim", width: 80, height: 24)
        try join(expert, url: server.url, code: code, name: "Sarah", key: key, width: 120, height: 40)
        #expect(await eventually(within: 20) { screen(learner).contains("Sarah (expert·e)") && screen(expert).contains("Karim") }, "\(screen(learner))")
        #expect(screen(expert).contains("Programme") && screen(expert).contains("Accueil"), "the agenda is on the expert's screen")

        // Chat from someone else, then from the learner, reaches both screens.
        let chloe = TestClient(url: server.url, name: "Chloé")
        chloe.start(code: code)
        defer { Task { await chloe.stop() } }
        #expect(await eventually { chloe.credentials != nil })
        await chloe.sender.enqueue(.message("Salut tout le monde"))
        #expect(await eventually { screen(learner).contains("Salut tout le monde") && screen(expert).contains("Salut tout le monde") })
        try learner.type("Bonjour de Karim")
        try learner.sendKeys("Enter")
        #expect(await eventually { screen(expert).contains("Karim Bonjour de Karim") }, "\(screen(expert))")

        // F2: the hand is in the queue on every screen; the expert gives the floor.
        try learner.sendKeys("F2")
        #expect(await eventually { screen(learner).contains("✋1 Karim") && screen(expert).contains("✋1 Karim") })
        try expert.sendKeys("F3")
        #expect(await eventually { screen(learner).contains("Tu as la parole") }, "\(screen(learner))")

        // Kill -9 the server. While it is down, a hostile message is written straight into its
        // database (the server itself refuses control characters): the client must defuse it anyway.
        server.kill()
        #expect(await eventually(within: 15) { screen(learner).contains("reconnexion") }, "\(screen(learner))")
        let titleBefore = learner.display("#{pane_title}")
        try insertMessage(into: database, author: try #require(chloe.me?.id),
                          text: "\u{1B}]0;PWNED\u{07}\u{1B}]52;c;aGFjaw==\u{07}\u{1B}[2J\u{202E}inversé")
        try learner.type("Pendant la panne")
        try learner.sendKeys("Enter")
        let restarted = try await ServerProcess(database: database, port: server.port)
        defer { restarted.terminate() }
        #expect(await eventually(within: 30) { screen(expert).contains("Karim Pendant la panne") && screen(learner).contains("● en ligne") }, "\(screen(expert))")
        #expect(await eventually { screen(learner).contains("␛]0;PWNED␇") }, "\(screen(learner))")
        #expect(screen(learner).contains("\u{FFFD}inversé"))
        #expect(learner.display("#{pane_title}") == titleBefore)
        #expect(!learner.display("#{pane_title}").contains("PWNED"))
        #expect(screen(learner).contains("Atelier"), "the screen was not cleared by ESC [2J")
        // Nothing lost or doubled across the restart.
        #expect(count("Pendant la panne", in: expert) == 1)
        #expect(count("Pendant la panne", in: learner) == 1)
        #expect(count("Bonjour de Karim", in: expert) == 1)

        // F10 asks, then leaves the room.
        try learner.sendKeys("F10")
        #expect(await eventually { screen(learner).contains("Quitter la salle ?") }, "\(screen(learner))")
        try learner.sendKeys("Enter")
        #expect(await eventually(within: 10) { screen(expert).contains("Karim est parti") }, "\(screen(expert))")
    }

    @Test func aRefusedJoinAndARemovalAreSaidInWordsWithAFailingStatus() async throws {
        let server = try await ServerProcess(database: TestServer.temporaryDatabase(), workshop: try temporaryWorkshopFile())
        defer { server.terminate() }
        let code = try #require(server.code), key = try #require(server.moderatorKey)
        let shell = Tmux()
        defer { shell.kill() }
        try shell.start("env PS1='$ ' bash --norc --noprofile", width: 100, height: 30)
        let environment = "LANG=C.UTF-8 XDG_CONFIG_HOME=\(NSTemporaryDirectory())momentum-config-\(UUID().uuidString) XDG_STATE_HOME=\(NSTemporaryDirectory())momentum-state-\(UUID().uuidString)"
        // A typo in the code goes back to the form with the reason; Escape gives up.
        try shell.type("\(environment) \(binary) join \(server.url) --code WRONG1 --name Karim --lang fr; echo status=$?")
        try shell.sendKeys("Enter")
        #expect(await eventually(within: 15) { screen(shell).contains("Ce code ne correspond à aucun atelier") }, "\(screen(shell))")
        try shell.sendKeys("Escape")
        #expect(await eventually(within: 15) { screen(shell).contains("status=0") }, "\(screen(shell))")

        let expert = TestClient(url: server.url, name: "Sarah")
        expert.start(code: code, moderatorKey: key)
        defer { Task { await expert.stop() } }
        try shell.type("clear; \(environment) \(binary) join \(server.url) --code \(code) --name Léa --lang fr; echo status=$?")
        try shell.sendKeys("Enter")
        #expect(await eventually(within: 15) { expert.state?.present.contains { $0.name == "Léa" } == true })
        let lea = try #require(expert.state?.present.first { $0.name == "Léa" })
        _ = try await expert.api.moderate(try #require(expert.credentials), .remove, ModerationRequest(participantId: lea.id))
        #expect(await eventually(within: 15) { screen(shell).contains("status=1") }, "\(screen(shell))")
        #expect(screen(shell).contains("L'expert·e t'a retiré·e de la salle."))
        #expect(shell.display("#{alternate_on}") == "0")
    }

    @Test func anImpersonatingNameGoesBackToTheFormInFrench() async throws {
        let server = try await ServerProcess(database: TestServer.temporaryDatabase(), workshop: try temporaryWorkshopFile())
        defer { server.terminate() }
        let code = try #require(server.code)
        let learner = Tmux()
        defer { learner.kill() }
        try join(learner, url: server.url, code: code, name: "'Sarah ★'", width: 80, height: 24)
        #expect(await eventually(within: 15) { screen(learner).contains("Ce nom n'est pas accepté") }, "\(screen(learner))")
        #expect(!screen(learner).contains("refused") && !screen(learner).contains("not accepted"), "no English on a French screen")
        try learner.sendKeys("C-u")
        try learner.type("Sarah")
        try learner.sendKeys("Enter")
        #expect(await eventually(within: 15) { screen(learner).contains("● en ligne") && screen(learner).contains("Sarah (toi)") }, "\(screen(learner))")
    }

    @Test func aLocaleWithoutUTF8StillShowsAccentsAndAsciiFoldsEverySymbol() async throws {
        let server = try await ServerProcess(database: TestServer.temporaryDatabase(), workshop: try temporaryWorkshopFile())
        defer { server.terminate() }
        let code = try #require(server.code), key = try #require(server.moderatorKey)
        let latin = Tmux(), ascii = Tmux()
        defer {
            latin.kill()
            ascii.kill()
        }
        let state = "XDG_CONFIG_HOME=\(NSTemporaryDirectory())momentum-config-\(UUID().uuidString) XDG_STATE_HOME=\(NSTemporaryDirectory())momentum-state-\(UUID().uuidString)"
        // LANG=C (or a French locale that is not installed): C.UTF-8 is used, so "é" stays "é".
        try latin.start("env LANG=C LC_ALL=C \(state) \(binary) join \(server.url) --code \(code) --name Leo --lang fr", width: 80, height: 24)
        #expect(await eventually(within: 20) { screen(latin).contains("écris ton message") && screen(latin).contains("● en ligne") }, "\(screen(latin))")
        // --ascii: borders and symbols alike, the expert's badge as "*", which no name may hold.
        try ascii.start("env LANG=C.UTF-8 \(state)-2 \(binary) join \(server.url) --code \(code) --name Sarah --moderator-key \(key) --lang fr --ascii", width: 80, height: 24)
        #expect(await eventually(within: 20) { screen(ascii).contains("* Sarah (expert.e) (toi)") }, "\(screen(ascii))")
        #expect(screen(ascii).unicodeScalars.allSatisfy { $0.isASCII }, "\(screen(ascii))")
    }
}
