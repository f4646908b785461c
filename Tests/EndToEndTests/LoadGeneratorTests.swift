import Foundation
import Testing
import TestSupport

/// `make test` runs the load generator once, tiny, and checks counts only: speed is for
/// `make bench`.
@Suite("The load generator")
struct LoadGeneratorTests {
    @Test func everyMessageReachesEveryMemberOnceThroughTheGenerator() async throws {
        let binary = URL(fileURLWithPath: ServerProcess.binary).deletingLastPathComponent().appendingPathComponent("momentum-load").path
        let database = TestServer.temporaryDatabase()
        let server = try await ServerProcess(database: database, extraArguments: ["--admin-token", "load", "--message-burst", "100000"])
        defer { server.terminate() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        let json = database + ".load.json"
        process.arguments = ["--target", server.url, "--admin-token", "load", "--rooms", "3", "--participants", "4",
                             "--rate", "30", "--duration", "2", "--json", json]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let result = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        // 60 messages over 3 rooms, each to the room's 4 members.
        #expect(result?["deliveries"] as? Int == 240)
        #expect(result?["lost"] as? Int == 0)
        #expect(result?["duplicates"] as? Int == 0)
        #expect((result?["errors"] as? [String: Any])?.isEmpty == true)
    }
}
