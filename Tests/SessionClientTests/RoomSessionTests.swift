import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// `RoomSession`: one owner for the credentials, the stream and one queue of every change.
@Suite("Room session")
struct RoomSessionTests {
    static let fast = RoomSession.Timing(stream: Backoff(base: 0.05, cap: 0.2), outbox: Backoff(base: 0.05, cap: 0.2))

    @Test func aModerationPressedWhileTheServerIsUnreachableIsAppliedOnceWhenItReturns() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let karim = try await server.join(room, "Karim")
        _ = try await server.api.setHand(karim.credentials, HandRequest(raised: true, clientId: "h1"))
        let cable = Cable(to: server.url, over: server.engine)
        let updates = Deliveries<RoomSession.Update>()
        let session = RoomSession(
            api: SessionAPI(baseURL: Cable.clientURL, transport: cable),
            join: JoinRequest(code: room.code, name: "Sarah", moderatorKey: room.moderatorKey), timing: Self.fast,
            deliver: { updates.append($0) })
        session.start()
        #expect(await eventually { session.credentials != nil })

        cable.unplug()
        let mute = session.enqueue(.moderation(.mute, ModerationRequest(participantId: karim.participant.id, muted: true)))
        let lower = session.enqueue(.moderation(.lowerHand, ModerationRequest(participantId: karim.participant.id)))
        // While the server cannot be reached, both wait in order, seen by the app as pending.
        #expect(await eventually { await session.outbox.items.first { $0.id == mute }.map { $0.attempts >= 2 } == true })
        let waiting = await session.outbox.items
        #expect(waiting.map(\.id) == [mute, lower])
        #expect(waiting.allSatisfy { $0.status == .pending || $0.status == .sending })
        #expect(waiting[0].lastError != nil)
        let seenPending = updates.all.contains { update in
            guard case .outbox(let outbox) = update else { return false }
            return outbox.items.first { $0.id == mute }?.lastError != nil
        }
        #expect(seenPending, "the app was told the action waits for the network")

