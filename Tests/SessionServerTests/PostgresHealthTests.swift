import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// `/healthz` on PostgreSQL says when the database takes no writes, and when it does again.
@Suite("PostgreSQL health", .enabled(if: PostgresTestDatabase.available, "needs the cluster that make test starts"))
struct PostgresHealthTests {
    @Test func aDatabaseThatRefusesWritesTakesTheServerOutOfRotationUntilItTakesThemAgain() async throws {
        let url = try PostgresTestDatabase.create()
        let cluster = try #require(PostgresTestDatabase.clusterURL)
        let name = String(url[url.index(after: try #require(url.lastIndex(of: "/")))...])
        let server = try await TestServer(databasePath: url)
        let room = try await server.createRoom()
        let karim = try await server.join(room, "Karim")
        #expect(try await server.raw("GET", "/healthz").status == 200)

        // Read-only for every new session, and the server's sessions closed: it reconnects.
        func readOnly(_ on: Bool) throws {
            try PostgresTestDatabase.psql(cluster, "ALTER DATABASE \(name) SET default_transaction_read_only = \(on ? "on" : "off")")
            try PostgresTestDatabase.psql(cluster, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)' AND pid <> pg_backend_pid()")
        }
        try readOnly(true)
        var health: HTTPResponse?
        #expect(await eventually(within: 20) {
            health = try? await server.raw("GET", "/healthz")
            return health?.status == 503
        })
        let body = try WireCoding.decoder().decode(HealthResponse.self, from: try #require(health).body)
        #expect(body.status == "unavailable")
        #expect(body.problem == "the database takes no writes (a standby or read-only database)")
        #expect(health?.headers["retry-after"] != nil)
        // A write is refused as the database being unavailable, never a 500.
        let post = try await server.raw("POST", "/v1/rooms/\(room.roomId)/messages", token: karim.token, body: #"{"text": "Salut", "clientId": "ro1"}"#)
        #expect(post.status == 503)
        #expect(post.apiError?.error == "unavailable")

        try readOnly(false)
        #expect(await eventually(within: 20) { (try? await server.raw("GET", "/healthz"))?.status == 200 })
        #expect(await eventually(within: 20) {
            (try? await server.raw("POST", "/v1/rooms/\(room.roomId)/messages", token: karim.token, body: #"{"text": "Salut", "clientId": "ro1"}"#))?.status == 201
        })
        await server.stop()
    }
}
