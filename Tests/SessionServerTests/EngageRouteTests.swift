import Foundation
import SessionClient
import SessionModel
import Testing
import SessionServer
import TestSupport

/// Questions, polls, pace signals and reactions over HTTP: every role and every refusal,
/// and that a refusal appends nothing.
@Suite("HTTP API: engaging the room")
struct EngageRouteTests {
    /// A room with an expert and two learners.
    struct Room {
        let server: TestServer
        let room: CreateRoomResponse
        let sarah: JoinResponse
        let karim: JoinResponse
        let chloe: JoinResponse

        init(burst: Int = 1000, refill: Double = 2) async throws {
            server = try await TestServer { $0.engageBurst = burst; $0.engageRefillSeconds = refill }
            room = try await server.createRoom()
            sarah = try await server.join(room, "Sarah", expert: true)
            karim = try await server.join(room, "Karim")
            chloe = try await server.join(room, "Chloé")
        }

        func post(_ who: JoinResponse, _ path: String, _ body: String) async throws -> HTTPResponse {
            try await server.raw("POST", "/v1/rooms/\(room.roomId)/" + path, token: who.token, body: body)
        }

        /// The room's last seq, as the expert reads it.
        func seq() async throws -> Int64 { try await server.api.state(sarah.credentials).state.seq }

        /// Posts, expects a refusal with `status` and `code`, and that nothing was appended.
        func refused(_ who: JoinResponse, _ path: String, _ body: String, _ status: Int, _ code: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let before = try await seq()
            let answer = try await post(who, path, body)
            #expect(answer.status == status, "\(path)", sourceLocation: sourceLocation)
            #expect(answer.apiError?.error == code, "\(path)", sourceLocation: sourceLocation)
            #expect(try await seq() == before, "a refusal appends nothing: \(path)", sourceLocation: sourceLocation)
        }

        func committed(_ answer: HTTPResponse) throws -> CommittedResponse {
            try WireCoding.decoder().decode(CommittedResponse.self, from: answer.body)
        }

