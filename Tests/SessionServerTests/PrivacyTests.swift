import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// A private question reaches the asker and the experts only: never another learner's
/// long-poll (parked, immediate or read from the store), state, join or history.
@Suite("Privacy of questions")
struct PrivacyTests {
    @Test func anotherLearnerNeverReceivesAPrivateQuestion() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let sarah = try await server.join(room, "Sarah", expert: true)
        let karim = try await server.join(room, "Karim")
        let chloe = try await server.join(room, "Chloé")
        let path = "/v1/rooms/\(room.roomId)"
        func events(_ who: JoinResponse, after cursor: String, timeout: Int = 0) async throws -> String {
            let answer = try await server.raw("GET", path + "/events?after=\(cursor)&timeout=\(timeout)", token: who.token)
            #expect(answer.status == 200)
            return String(decoding: answer.body, as: UTF8.self)
        }

        // Chloé's poll is parked when the question is asked: the hub's publishing path.
        async let parked = events(chloe, after: chloe.cursor, timeout: 20)
        #expect(await eventually { String(decoding: (try? await server.raw("GET", "/metrics"))?.body ?? Data(), as: UTF8.self).contains("momentum_open_long_polls 1") })
        let asked = try await server.raw("POST", path + "/questions", token: karim.token,
                                         body: #"{"text": "SECRET-42 je suis perdu", "anonymous": false, "clientId": "q-1"}"#)
        #expect(asked.status == 201)
        let questionId = try #require(try await server.api.state(sarah.credentials).state.questions.first?.id)
        let woken = try await parked
        #expect(!woken.contains("SECRET"))
        #expect(!woken.contains(questionId))
        #expect(woken.contains(#""type":"hidden""#), "the seq is there, so her stream has no gap")

        let answered = try await server.raw("POST", path + "/questions/\(questionId)/answer", token: sarah.token,
                                            body: #"{"text": "ANSWER-7 on en parle en privé", "publish": false, "clientId": "a-1"}"#)
        #expect(answered.status == 200)
        // Enough public events that her first cursor is older than the hub's window: the store path.
        for n in 0..<300 {
            _ = try await server.api.postMessage(sarah.credentials, PostMessageRequest(text: "message \(n)", clientId: "m-\(n)"))
        }

        var seen: [String] = []
        var cursor = chloe.cursor
        while true {
            let page = try await events(chloe, after: cursor)
            let decoded = try WireCoding.decoder().decode(EventsResponse.self, from: Data(page.utf8))
            seen.append(page)
            if decoded.events.isEmpty { break }
            cursor = decoded.cursor
        }
        let state = try await server.raw("GET", path + "/state", token: chloe.token)
        let history = try await server.raw("GET", path + "/messages?limit=200", token: chloe.token)
        let late = try await server.join(room, "Dominique")
        for text in seen + [state, history].map({ String(decoding: $0.body, as: UTF8.self) }) + [String(decoding: try WireCoding.encoder().encode(late), as: UTF8.self)] {
            #expect(!text.contains("SECRET"))
            #expect(!text.contains("ANSWER-7"))
            #expect(!text.contains(questionId))
        }

        // The asker and the expert see it, and both folds agree with the server's state.
        for who in [karim, sarah] {
            let mine = try await server.api.state(who.credentials).state
            #expect(mine.questions.map(\.text) == ["SECRET-42 je suis perdu"])
            #expect(mine.questions.first?.answer == "ANSWER-7 on en parle en privé")
            let stream = try await server.api.events(who.credentials, after: who.cursor, timeout: 0)
            #expect(stream.events.contains { if case .questionAsked = $0.kind { true } else { false } })
        }
        await server.stop()
    }
}
