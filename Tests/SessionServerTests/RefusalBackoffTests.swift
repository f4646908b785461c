import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport
@testable import SessionServer

/// A client that keeps asking while refused is told to wait longer and longer.
@Suite("Refusal backoff")
struct RefusalBackoffTests {
    @Test func hammeringDoublesTheWaitUpToTheCapAndCalmResetsIt() {
        let backoff = RefusalBackoff(cap: 60)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(backoff.penalty("k", now: start) == nil)
        #expect(backoff.refused("k", wait: 1, now: start) == 1)
        // Asked again at once, and again: 2, 4, 8 ... 60.
        var waits: [Int] = []
        for n in 1...8 { waits.append(backoff.penalty("k", now: start.addingTimeInterval(Double(n) * 0.1)) ?? 0) }
        #expect(waits == [2, 4, 8, 16, 32, 60, 60, 60])
        // Another key is not concerned.
        #expect(backoff.penalty("other", now: start) == nil)
        // Once the wait and as long again have passed without a request, it starts over.
        let calm = start.addingTimeInterval(0.8 + 120 + 1)
        #expect(backoff.penalty("k", now: calm) == nil)
        #expect(backoff.refused("k", wait: 1, now: calm) == 1)
    }

    @Test func aClientThatHonoursRetryAfterIsNotPunished() {
        let backoff = RefusalBackoff()
        var now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(backoff.refused("k", wait: 3, now: now) == 3)
        now += 3
        #expect(backoff.penalty("k", now: now) == nil)
    }

    @Test func repeatedRefusedPostsGetAGrowingRetryAfterAndARetryOfAKeptOneStillItsAnswer() async throws {
        // A slow refill: on a loaded machine the requests below may take seconds each, and
        // a token refilled between them would answer 201 (a refill of 1 s did, once).
        let server = try await TestServer { $0.messageBurst = 2; $0.messageRefillSeconds = 8 }
        let room = try await server.createRoom()
        let karim = try await server.join(room, "Karim")
        func post(_ clientId: String) async throws -> HTTPResponse {
            let body = String(decoding: try WireCoding.encoder().encode(PostMessageRequest(text: "Salut", clientId: clientId)), as: UTF8.self)
            return try await server.raw("POST", "/v1/rooms/\(room.roomId)/messages", token: karim.token, body: body)
        }
        #expect(try await post("c0").status == 201)
        #expect(try await post("c1").status == 201)
        var waits: [Int] = []
        for n in 2..<6 {
            let answer = try await post("c\(n)")
            #expect(answer.status == 429)
            waits.append(answer.headers["retry-after"].flatMap { Int($0) } ?? 0)
        }
        // The bucket's own wait first (16 s at most for a burst of 2 at one every 8 s), then
        // twice as long at each request that did not wait, up to 60 s.
        #expect((1...16).contains(waits[0]), "\(waits)")
        #expect(waits == [waits[0], min(waits[0] * 2, 60), min(waits[0] * 4, 60), min(waits[0] * 8, 60)], "\(waits)")
        #expect(waits[1] > waits[0], "\(waits)")
        #expect(try await post("c0").status == 201, "a retry of a kept message gets its answer, never a 429")
        await server.stop()
    }
}
