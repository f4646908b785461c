import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// The exercise timer is an end time in the room's events, not a timer in a process: it
/// survives kill -9 of the server, and the server that comes back ends it, once.
@Suite("Exercise timer across a server restart")
struct TimerRestartTests {
    @Test func aRunningTimerEndsOnceAfterTheServerIsKilledAndRestarted() async throws {
        let database = TestServer.temporaryDatabase()
        let first = try await ServerProcess(database: database, workshop: try temporaryWorkshopFile())
        let code = try #require(first.code)
        let engine = CurlEngine()
        defer { engine.shutdown() }
        let api = SessionAPI(baseURL: first.url, transport: engine)
        let sarah = try await api.join(JoinRequest(code: code, name: "Sarah", moderatorKey: first.moderatorKey))
        let karim = try await api.join(JoinRequest(code: code, name: "Karim"))
        let started = try await api.engage(sarah.credentials, .timer(.start, seconds: 2), clientId: "timer-1")
        guard case .timer(.started, let timer)? = started.events.first?.kind, let endsAt = timer.endsAt else {
            throw TestFailure("no timer.started in \(started)")
        }
        first.kill()

        let second = try await ServerProcess(database: database, port: first.port)
        defer { second.terminate() }
        let reloaded = try await api.state(karim.credentials)
        if let kept = reloaded.state.timer {
            #expect(kept.endsAt == endsAt, "the timer came back with its end time")
        }
        var after = karim.cursor
        var seen: [RoomEvent] = []
        #expect(try await eventually(within: 30) {
            let page = try await api.events(karim.credentials, after: after, timeout: 2)
            seen += page.events
            after = page.cursor
            return seen.contains { $0.kind.type == "timer.ended" }
        }, "the restarted server never ended the timer")
        let ended = seen.filter { $0.kind.type == "timer.ended" }
        #expect(ended.count == 1)
        #expect(ended.first.map { $0.at >= endsAt } == true)
        // A retry of the start after the restart replays its first answer: no second timer.
        let retried = try await api.engage(sarah.credentials, .timer(.start, seconds: 2), clientId: "timer-1")
        #expect(retried == started)
        #expect(try await api.state(karim.credentials).state.timer == nil)
    }
}