        // The server comes back; the first answer is lost on its way, so the action is sent twice.
        cable.plug(losingTheAnswerTo: "/moderation/mute")
        await session.drained()
        let done = await session.outbox.items
        #expect(done.map(\.status) == [.sent, .sent])
        let mutes = cable.requests.filter { $0.url.hasSuffix("/moderation/mute") }
        #expect(mutes.count == 2, "applied, answer lost, sent again")
        let clientIds = mutes.compactMap { $0.body.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }?["clientId"] as? String }
        #expect(clientIds == [mute, mute], "every try carries the same idempotency key")

        let events = try await server.api.events(karim.credentials, after: karim.cursor, timeout: 0).events
        let muted = events.filter { if case .muted(karim.participant.id, true) = $0.kind { true } else { false } }
        let lowered = events.filter { if case .handLowered(karim.participant.id) = $0.kind { true } else { false } }
        #expect(muted.count == 1, "applied once: not lost, not doubled")
        #expect(lowered.count == 1)
        let muteSeq = muted.first?.seq ?? 0
        let lowerSeq = lowered.first?.seq ?? 0
        #expect(muteSeq < lowerSeq, "in the order they were pressed")

        await session.leave(within: 3)
        await server.stop()
    }

    @Test func aModerationPressedWhileTheServerIsKilledIsAppliedOnceAfterItsRestart() async throws {
        let database = TestServer.temporaryDatabase()
        let first = try await ServerProcess(database: database, workshop: try temporaryWorkshopFile())
        let code = try #require(first.code), key = try #require(first.moderatorKey)
        let engine = CurlEngine()
        let api = SessionAPI(baseURL: first.url, transport: engine)
        let karim = try await api.join(JoinRequest(code: code, name: "Karim"))
        let session = RoomSession(
            api: api, join: JoinRequest(code: code, name: "Sarah", moderatorKey: key), timing: Self.fast, deliver: { _ in })
        session.start()
        #expect(await eventually { session.credentials != nil })

        first.kill()
        let mute = session.enqueue(.moderation(.mute, ModerationRequest(participantId: karim.participant.id, muted: true)))
        #expect(await eventually { await session.outbox.items.first { $0.id == mute }.map { $0.attempts >= 1 } == true })
        let second = try await ServerProcess(database: database, port: first.port)
        await session.drained()
        #expect(await session.outbox.items.first { $0.id == mute }?.status == .sent)
        let events = try await api.events(karim.credentials, after: karim.cursor, timeout: 0).events
        #expect(events.filter { if case .muted(karim.participant.id, true) = $0.kind { true } else { false } }.count == 1)

        await session.leave(within: 3)
        second.terminate()
        engine.shutdown()
    }

    @Test(.timeLimit(.minutes(1)))
    func leavingAnUnreachableServerGivesUpInTimeAndSaysWhatWasNotSent() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let cable = Cable(to: server.url, over: server.engine)
        let session = RoomSession(
            api: SessionAPI(baseURL: Cable.clientURL, transport: cable), join: JoinRequest(code: room.code, name: "Karim"),
            timing: Self.fast, deliver: { _ in })
        session.start()
        #expect(await eventually { session.credentials != nil })
        cable.unplug()
        let text = session.enqueue(.message("dans le tunnel"))
        let unsent = await session.leave(within: 0.5)
        #expect(unsent.map(\.id) == [text])
        await server.stop()
    }

    @Test func quittingWhileTheJoinIsOnItsWayStillGivesTheSeatBack() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let session = RoomSession(api: server.api, join: JoinRequest(code: room.code, name: "Karim"), timing: Self.fast, deliver: { _ in })
        session.start()
        await session.leave(within: 5)
        // The seat was taken and given back: the name is free again.
        _ = try await server.join(room, "Karim")
        await server.stop()
    }

    static let at = Date(timeIntervalSince1970: 1_800_000_000)

    /// Karim's join of an empty room r1, as a scripted server answers it.
    static var karimJoined: JoinResponse {
        let karim = Participant(id: "p1", name: "Karim", role: .learner, joinedAt: at)
        var state = RoomState(room: RoomInfo(id: "r1", title: "Atelier", createdAt: at), agenda: [])
        state.apply(RoomEvent(seq: 1, at: at, actor: "p1", kind: .joined(karim)))
        return JoinResponse(token: "tok", participant: karim, room: state.room, state: state, cursor: "c1", pollTimeout: 25)
    }

    @Test func theSessionsBatchWaitComesBetweenAnAnswerWithEventsAndTheNextPoll() async throws {
        let at = Self.at
        let joined = Self.karimJoined
        let hello = ChatMessage(id: "m2", seq: 2, authorId: "p1", text: "Bonjour", at: at)
        let transport = RoutedTransport { request in
            if request.url.hasSuffix("/v1/join") { return .json(200, joined) }
            if request.url.contains("/events?after=c1&") {
                return .json(200, EventsResponse(events: [RoomEvent(seq: 2, at: at, actor: "p1", kind: .message(hello))], cursor: "c2"))
            }
            return .hang
        }
        let sleeper = RecordingSleeper()
        let session = RoomSession(
            api: SessionAPI(baseURL: "http://server", transport: transport), join: JoinRequest(code: "ABC123", name: "Karim"),
            timing: RoomSession.Timing(sleeper: sleeper, batchWait: 0.25), deliver: { _ in })
        session.start()
        #expect(await eventually { transport.requests.contains { $0.url.contains("/events?after=c2&") } })
        #expect(sleeper.sleeps == [0.25])
        session.stop()
    }

    @Test func aRefusedModerationCarriesTheServersReasonAndTheQueueMovesOn() async throws {
        let joined = Self.karimJoined
        let refusal = APIErrorBody(error: "expert_only", message: "Only an expert can do this.")
        let transport = RoutedTransport { request in
            if request.url.hasSuffix("/v1/join") { return .json(200, joined) }
            if request.url.contains("/moderation/") { return .json(403, refusal) }
            return .hang
        }
        let session = RoomSession(
            api: SessionAPI(baseURL: "http://server", transport: transport), join: JoinRequest(code: "ABC123", name: "Karim"),
            timing: RoomSession.Timing(sleeper: RecordingSleeper()), deliver: { _ in })
        session.start()
        #expect(await eventually { session.credentials != nil })
        let lock = session.enqueue(.moderation(.lock, ModerationRequest(locked: true)))
        #expect(await eventually { await session.outbox.items.first?.refusal != nil })
        let item = await session.outbox.items.first
        #expect(item?.id == lock)
        #expect(item?.status == .failed(reason: "Only an expert can do this."))
        #expect(item?.refusal?.code == "expert_only")
        let body = transport.requests.first { $0.url.hasSuffix("/moderation/lock") }?.body
        let json = body.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        #expect(json?["locked"] as? Bool == true)
        #expect(json?["clientId"] as? String == lock)
        session.stop()
    }
}
