import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// The long-poll and outbox drivers against a scripted transport and a clock that records.
@Suite("Drivers with a fake transport and clock")
struct DriverTests {
    let at = Date(timeIntervalSince1970: 1_800_000_000)
    var karim: Participant { Participant(id: "p1", name: "Karim", role: .learner, joinedAt: at) }

    func joined() -> JoinResponse {
        var state = RoomState(room: RoomInfo(id: "r1", title: "Atelier", createdAt: at), agenda: [])
        state.apply(RoomEvent(seq: 1, at: at, actor: "p1", kind: .joined(karim)))
        return JoinResponse(token: "tok", participant: karim, room: state.room, state: state, cursor: "c1", pollTimeout: 25)
    }

    func message(_ seq: Int64, _ text: String) -> RoomEvent {
        RoomEvent(seq: seq, at: at, actor: "p1", kind: .message(ChatMessage(id: "m\(seq)", seq: seq, authorId: "p1", text: text, at: at)))
    }

    @Test func theStreamBacksOffThroughAnOutageAndResumesFromItsCursor() async throws {
        let transport = ScriptedTransport([
            .json(200, joined()),
            .failure(.cannotConnect("refused")),
            .json(503, APIErrorBody(error: "unavailable", message: "restarting")),
            .json(200, EventsResponse(events: [message(2, "Bonjour")], cursor: "c2")),
        ])
        let sleeper = RecordingSleeper()
        let delivered = Deliveries<LongPoll.Action>()
        let stream = RoomStream(
            machine: LongPoll(join: JoinRequest(code: "ABC123", name: "Karim"), backoff: Backoff(base: 0.5, cap: 30)),
            api: SessionAPI(baseURL: "http://server/", transport: transport), sleeper: sleeper, random: { 0.999 },
            deliver: { delivered.append($0) })
        let task = Task { await stream.run() }
        #expect(await eventually(within: 30) { transport.requests.count == 5 })
        task.cancel()
        await task.value

        let urls = transport.requests.map(\.url)
        #expect(urls[0] == "http://server/v1/join")
        #expect(urls[1] == "http://server/v1/rooms/r1/events?after=c1&timeout=25")
        #expect(urls[2] == urls[1], "the retry asks again from the same cursor")
        #expect(urls[3] == urls[1])
        #expect(urls[4] == "http://server/v1/rooms/r1/events?after=c2&timeout=25")
        #expect(transport.requests[1].headers["Authorization"] == "Bearer tok")
        #expect(transport.requests[1].timeout == 30, "the HTTP timeout outlasts the server's hold by the 5 s heartbeat margin")
        #expect(sleeper.sleeps.count == 2)
        #expect(abs(sleeper.sleeps[0] - 0.5) < 0.01 && abs(sleeper.sleeps[1] - 1.0) < 0.01)
        let statuses = delivered.all.compactMap { if case .status(let s) = $0 { s } else { nil } }
        #expect(statuses.first == .online)
        #expect(statuses.dropFirst().first.map { if case .reconnecting(1, _, _) = $0 { true } else { false } } == true)
        #expect(statuses.contains(.online))
        let texts = delivered.all.flatMap { action -> [String] in
            guard case .update(let state, _, _) = action else { return [] }
            return state.messages.map(\.text)
        }
        #expect(texts == ["Bonjour"])
    }

    @Test func theOutboxRetriesWithTheSameClientIdAndReportsRefusals() async throws {
        let sent = ChatMessage(id: "m9", seq: 9, authorId: "p1", text: "un", at: at)
        let transport = ScriptedTransport([
            .failure(.timedOut),
            .json(429, APIErrorBody(error: "rate_limited", message: "wait")),
            .json(201, PostMessageResponse(message: sent)),
            .json(403, APIErrorBody(error: "muted", message: "The expert has muted you.")),
        ])
        let sleeper = RecordingSleeper()
        let sender = OutboxSender(
            api: SessionAPI(baseURL: "http://server", transport: transport),
            credentials: RoomCredentials(roomId: "r1", token: "tok"), sleeper: sleeper,
            backoff: Backoff(base: 0.5, cap: 15), random: { 0.999 })
        let first = await sender.enqueue(.message("un"))
        let second = await sender.enqueue(.message("deux"))
        #expect(await eventually { await sender.outbox.items.allSatisfy { $0.status != .pending && $0.status != .sending } })

        let bodies = transport.requests.compactMap { $0.body.flatMap { try? WireCoding.decoder().decode(PostMessageRequest.self, from: $0) } }
        #expect(bodies.map(\.clientId) == [first, first, first, second])
        #expect(bodies.map(\.text) == ["un", "un", "un", "deux"])
        let items = await sender.outbox.items
        #expect(items[0].status == .sent)
        #expect(items[0].messageId == "m9")
        #expect(items[0].attempts == 2)
        #expect(items[1].status == .failed(reason: "The expert has muted you."))
        #expect(sleeper.sleeps.count == 2)
    }
}
