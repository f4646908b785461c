import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// A server that goes silent (SIGSTOP: connections still accepted, nothing answered) is said
/// as "reconnecting" once the heartbeat deadline passes, the server's hold plus the margin,
/// and the client is back online by itself when the server answers again.
@Suite("A blackholed server", .serialized)
struct BlackholeTests {
    @Test(.timeLimit(.minutes(1)))
    func aSilentServerIsReconnectingOnceItsHeartbeatIsLate() async throws {
        let hold = 2
        let server = try await ServerProcess(
            database: TestServer.temporaryDatabase(), workshop: try temporaryWorkshopFile(),
            extraArguments: ["--poll-timeout", String(hold)])
        defer {
            server.thaw()
            server.terminate()
        }
        let code = try #require(server.code)
        let engine = CurlEngine()
        defer { engine.shutdown() }
        let api = SessionAPI(baseURL: server.url, transport: engine)
        let statuses = Deliveries<(Date, ConnectionStatus)>()
        let session = RoomSession(api: api, join: JoinRequest(code: code, name: "Karim"), timing: RoomSessionTests.fast) { update in
            if case .stream(.status(let status)) = update { statuses.append((Date(), status)) }
        }
        session.start()
        defer { session.stop() }
        #expect(await eventually { statuses.all.last?.1 == .online })

        server.freeze()
        let frozen = Date()
        // The heartbeat deadline: the hold plus a margin of 5 s at most.
        let deadline = Double(hold) + 5
        let reconnecting = { statuses.all.first { if case .reconnecting = $0.1 { $0.0 >= frozen } else { false } } }
        #expect(await eventually(within: deadline + 6) { reconnecting() != nil })
        let after = try #require(reconnecting()).0.timeIntervalSince(frozen)
        // At the deadline, not the 35 s it took with a 25 s hold and a 10 s margin; a poll
        // parked just before the freeze may have had up to one hold to run.
        #expect(after <= deadline + 1.5, "reconnecting \(after) s after the server went silent (deadline \(deadline) s)")

        server.thaw()
        #expect(await eventually(within: 15) { statuses.all.last?.1 == .online })
    }
}
