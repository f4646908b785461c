import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

@Suite("HTTP API")
struct RouteTests {
    @Test func creatingARoomNeedsTheAdminToken() async throws {
        let server = try await TestServer()
        let body = #"{"title": "Atelier", "agenda": [{"title": "Accueil", "day": 1, "start": "09:00", "minutes": 30}]}"#
        let refused = try await server.raw("POST", "/v1/rooms", token: "wrong", body: body)
        #expect(refused.status == 401)
        let created = try await server.raw("POST", "/v1/rooms", token: server.adminToken, body: body)
        #expect(created.status == 201)
        let room = try WireCoding.decoder().decode(CreateRoomResponse.self, from: created.body)
        #expect(room.code.count == 6)
        let badTime = try await server.raw("POST", "/v1/rooms", token: server.adminToken, body: body.replacingOccurrences(of: "09:00", with: "9h"))
        #expect(badTime.status == 400)
        #expect(badTime.apiError?.error == "invalid_agenda")
        await server.stop()
    }

    @Test func joiningGivesStateAndCursorInOneAnswer() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let expert = try await server.join(room, "Sarah", expert: true)
        let learner = try await server.join(room, "Karim")
        #expect(expert.participant.role == .expert)
        #expect(learner.participant.role == .learner)
        #expect(learner.state.present.map(\.name) == ["Sarah", "Karim"])
        #expect(learner.state.seq == 2)
        #expect(learner.token.count >= 32)
        // The code is typed by people: case and dashes do not matter.
        let lower = try await server.api.join(JoinRequest(code: room.code.lowercased().replacingOccurrences(of: "", with: ""), name: "Chloé"))
        #expect(lower.participant.name == "Chloé")
        await server.stop()
    }

    @Test func joinRefusalsSayWhy() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let sarah = try await server.join(room, "Sarah", expert: true)
        let karim = try await server.join(room, "Karim")

        let wrongCode = try await server.raw("POST", "/v1/join", body: #"{"code": "ZZZZZZ", "name": "Léa"}"#)
        #expect(wrongCode.status == 404)
        #expect(wrongCode.apiError?.message == "The join code ZZZZZZ matches no workshop.")

        let taken = try await server.raw("POST", "/v1/join", body: #"{"code": "\#(room.code)", "name": "KARIM"}"#)
        #expect(taken.status == 409)
        #expect(taken.apiError?.error == "name_taken")

        let hostile = try await server.raw("POST", "/v1/join", body: #"{"code": "\#(room.code)", "name": "\u001b[31mEve"}"#)
        #expect(hostile.status == 400)
        #expect(hostile.apiError?.error == "invalid_name")

        // Nobody passes for the expert or for someone else.
        for name in ["Sarah ★", "Eve (expert·e)", "Eve (toi)", "\u{3164}", "Eve \u{2800}"] {
            let body = try String(decoding: WireCoding.encoder().encode(JoinRequest(code: room.code, name: name)), as: UTF8.self)
            let impersonating = try await server.raw("POST", "/v1/join", body: body)
            #expect(impersonating.status == 400, "\(name)")
            #expect(impersonating.apiError?.error == "invalid_name", "\(name)")
        }
        let cyrillic = try await server.raw("POST", "/v1/join", body: #"{"code": "\#(room.code)", "name": "K\#u{0430}rim"}"#)
        #expect(cyrillic.status == 409, "Kаrim in Cyrillic is Karim")
        #expect(cyrillic.apiError?.error == "name_taken")

        let badKey = try await server.raw("POST", "/v1/join", body: #"{"code": "\#(room.code)", "name": "Eve", "moderatorKey": "nope"}"#)
        #expect(badKey.status == 403)

        // Someone who left on their own comes back under their name, still muted if they were.
        _ = try await server.api.moderate(sarah.credentials, .mute, ModerationRequest(participantId: karim.participant.id, muted: true))
        _ = try await server.api.leave(karim.credentials)
        let second = try await server.join(room, "Karim")
        #expect(second.participant.name == "Karim")
        #expect(second.participant.muted, "leaving does not lift a mute")
        // Someone removed does not give their name back: a newcomer with it is told apart.
        _ = try await server.api.moderate(sarah.credentials, .remove, ModerationRequest(participantId: second.participant.id))
        let third = try await server.join(room, "Karim")
        #expect(third.participant.name == "Karim (2)")
        #expect(!third.participant.muted)
        await server.stop()
    }

    @Test func anOfflineExpertTakesTheSeatBackWithTheModeratorKey() async throws {
        let server = try await TestServer { $0.awayAfter = 0.05; $0.offlineAfter = 0.1; $0.presenceInterval = 0.1 }
        let room = try await server.createRoom()
        let sarah = try await server.join(room, "Sarah", expert: true)
        let karim = try await server.join(room, "Karim")
        _ = try await server.api.moderate(sarah.credentials, .floor, ModerationRequest(participantId: karim.participant.id))
        // Neither polls: both go offline. A learner's seat is not taken by name (with no expert
        // following the room to ask, the newcomer is "Karim (2)"; see SeatClaimTests).
        #expect(await eventually { (try? await server.api.state(sarah.credentials))?.state.participant(karim.participant.id)?.presence == .offline })
        let learner = try await server.join(room, "Karim")
        #expect(learner.participant.name == "Karim (2)")
        // The expert, on another machine, joins with the key and the name: same participant.
        let again = try await server.join(room, "sarah", expert: true)
        #expect(again.participant.id == sarah.participant.id)
        #expect(again.state.present.count == 3, "no second Sarah")
        #expect(try await server.api.state(again.credentials).state.floor == karim.participant.id)
        await server.stop()
    }

    @Test func aLockedRoomLetsOnlyTheExpertIn() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let expert = try await server.join(room, "Sarah", expert: true)
        _ = try await server.api.moderate(expert.credentials, .lock, ModerationRequest(locked: true))
        await #expect(throws: ClientError.self) { try await server.join(room, "Karim") }
        let locked = try await server.raw("POST", "/v1/join", body: #"{"code": "\#(room.code)", "name": "Karim"}"#)
        #expect(locked.apiError?.error == "room_locked")
        let assistant = try await server.join(room, "Marc", expert: true)
        #expect(assistant.participant.role == .expert)
        await server.stop()
    }

    @Test func aRetriedMessageIsPostedOnce() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let karim = try await server.join(room, "Karim")
        let path = "/v1/rooms/\(karim.room.id)/messages"
        let body = #"{"text": "Bonjour à tous", "clientId": "retry-1"}"#
        let first = try await server.raw("POST", path, token: karim.token, body: body)
        let again = try await server.raw("POST", path, token: karim.token, body: body)
        #expect(first.status == 201)
        #expect(again.status == 201)
        #expect(first.body == again.body)
        let state = try await server.api.state(karim.credentials)
        #expect(state.state.messages.map(\.text) == ["Bonjour à tous"])
        #expect(state.state.seq == 2)
        await server.stop()
    }

    @Test func aLearnersModerationIsRefusedAndChangesNothing() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        _ = try await server.join(room, "Sarah", expert: true)
        let karim = try await server.join(room, "Karim")
        let chloe = try await server.join(room, "Chloé")
        let before = try await server.api.state(karim.credentials).state
        for (action, body) in [
            ("lock", #"{"locked": true}"#), ("remove", #"{"participantId": "\#(chloe.participant.id)"}"#),
            ("mute", #"{"participantId": "\#(chloe.participant.id)", "muted": true}"#), ("agenda", #"{"itemId": "a2"}"#),
            ("floor", #"{"participantId": "\#(karim.participant.id)"}"#), ("lower-all-hands", "{}"),
        ] {
            let response = try await server.raw("POST", "/v1/rooms/\(karim.room.id)/moderation/\(action)", token: karim.token, body: body)
            #expect(response.status == 403, "\(action)")
        }
        let after = try await server.api.state(karim.credentials).state
        #expect(after == before)
        await server.stop()
    }

    @Test func expertsModerate() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let sarah = try await server.join(room, "Sarah", expert: true)
        let karim = try await server.join(room, "Karim")
        let chloe = try await server.join(room, "Chloé")
        _ = try await server.api.setHand(karim.credentials, HandRequest(raised: true, clientId: "h1"))
        _ = try await server.api.setHand(chloe.credentials, HandRequest(raised: true, clientId: "h2"))
        let sent = try await server.api.postMessage(karim.credentials, PostMessageRequest(text: "oups", clientId: "m1"))
        let credentials = sarah.credentials
        _ = try await server.api.moderate(credentials, .floor, ModerationRequest(participantId: karim.participant.id))
        _ = try await server.api.moderate(credentials, .agenda, ModerationRequest(itemId: "a2"))
        _ = try await server.api.moderate(credentials, .mute, ModerationRequest(participantId: chloe.participant.id, muted: true))
        _ = try await server.api.moderate(credentials, .deleteMessage, ModerationRequest(messageId: sent.message.id))
        var state = try await server.api.state(credentials).state
        #expect(state.floor == karim.participant.id)
        #expect(state.hands == [chloe.participant.id])
        #expect(state.currentItem?.title == "UX design")
        #expect(state.participant(chloe.participant.id)?.muted == true)
        #expect(state.messages.first?.deleted == true)

        let muted = try await server.raw("POST", "/v1/rooms/\(room.roomId)/messages", token: chloe.token, body: #"{"text": "hé", "clientId": "x"}"#)
        #expect(muted.status == 403)
        #expect(muted.apiError?.error == "muted")

        _ = try await server.api.moderate(credentials, .lowerHand, ModerationRequest(participantId: chloe.participant.id))
        _ = try await server.api.moderate(credentials, .remove, ModerationRequest(participantId: karim.participant.id))
        state = try await server.api.state(credentials).state
        #expect(state.hands.isEmpty)
        #expect(state.floor == nil)
        #expect(state.participant(karim.participant.id)?.membership == .removed)

        // A removed participant's token stops working.
        let gone = try await server.raw("GET", "/v1/rooms/\(room.roomId)/state", token: karim.token)
        #expect(gone.status == 401)
        #expect(gone.apiError?.error == "removed", "the client learns it was a removal, even if it missed the event")

        // Asking for what is already so appends nothing.
        let seq = state.seq
        _ = try await server.api.moderate(credentials, .lowerAllHands, ModerationRequest())
        _ = try await server.api.moderate(credentials, .agenda, ModerationRequest(itemId: "a2"))
        #expect(try await server.api.state(credentials).state.seq == seq)
        await server.stop()
    }

    @Test func badInputGetsA4xxThatSaysWhat() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let karim = try await server.join(room, "Karim")
        let base = "/v1/rooms/\(room.roomId)"
        let cases: [(String, String, String?, String?, Int, String)] = [
            ("POST", "/v1/join", nil, "{not json", 400, "invalid_json"),
            ("POST", "/v1/join", nil, #"{"code": 12, "name": "x"}"#, 400, "invalid_json"),
            ("POST", "/v1/join", nil, #"{"name": "x"}"#, 400, "invalid_json"),
            ("POST", "/v1/join", nil, "", 400, "invalid_json"),
            ("GET", "/v1/rooms/r_nope/state", karim.token, nil, 404, "not_found"),
            ("GET", "\(base)/state", nil, nil, 401, "unauthorized"),
            ("GET", "\(base)/state", "mt_forged", nil, 401, "unauthorized"),
            ("POST", "\(base)/messages", karim.token, #"{"text": "   ", "clientId": "a"}"#, 400, "invalid_text"),
            ("POST", "\(base)/messages", karim.token, #"{"text": "\#(String(repeating: "a", count: 1001))", "clientId": "b"}"#, 400, "invalid_text"),
            ("POST", "\(base)/messages", karim.token, #"{"text": "hi\u001b]0;x\u0007", "clientId": "c"}"#, 400, "invalid_text"),
            // Tag characters after an emoji that is not a flag's: invisible text.
            ("POST", "\(base)/messages", karim.token, #"{"text": "ok \ud83d\ude00\udb40\udc68\udb40\udc69\udb40\udc7f", "clientId": "t"}"#, 400, "invalid_text"),
            ("POST", "\(base)/messages", karim.token, #"{"text": "hi", "clientId": ""}"#, 400, "invalid_clientId"),
            ("POST", "\(base)/messages", karim.token, #"{"text": "\#(String(repeating: "a", count: 70_000))", "clientId": "d"}"#, 413, "payload_too_large"),
            ("POST", "\(base)/hand", karim.token, #"{"raised": "yes", "clientId": "e"}"#, 400, "invalid_json"),
            ("GET", "\(base)/events?after=zzz", karim.token, nil, 400, "invalid_cursor"),
            ("GET", "\(base)/events", karim.token, nil, 400, "invalid_cursor"),
            ("GET", "\(base)/events?after=c999999&timeout=0", karim.token, nil, 410, "cursor_expired"),
            ("GET", "\(base)/events?after=c0&timeout=-1", karim.token, nil, 400, "invalid_timeout"),
            ("GET", "\(base)/messages?limit=0", karim.token, nil, 400, "invalid_limit"),
            ("GET", "\(base)/messages?before=x", karim.token, nil, 400, "invalid_before"),
            ("POST", "\(base)/moderation/explode", karim.token, "{}", 404, "not_found"),
            ("GET", "/v1/nothing", nil, nil, 404, "not_found"),
        ]
        let seq = try await server.api.state(karim.credentials).state.seq
        for (method, path, token, body, status, code) in cases {
            let response = try await server.raw(method, path, token: token, body: body)
            #expect(response.status == status, "\(method) \(path.prefix(60)) \(body?.prefix(40) ?? "")")
            #expect(response.apiError?.error == code, "\(method) \(path.prefix(60))")
            #expect(response.apiError?.message.isEmpty == false)
        }
        #expect(try await server.api.state(karim.credentials).state.seq == seq, "refused requests appended events")
        await server.stop()
    }

    @Test func messagesAreRateLimitedWithRetryAfter() async throws {
        let server = try await TestServer { $0.messageBurst = 2; $0.messageRefillSeconds = 30 }
        let room = try await server.createRoom()
        let karim = try await server.join(room, "Karim")
        for i in 0..<2 {
            _ = try await server.api.postMessage(karim.credentials, PostMessageRequest(text: "m\(i)", clientId: "r\(i)"))
        }
        let limited = try await server.raw("POST", "/v1/rooms/\(room.roomId)/messages", token: karim.token, body: #"{"text": "m3", "clientId": "r3"}"#)
        #expect(limited.status == 429)
        #expect(Int(limited.headers["retry-after"] ?? "") ?? 0 >= 1)
        // A retry of a message that went through gets its answer, not a 429.
        let retry = try await server.raw("POST", "/v1/rooms/\(room.roomId)/messages", token: karim.token, body: #"{"text": "m0", "clientId": "r0"}"#)
        #expect(retry.status == 201)
        #expect(try await server.api.state(karim.credentials).state.messages.count == 2)
        await server.stop()
    }

    @Test func historyPagesBackwards() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let karim = try await server.join(room, "Karim")
        for i in 1...7 { _ = try await server.api.postMessage(karim.credentials, PostMessageRequest(text: "n\(i)", clientId: "h\(i)")) }
        let latest = try await server.api.messages(karim.credentials, before: nil, limit: 3)
        #expect(latest.messages.map(\.text) == ["n5", "n6", "n7"])
        #expect(latest.hasMore)
        let older = try await server.api.messages(karim.credentials, before: latest.messages.first?.seq, limit: 10)
        #expect(older.messages.map(\.text) == ["n1", "n2", "n3", "n4"])
        #expect(!older.hasMore)
        await server.stop()
    }

    @Test func healthAndMetrics() async throws {
        let server = try await TestServer()
        #expect(try await server.api.health().status == "ok")
        let room = try await server.createRoom()
        _ = try await server.join(room, "Karim")
        let metrics = try await server.raw("GET", "/metrics")
        let text = String(decoding: metrics.body, as: UTF8.self)
        #expect(metrics.status == 200)
        for name in ["momentum_joins_total 1", "momentum_events_appended_total", "momentum_open_long_polls", "momentum_request_duration_seconds_bucket"] {
            #expect(text.contains(name), "\(name)")
        }
        await server.stop()
    }
}