        func openPoll(anonymous: Bool = true) async throws -> Poll {
            let opened = try committed(try await post(sarah, "polls", #"{"question": "Qui a déjà codé ?", "options": ["oui", "non", "un peu"], "anonymous": \#(anonymous), "clientId": "\#(UUID())"}"#))
            guard case .pollOpened(let poll)? = opened.events.last?.kind else { throw TestFailure("no poll.opened in \(opened)") }
            return poll
        }

        func stop() async { await server.stop() }
    }

    @Test func aLearnerAsksAndOnlyAnExpertAnswers() async throws {
        let room = try await Room()
        let asked = try await room.post(room.karim, "questions", #"{"text": "C'est quoi le SEO ?", "anonymous": true, "clientId": "q-1"}"#)
        #expect(asked.status == 201)
        guard case .questionAsked(let question)? = try room.committed(asked).events.first?.kind else { throw TestFailure("no question.asked") }
        #expect(question.askerId == room.karim.participant.id)
        let again = try await room.post(room.karim, "questions", #"{"text": "C'est quoi le SEO ?", "anonymous": true, "clientId": "q-1"}"#)
        #expect(again.body == asked.body, "a retry gets the first answer")
        #expect(try await room.server.api.state(room.sarah.credentials).state.questions.count == 1)

        try await room.refused(room.chloe, "questions/\(question.id)/answer", #"{"text": "Moi je sais", "publish": true, "clientId": "a-1"}"#, 403, "forbidden")
        try await room.refused(room.karim, "questions/\(question.id)/answer", #"{"text": "", "publish": true, "clientId": "a-2"}"#, 403, "forbidden")
        try await room.refused(room.sarah, "questions", #"{"text": "Et moi ?", "anonymous": false, "clientId": "q-2"}"#, 403, "forbidden")
        try await room.refused(room.sarah, "questions/q_nope/answer", #"{"text": "?", "publish": false, "clientId": "a-3"}"#, 404, "not_found")
        try await room.refused(room.karim, "questions", #"{"text": "", "clientId": "q-3"}"#, 400, "invalid_text")

        let answered = try await room.post(room.sarah, "questions/\(question.id)/answer", #"{"text": "Le référencement.", "publish": true, "clientId": "a-4"}"#)
        #expect(answered.status == 200)
        try await room.refused(room.sarah, "questions/\(question.id)/answer", #"{"text": "Encore", "publish": true, "clientId": "a-5"}"#, 409, "already_answered")
        // Published anonymously: the room sees the question and the answer, not who asked.
        let seen = try await room.server.api.state(room.chloe.credentials).state.questions
        #expect(seen.map(\.text) == ["C'est quoi le SEO ?"])
        #expect(seen.first?.askerId == nil)
        #expect(seen.first?.answer == "Le référencement.")
        await room.stop()
    }

    @Test func aLearnerHasAtMostFiveQuestionsWaiting() async throws {
        let room = try await Room()
        for n in 1...Limits.openQuestionsPerLearner {
            #expect(try await room.post(room.karim, "questions", #"{"text": "Question \#(n)", "anonymous": false, "clientId": "q-\#(n)"}"#).status == 201)
        }
        try await room.refused(room.karim, "questions", #"{"text": "Une de plus", "anonymous": false, "clientId": "q-x"}"#, 409, "too_many_questions")
        await room.stop()
    }

    @Test func onlyTheExpertOpensClosesAndRevealsAPoll() async throws {
        let room = try await Room()
        try await room.refused(room.karim, "polls", #"{"question": "Pause ?", "options": ["oui", "non"], "clientId": "p-1"}"#, 403, "forbidden")
        try await room.refused(room.sarah, "polls", #"{"question": "Pause ?", "options": ["oui"], "clientId": "p-2"}"#, 400, "invalid_options")
        try await room.refused(room.sarah, "polls", #"{"question": "Pause ?", "options": ["1", "2", "3", "4", "5", "6", "7"], "clientId": "p-3"}"#, 400, "invalid_options")
        let poll = try await room.openPoll()
        #expect(poll.anonymous)
        try await room.refused(room.karim, "polls/\(poll.id)/close", #"{"clientId": "c-1"}"#, 403, "forbidden")
        try await room.refused(room.karim, "polls/\(poll.id)/reveal", #"{"clientId": "c-2"}"#, 403, "forbidden")
        try await room.refused(room.sarah, "polls/v_nope/close", #"{"clientId": "c-3"}"#, 404, "not_found")

        // One vote each, changeable; a learner sees their own choice and no counts yet.
        #expect(try await room.post(room.karim, "polls/\(poll.id)/vote", #"{"option": 0, "clientId": "v-1"}"#).status == 200)
        #expect(try await room.post(room.karim, "polls/\(poll.id)/vote", #"{"option": 2, "clientId": "v-2"}"#).status == 200)
        #expect(try await room.post(room.chloe, "polls/\(poll.id)/vote", #"{"option": 2, "clientId": "v-3"}"#).status == 200)
        try await room.refused(room.karim, "polls/\(poll.id)/vote", #"{"option": 3, "clientId": "v-4"}"#, 400, "invalid_option")
        let before = try #require(try await room.server.api.state(room.karim.credentials).state.poll(poll.id))
        #expect(before.votes == [room.karim.participant.id: 2])
        #expect(before.counts == nil)
        #expect(try await room.server.api.state(room.sarah.credentials).state.poll(poll.id)?.counts == [0, 0, 2])
        #expect(try await room.server.api.state(room.sarah.credentials).state.poll(poll.id)?.votes == [String: Int](), "anonymous")

        #expect(try await room.post(room.sarah, "polls/\(poll.id)/reveal", #"{"clientId": "r-1"}"#).status == 200)
        #expect(try await room.server.api.state(room.chloe.credentials).state.poll(poll.id)?.counts == [0, 0, 2])
        #expect(try await room.post(room.sarah, "polls/\(poll.id)/close", #"{"clientId": "c-4"}"#).status == 200)
        try await room.refused(room.chloe, "polls/\(poll.id)/vote", #"{"option": 1, "clientId": "v-5"}"#, 409, "poll_closed")
        await room.stop()
    }

    @Test func aNamedPollShowsTheExpertWhoVotedWhat() async throws {
        let room = try await Room()
        let poll = try await room.openPoll(anonymous: false)
        _ = try await room.post(room.karim, "polls/\(poll.id)/vote", #"{"option": 1, "clientId": "v-1"}"#)
        #expect(try await room.server.api.state(room.sarah.credentials).state.poll(poll.id)?.votes == [room.karim.participant.id: 1])
        #expect(try await room.server.api.state(room.chloe.credentials).state.poll(poll.id)?.votes == [String: Int]())
        await room.stop()
    }

    @Test func aMutedLearnerStillVotesSignalsAndAsks() async throws {
        let room = try await Room()
        _ = try await room.server.api.moderate(room.sarah.credentials, ModerationAction.mute, ModerationRequest(participantId: room.karim.participant.id, muted: true))
        let poll = try await room.openPoll()
        #expect(try await room.post(room.karim, "polls/\(poll.id)/vote", #"{"option": 1, "clientId": "v-1"}"#).status == 200)
        #expect(try await room.post(room.karim, "signal", #"{"signal": "lost", "clientId": "s-1"}"#).status == 200)
        #expect(try await room.post(room.karim, "questions", #"{"text": "Pourquoi ?", "anonymous": false, "clientId": "q-1"}"#).status == 201)
        try await room.refused(room.karim, "messages", #"{"text": "Je parle", "clientId": "m-1"}"#, 403, "muted")
        await room.stop()
    }

    @Test func aRemovedLearnerCanDoNothing() async throws {
        let room = try await Room()
        let poll = try await room.openPoll()
        let message = try await room.server.api.postMessage(room.sarah.credentials, PostMessageRequest(text: "Bonjour", clientId: "m-1"))
        _ = try await room.server.api.moderate(room.sarah.credentials, ModerationAction.remove, ModerationRequest(participantId: room.karim.participant.id))
        for (path, body) in [
            ("questions", #"{"text": "?", "anonymous": false, "clientId": "x-1"}"#),
            ("polls/\(poll.id)/vote", #"{"option": 0, "clientId": "x-2"}"#),
            ("signal", #"{"signal": "ok", "clientId": "x-3"}"#),
            ("messages/\(message.message.id)/reactions", #"{"emoji": "👍", "on": true, "clientId": "x-4"}"#),
        ] {
            try await room.refused(room.karim, path, body, 401, "removed")
        }
        await room.stop()
    }

    @Test func signalsAreOnesOwnAndOnlyTheExpertClearsOthers() async throws {
        let room = try await Room()
        #expect(try await room.post(room.karim, "signal", #"{"signal": "slower", "clientId": "s-1"}"#).status == 200)
        #expect(try await room.post(room.chloe, "signal", #"{"signal": "lost", "clientId": "s-2"}"#).status == 200)
        try await room.refused(room.chloe, "signal", #"{"signal": "bored", "clientId": "s-3"}"#, 400, "invalid_json")
        try await room.refused(room.chloe, "moderation/clear-signals", #"{"participantId": "\#(room.karim.participant.id)", "clientId": "s-4"}"#, 403, "forbidden")
        try await room.refused(room.chloe, "moderation/clear-signals", #"{"clientId": "s-5"}"#, 403, "forbidden")
        #expect(try await room.post(room.chloe, "signal", #"{"signal": null, "clientId": "s-6"}"#).status == 200)
        #expect(try await room.server.api.state(room.sarah.credentials).state.signals == [room.karim.participant.id: PaceSignal.slower])
        _ = try await room.post(room.chloe, "signal", #"{"signal": "lost", "clientId": "s-7"}"#)
        #expect(try await room.post(room.sarah, "moderation/clear-signals", #"{"participantId": "\#(room.karim.participant.id)", "clientId": "s-8"}"#).status == 200)
        #expect(try await room.server.api.state(room.karim.credentials).state.signals == [room.chloe.participant.id: PaceSignal.lost])
        #expect(try await room.post(room.sarah, "moderation/clear-signals", #"{"clientId": "s-9"}"#).status == 200)
        #expect(try await room.server.api.state(room.karim.credentials).state.signals.isEmpty)
        await room.stop()
    }

    @Test func reactionsAreOneOfEachPerPersonOnRecentMessages() async throws {
        let room = try await Room()
        let message = try await room.server.api.postMessage(room.karim.credentials, PostMessageRequest(text: "Bonjour", clientId: "m-1")).message
        let path = "messages/\(message.id)/reactions"
        #expect(try await room.post(room.chloe, path, #"{"emoji": "👍", "on": true, "clientId": "r-1"}"#).status == 200)
        let repeated = try await room.post(room.chloe, path, #"{"emoji": "👍", "on": true, "clientId": "r-2"}"#)
        #expect(try room.committed(repeated).events.isEmpty, "one of each per person")
        #expect(try await room.post(room.sarah, path, #"{"emoji": "❤", "on": true, "clientId": "r-3"}"#).status == 200)
        try await room.refused(room.chloe, path, #"{"emoji": "🙂", "on": true, "clientId": "r-4"}"#, 400, "invalid_emoji")
        try await room.refused(room.chloe, "messages/m_nope/reactions", #"{"emoji": "👍", "on": true, "clientId": "r-5"}"#, 404, "not_found")
        #expect(try await room.post(room.chloe, path, #"{"emoji": "👍", "on": false, "clientId": "r-6"}"#).status == 200)
        let state = try await room.server.api.state(room.karim.credentials).state
        #expect(state.reactions(to: message.id).map { $0.0 } == [Reaction.heart])
        await room.stop()
    }

    @Test func votesSignalsAndReactionsAreRateLimitedButRetriesAreAnswered() async throws {
        let room = try await Room(burst: 3, refill: 600)
        let poll = try await room.openPoll()
        let message = try await room.server.api.postMessage(room.sarah.credentials, PostMessageRequest(text: "Bonjour", clientId: "m-1")).message
        let signals: [String] = ["slower", "faster", "ok", "lost"]
        let flows: [(String, (Int) -> String)] = [
            ("polls/\(poll.id)/vote", { #"{"option": \#($0 % 3), "clientId": "v-\#($0)"}"# }),
            ("signal", { #"{"signal": "\#(signals[$0 % 4])", "clientId": "s-\#($0)"}"# }),
            ("messages/\(message.id)/reactions", { #"{"emoji": "👍", "on": \#($0 % 2 == 0), "clientId": "r-\#($0)"}"# }),
        ]
        for (path, body) in flows {
            for n in 0..<3 { #expect(try await room.post(room.karim, path, body(n)).status == 200, "\(path) \(n)") }
            let limited = try await room.post(room.karim, path, body(3))
            #expect(limited.status == 429, "\(path)")
            #expect(limited.headers["retry-after"] != nil)
            #expect(try await room.post(room.karim, path, body(2)).status == 200, "a retry of what went through is answered")
        }
        await room.stop()
    }
}
