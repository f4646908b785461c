import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

@Suite("Long-poll on the server")
struct ServerLongPollTests {
    @Test func aParkedPollWakesOnTheNextEventNotOnATimer() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let karim = try await server.join(room, "Karim")
        let chloe = try await server.join(room, "Chloé")
        let state = try await server.api.state(karim.credentials)
        let api = server.api
        let started = ContinuousClock.now
        async let batch = api.events(karim.credentials, after: state.cursor, timeout: 25)
        // Wait until the poll is parked, then post.
        #expect(await eventually { String(decoding: (try? await server.raw("GET", "/metrics"))?.body ?? Data(), as: UTF8.self).contains("momentum_open_long_polls 1") })
        _ = try await api.postMessage(chloe.credentials, PostMessageRequest(text: "réveil", clientId: "w1"))
        let answer = try await batch
        #expect(answer.events.count == 1)
        if case .message(let message) = answer.events.first?.kind { #expect(message.text == "réveil") } else { Issue.record("not a message") }
        // Far below the 25 s hold: it was the event, not a timer, that answered.
        #expect(ContinuousClock.now - started < .seconds(15))
        await server.stop()
    }

    @Test func anIdlePollAnswersEmptyWithTheSameCursor() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let karim = try await server.join(room, "Karim")
        let heartbeat = try await server.api.events(karim.credentials, after: karim.cursor, timeout: 1)
        #expect(heartbeat.events.isEmpty)
        #expect(heartbeat.cursor == karim.cursor)
        await server.stop()
    }

    @Test func aRemovedParticipantsPollEndsAndTheTokenDies() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let sarah = try await server.join(room, "Sarah", expert: true)
        let karim = try await server.join(room, "Karim")
        let api = server.api
        async let batch = api.events(karim.credentials, after: karim.cursor, timeout: 25)
        #expect(await eventually { String(decoding: (try? await server.raw("GET", "/metrics"))?.body ?? Data(), as: UTF8.self).contains("momentum_open_long_polls 1") })
        _ = try await api.moderate(sarah.credentials, .remove, ModerationRequest(participantId: karim.participant.id))
        let answer = try await batch
        #expect(answer.events.map(\.kind).contains(.removed(participantId: karim.participant.id)))
        await #expect(throws: ClientError.self) { try await api.events(karim.credentials, after: answer.cursor, timeout: 0) }
        await server.stop()
    }

    @Test func presenceFollowsPolling() async throws {
        let server = try await TestServer { $0.awayAfter = 0.3; $0.offlineAfter = 0.8; $0.presenceInterval = 0.1 }
        let room = try await server.createRoom()
        let sarah = try await server.join(room, "Sarah", expert: true)
        let karim = try await server.join(room, "Karim")
        let api = server.api
        // Karim never polls: away, then offline.
        #expect(await eventually { (try? await api.state(sarah.credentials).state.participant(karim.participant.id)?.presence) == .offline })
        // He polls again: online at once.
        _ = try await api.events(karim.credentials, after: karim.cursor, timeout: 0)
        #expect(try await api.state(sarah.credentials).state.participant(karim.participant.id)?.presence == .online)
        await server.stop()
    }
}
