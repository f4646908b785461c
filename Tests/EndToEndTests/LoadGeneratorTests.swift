import Foundation
import Testing
import TestSupport

/// `make test` runs the load generator, tiny, and checks counts only: speed is for
/// `make bench`.
@Suite("The load generator")
struct LoadGeneratorTests {
    @Test func everyMessageReachesEveryMemberOnceThroughTheGenerator() async throws {
        let result = try await run(["--rooms", "3", "--participants", "4", "--rate", "30", "--duration", "2"])
        // 60 messages over 3 rooms, each to the room's 4 members.
        #expect(result["deliveries"] as? Int == 240)
        #expect(result["lost"] as? Int == 0)
        #expect(result["duplicates"] as? Int == 0)
        #expect((result["errors"] as? [String: Any])?.isEmpty == true)
    }

    /// Every room publishing in the same instant while members drop their connections and
    /// come back: nothing lost, nothing twice, the reconnections not counted as errors.
    @Test func aBurstWithChurnLosesAndRepeatsNothing() async throws {
        let result = try await run(["--rooms", "3", "--participants", "4", "--burst", "--duration", "2", "--churn", "0.5"])
        // Two bursts of one message in each of 3 rooms, each to the room's 4 members.
        #expect(result["deliveries"] as? Int == 24)
        #expect(result["lost"] as? Int == 0)
        #expect(result["duplicates"] as? Int == 0)
        #expect((result["reconnections"] as? Int ?? 0) >= 6)
        #expect((result["errors"] as? [String: Any])?.isEmpty == true)
    }

    @Test func anIdleRunPublishesNothing() async throws {
        let result = try await run(["--rooms", "2", "--participants", "3", "--idle", "--duration", "1"])
        #expect(result["deliveries"] as? Int == 0)
        #expect(result["lost"] as? Int == 0)
        #expect((result["errors"] as? [String: Any])?.isEmpty == true)
    }

    /// Runs momentum-load against a fresh server and answers its JSON result.
    private func run(_ arguments: [String]) async throws -> [String: Any] {
        let binary = URL(fileURLWithPath: ServerProcess.binary).deletingLastPathComponent().appendingPathComponent("momentum-load").path
        let database = TestServer.temporaryDatabase()
        let server = try await ServerProcess(database: database, extraArguments: ["--admin-token", "load", "--message-burst", "100000"])
        defer { server.terminate() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        let json = database + ".load.json"
        process.arguments = ["--target", server.url, "--admin-token", "load", "--json", json] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.runAlone()
        guard await process.ended(within: 300) else {
            process.terminate()
            throw TestFailure("momentum-load did not finish")
        }
        #expect(process.terminationStatus == 0)
        return try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any] ?? [:]
    }
}
