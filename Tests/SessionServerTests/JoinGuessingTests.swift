import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// Join codes guessed from many addresses: the per-address limit alone let one guesser on
/// 127.0.0.0/8 try about 1,400 codes a second. The server's wrong-code budget stops that on
/// every store, the right code gets in again once the budget refills, more rooms give longer
/// codes, and behind a trusted proxy the limits count the client's address, not nginx's.
@Suite("Join-code guessing", .serialized)
struct JoinGuessingTests {
    /// A SQLite file, and a PostgreSQL database when the cluster of `make test` runs.
    static let databases: [String] = ["sqlite", ":memory:"] + (PostgresTestDatabase.available ? ["postgres"] : [])

    func database(_ kind: String) throws -> String {
        switch kind {
        case "postgres": try PostgresTestDatabase.create()
        case ":memory:": ":memory:"
        default: TestServer.temporaryDatabase()
        }
    }

    /// POST /v1/join from `source`, with `headers`; the status and the error code.
    func join(_ server: TestServer, code: String, from source: String, headers: [String] = []) async throws -> (status: Int, error: String?, retryAfter: Int?) {
        let request = #"{"code": "\#(code)", "name": "Devin"}"#
        let lines = ["POST /v1/join HTTP/1.1", "Host: test", "Content-Type: application/json", "Content-Length: \(request.utf8.count)", "Connection: close"] + headers
        let port = try #require(Int(server.url.split(separator: ":").last ?? ""))
        let answer = try await RawHTTP.exchange(port: port, Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + request).utf8), from: source)
        let status = Int(answer.split(separator: " ").dropFirst().first ?? "") ?? 0
        let body = answer.range(of: "\r\n\r\n").map { String(answer[$0.upperBound...]) } ?? ""
        let error = (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["error"] as? String
        let retryAfter = answer.split(separator: "\r\n").first { $0.lowercased().hasPrefix("retry-after:") }
            .flatMap { Int($0.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") }
        return (status, error, retryAfter)
    }

    @Test(arguments: JoinGuessingTests.databases)
    func guessingFromManyAddressesIsStoppedAndTheRightCodeGetsInSoonAfter(kind: String) async throws {
        let server = try await TestServer(databasePath: try database(kind)) {
            $0.joinBurst = 3
            $0.joinFailureBurst = 8
            $0.joinFailureRefillSeconds = 2
        }
        let room = try await server.createRoom()
        var answers: [(status: Int, error: String?, retryAfter: Int?)] = []
        // One guess from each of 30 addresses: each is under its own per-address limit.
        let start = Date()
        for host in 2..<32 {
            answers.append(try await join(server, code: "ZZZZ\(host)", from: "127.0.1.\(host)"))
        }
        // The burst, and one more per 2 s the guessing took (slow when the whole suite runs).
        let allowed = 8 + Int(Date().timeIntervalSince(start) / 2) + 1
        let wrong = answers.filter { $0.error == "wrong_code" }.count
        let stopped = answers.filter { $0.status == 429 && $0.error == "rate_limited" }
        #expect(wrong >= 8 && wrong <= allowed, "\(answers.map(\.status))")
        #expect(stopped.count == 30 - wrong, "every other guess held back: \(answers.map(\.status))")
        #expect(stopped.allSatisfy { ($0.retryAfter ?? 0) >= 1 }, "429 says when to come back")
        // The right code, from a new address, gets in once the budget has refilled a little.
        // Each try from an address of its own, so that only the server's budget is in the way.
        var host = 0
        #expect(await eventually(within: 8) {
            host += 1
            return (try? await join(server, code: room.code, from: "127.0.2.\(host)").status) == 200
        })
        await server.stop()
    }

    @Test func manyOpenRoomsGetLongerCodes() async throws {
        let server = try await TestServer(databasePath: ":memory:") { $0.longCodesFromRooms = 3 }
        var codes: [String] = []
        for _ in 0..<5 { codes.append(try await server.createRoom().code) }
        #expect(codes.map(\.count) == [6, 6, 6, 8, 8], "\(codes)")
        await server.stop()
    }

    @Test func behindATrustedProxyTheLimitCountsTheClientNotTheProxy() async throws {
        let server = try await TestServer(databasePath: ":memory:") {
            $0.joinBurst = 2
            $0.joinRefillSeconds = 600
            $0.trustedProxies = ["127.0.3.1"]
        }
        let room = try await server.createRoom()
        // Through the proxy, two clients: each has its own budget.
        for client in ["203.0.113.7", "203.0.113.8"] {
            for _ in 0..<2 {
                #expect(try await join(server, code: room.code, from: "127.0.3.1", headers: ["X-Forwarded-For: \(client)"]).status != 429)
            }
            #expect(try await join(server, code: room.code, from: "127.0.3.1", headers: ["X-Forwarded-For: 10.9.9.9, \(client)"]).status == 429,
                    "the address nginx appended counts, not the one the client wrote")
        }
        #expect(try await join(server, code: room.code, from: "127.0.3.1", headers: [#"Forwarded: for="[2001:db8::1]:4711";proto=https"#]).status != 429)
        // From anyone else the header is a lie that changes nothing: the peer counts.
        for _ in 0..<2 { _ = try await join(server, code: room.code, from: "127.0.3.2", headers: ["X-Forwarded-For: 198.51.100.\(Int.random(in: 1...250))"]) }
        #expect(try await join(server, code: room.code, from: "127.0.3.2", headers: ["X-Forwarded-For: 198.51.100.251"]).status == 429)
        await server.stop()
    }
}
