import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// Two servers on one PostgreSQL database both sweep for due timers: the end is appended
/// once, whichever gets there first (each decides on the newest state).
@Suite("Two servers, one timer", .enabled(if: PostgresTestDatabase.available, "needs the cluster that make test starts"))
struct SharedTimerTests {
    @Test func twoServersEndATimerOnce() async throws {
        let database = try PostgresTestDatabase.create()
        let a = try await TestServer(databasePath: database)
        let b = try await TestServer(databasePath: database)
        let room = try await a.createRoom()
        let sarah = try await a.join(room, "Sarah", expert: true)
        let karim = try await b.join(room, "Karim")
        let cursor = try await b.api.state(karim.credentials).cursor
        // Both servers know the room (each served a join), so both sweep it.
        _ = try await a.api.engage(sarah.credentials, .timer(.start, seconds: 1), clientId: "timer-1")
        var after = cursor
        var seen: [RoomEvent] = []
        #expect(try await eventually(within: 15) {
            let page = try await b.api.events(karim.credentials, after: after, timeout: 2)
            seen += page.events
            after = page.cursor
            return seen.contains { $0.kind.type == "timer.ended" }
        })
        // A moment more for a second end, if there were one, through either server.
        let later = try await a.api.events(sarah.credentials, after: after, timeout: 1)
        let ends = (seen + later.events).filter { $0.kind.type == "timer.ended" }
        #expect(ends.count == 1)
        await a.stop()
        await b.stop()
    }
}
