import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// `momentum migrate` and `momentum serve --db` as an operator types them.
@Suite("Moving to PostgreSQL")
struct MigrationTests {
    /// Runs the momentum binary and answers its exit status and what it printed.
    func momentum(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ServerProcess.binary)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.runAlone()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test(.enabled(if: PostgresTestDatabase.available, "needs the cluster that make test starts"))
    func aSQLiteDatabaseMovesToPostgreSQLWithItsSeatsAndRetries() async throws {
        let file = TestServer.temporaryDatabase()
        let before = try await ServerProcess(database: file, workshop: try temporaryWorkshopFile())
        let code = try #require(before.code)
        let engine = CurlEngine()
        defer { engine.shutdown() }
        let api = SessionAPI(baseURL: before.url, transport: engine)
        let karim = try await api.join(JoinRequest(code: code, name: "Karim"))
        let posted = try await api.postMessage(karim.credentials, PostMessageRequest(text: "Avant le déménagement", clientId: "move-1"))
        _ = try await api.setHand(karim.credentials, HandRequest(raised: true, clientId: "hand-1"))
        let stateBefore = try await api.state(karim.credentials).state
        before.terminate()

        let database = try PostgresTestDatabase.create()
        let copied = try momentum(["migrate", "--from", file, "--to", database])
        #expect(copied.status == 0, "\(copied.output)")
        #expect(copied.output.contains("copied 1 rooms"), "\(copied.output)")

        let after = try await ServerProcess(database: database)
        defer { after.terminate() }
        let moved = SessionAPI(baseURL: after.url, transport: engine)
        // Karim keeps his seat: the same token, the same room, the same hand.
        let stateAfter = try await moved.state(karim.credentials).state
        var expected = stateBefore, got = stateAfter
        for i in expected.participants.indices { expected.participants[i].presence = .online }
        for i in got.participants.indices { got.participants[i].presence = .online }
        #expect(got.messages == expected.messages)
        #expect(got.hands == [karim.participant.id])
        #expect(got.participants.map(\.name) == expected.participants.map(\.name))
        // A retry of a message sent before the move gets its first answer; nothing doubles.
        #expect(try await moved.postMessage(karim.credentials, PostMessageRequest(text: "Avant le déménagement", clientId: "move-1")) == posted)
        #expect(try await moved.messages(karim.credentials, before: nil, limit: 50).messages.map(\.text) == ["Avant le déménagement"])
        // The new server lives on from there.
        _ = try await moved.postMessage(karim.credentials, PostMessageRequest(text: "Après", clientId: "move-2"))

        let again = try momentum(["migrate", "--from", file, "--to", database])
        #expect(again.status != 0)
        #expect(again.output.contains("is already in"), "\(again.output)")
    }

    @Test func aDatabaseURLWithAnUnknownSchemeIsRefusedWithASentence() throws {
        let refused = try momentum(["serve", "--db", "mysql://root@127.0.0.1/momentum", "--port", "0"])
        #expect(refused.status != 0)
        #expect(refused.output.contains("scheme \"mysql\" is not supported"), "\(refused.output)")
        let noDatabase = try momentum(["serve", "--db", "postgres://127.0.0.1:5432/", "--port", "0"])
        #expect(noDatabase.status != 0)
        #expect(noDatabase.output.contains("names no database"), "\(noDatabase.output)")
        let missing = try momentum(["migrate", "--from", "/nonexistent/momentum.sqlite", "--to", "postgres://127.0.0.1/momentum"])
        #expect(missing.status != 0)
        #expect(missing.output.contains("there is no SQLite database at /nonexistent/momentum.sqlite"), "\(missing.output)")
    }

    @Test func aWorkshopFileOpensTheSameRoomAtEveryStart() async throws {
        let file = TestServer.temporaryDatabase()
        let workshop = try temporaryWorkshopFile()
        let first = try await ServerProcess(database: file, workshop: workshop)
        let code = try #require(first.code)
        let key = try #require(first.moderatorKey)
        first.terminate()

        let again = try await ServerProcess(database: file, workshop: workshop)
        #expect(again.code == code, "the learners keep their code")
        #expect(again.moderatorKey == nil, "the key is shown once, when the room is created")
        let engine = CurlEngine()
        defer { engine.shutdown() }
        let expert = try await SessionAPI(baseURL: again.url, transport: engine).join(JoinRequest(code: code, name: "Sarah", moderatorKey: key))
        #expect(expert.participant.role == .expert)
        again.terminate()

        let fresh = try await ServerProcess(database: file, workshop: workshop, extraArguments: ["--room", "session-de-printemps"])
        defer { fresh.terminate() }
        #expect(fresh.code != nil && fresh.code != code)
        #expect(fresh.moderatorKey != nil)
        let alone = try momentum(["serve", "--db", file, "--room", "x", "--port", "0"])
        #expect(alone.status != 0)
        #expect(alone.output.contains("--room names the room of a --workshop file"), "\(alone.output)")
    }

    @Test func theAdminTokenCanComeFromAFileInsteadOfTheCommandLine() async throws {
        let tokenFile = NSTemporaryDirectory() + "momentum-admin-\(UUID().uuidString)"
        try Data("jeton-secret\n".utf8).write(to: URL(fileURLWithPath: tokenFile))
        defer { try? FileManager.default.removeItem(atPath: tokenFile) }
        let server = try await ServerProcess(database: TestServer.temporaryDatabase(), extraArguments: ["--admin-token-file", tokenFile])
        defer { server.terminate() }
        let engine = CurlEngine()
        defer { engine.shutdown() }
        let api = SessionAPI(baseURL: server.url, transport: engine)
        let room = try await api.createRoom(adminToken: "jeton-secret", CreateRoomRequest(title: "Atelier", agenda: [AgendaDraft(title: "Accueil", day: 1, start: "09:00", minutes: 30)]))
        #expect(room.code.count == 6)
        await #expect(throws: ClientError.self) {
            _ = try await api.createRoom(adminToken: "autre", CreateRoomRequest(title: "Atelier", agenda: [AgendaDraft(title: "Accueil", day: 1, start: "09:00", minutes: 30)]))
        }
    }

    @Test func aSecondServerOnTheSameSQLiteFileRefusesToStart() async throws {
        let file = TestServer.temporaryDatabase()
        let first = try await ServerProcess(database: file)
        defer { first.terminate() }
        let second = try momentum(["serve", "--db", file, "--port", "0"])
        #expect(second.status != 0)
        #expect(second.output.contains("another momentum server is using this database"), "\(second.output)")
        // Copying the file while its server runs is refused the same way.
        let copy = try momentum(["migrate", "--from", file, "--to", "postgres://127.0.0.1/momentum"])
        #expect(copy.status != 0)
        #expect(copy.output.contains("another momentum server is using this database"), "\(copy.output)")
        // The first server is unharmed.
        #expect(first.isRunning)
    }

    @Test(.enabled(if: PostgresTestDatabase.available, "needs the cluster that make test starts"))
    func anUnreachableDatabaseStopsTheServerWithASentence() throws {
        let port = try freePort()
        let refused = try momentum(["serve", "--db", "postgres://postgres@127.0.0.1:\(port)/momentum", "--port", "0"])
        #expect(refused.status != 0)
        #expect(refused.output.contains("cannot open the database postgres://postgres@127.0.0.1:\(port)/momentum"), "\(refused.output)")
    }
}
