import Foundation
import SessionClient
import SessionModel
import Testing
import SessionServer
import TestSupport

/// Attendance, search and export over HTTP: who may read what, and bad queries.
@Suite("HTTP API: reports")
struct ReportRouteTests {
    struct Room {
        let server: TestServer
        let room: CreateRoomResponse
        let sarah: JoinResponse
        let karim: JoinResponse

        init() async throws {
            server = try await TestServer()
            room = try await server.createRoom()
            sarah = try await server.join(room, "Sarah", expert: true)
            karim = try await server.join(room, "Karim")
        }

        func get(_ path: String, _ token: String?, room name: String? = nil) async throws -> HTTPResponse {
            try await server.raw("GET", "/v1/rooms/\(name ?? room.roomId)/" + path, token: token)
        }

        func refused(_ path: String, _ token: String?, _ status: Int, _ code: String, room name: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let answer = try await get(path, token, room: name)
            #expect(answer.status == status, "\(path)", sourceLocation: sourceLocation)
            #expect(answer.apiError?.error == code, "\(path)", sourceLocation: sourceLocation)
            #expect(answer.headers["content-type"]?.hasPrefix("application/json") == true, sourceLocation: sourceLocation)
        }

        func stop() async { await server.stop() }
    }

    @Test func onlyExpertsAndKeyholdersReadTheAttendance() async throws {
        let room = try await Room()
        let answer = try await room.get("attendance?halfDays=00:00-23:59&timeZone=UTC", room.sarah.token)
        #expect(answer.status == 200)
        let register = try WireCoding.decoder().decode(AttendanceRegister.self, from: answer.body)
        #expect(Set(register.rows.map(\.name)) == ["Sarah", "Karim"])
        try await room.refused("attendance", room.karim.token, 403, "forbidden")
        try await room.refused("attendance", nil, 401, "unauthorized")
        try await room.refused("attendance", "mt_not-a-token", 401, "unauthorized")
        #expect(try await room.get("attendance", "test-admin-token").status == 200)
        #expect(try await room.get("attendance", room.room.moderatorKey, room: room.room.code).status == 200)
        // By join code, anything but a key is the same 404 as an unknown room: no code oracle.
        try await room.refused("attendance", room.karim.token, 404, "not_found", room: room.room.code)
        try await room.refused("attendance", room.room.moderatorKey, 404, "not_found", room: "ZZZZZZ")
        let csv = try await room.get("attendance?format=csv", room.sarah.token)
        #expect(csv.headers["content-type"]?.hasPrefix("text/csv") == true)
        #expect(String(decoding: csv.body, as: UTF8.self).hasPrefix("date,period,from,to,participant_id,name,role,"))
        await room.stop()
    }

    @Test func badQueriesAreRefusedWithAJSONError() async throws {
        let room = try await Room()
        let token = room.sarah.token
        try await room.refused("attendance?format=xls", token, 400, "invalid_format")
        try await room.refused("attendance?halfDays=12:00-08:00", token, 400, "invalid_halfDays")
        try await room.refused("attendance?grace=many", token, 400, "invalid_grace")
        try await room.refused("attendance?timeZone=Mars/Olympus", token, 400, "invalid_timeZone")
        try await room.refused("search", token, 400, "invalid_q")
        try await room.refused("search?q=", token, 400, "invalid_q")
        try await room.refused("search?q=%20%20", token, 400, "invalid_q")
        try await room.refused("search?q=" + String(repeating: "a", count: 101), token, 400, "invalid_q")
        try await room.refused("search?q=web&before=hier", token, 400, "invalid_before")
        try await room.refused("search?q=web&before=-1", token, 400, "invalid_before")
        try await room.refused("export?format=pdf", token, 400, "invalid_format")
        try await room.refused("export?lang=de", token, 400, "invalid_lang")
        try await room.refused("search?q=web", nil, 401, "unauthorized")
        try await room.refused("export", nil, 401, "unauthorized")
        try await room.refused("search?q=web", room.karim.token, 404, "not_found", room: "r_doesnotexist")
        await room.stop()
    }

    @Test func membersSearchAndExportAndOnlyTheExpertSeesPrivateQuestions() async throws {
        let room = try await Room()
        let api = room.server.api
        _ = try await api.postMessage(room.karim.credentials, PostMessageRequest(text: "Bonjour l'École !", clientId: "m1"))
        _ = try await api.postMessage(room.karim.credentials, PostMessageRequest(text: "Autre chose", clientId: "m2"))
        let asked = try await room.server.raw(
            "POST", "/v1/rooms/\(room.room.roomId)/questions", token: room.karim.token,
            body: #"{"text": "Une question privée", "anonymous": false, "clientId": "q1"}"#)
        #expect(asked.status == 201)
        let found = try await api.search(room.karim.credentials, query: "ecole", before: nil)
        #expect(found.messages.map(\.text) == ["Bonjour l'École !"] && found.nextBefore == nil)
        // Form encoding: "+" is a space, %2B a plus.
        let spaced = try await room.get("search?q=BONJOUR+l%27ecole", room.karim.token)
        #expect(try WireCoding.decoder().decode(SearchResponse.self, from: spaced.body).messages.count == 1)
        let plus = try await room.get("search?q=%2B1", room.karim.token)
        #expect(try WireCoding.decoder().decode(SearchResponse.self, from: plus.body).messages.isEmpty)
        let learner = try await room.get("export?format=md", room.karim.token)
        #expect(learner.headers["content-type"]?.hasPrefix("text/markdown") == true)
        let learnerText = String(decoding: learner.body, as: UTF8.self)
        #expect(learnerText.contains("Bonjour l'École !") && !learnerText.contains("Une question privée"))
        let expert = try await api.export(room: room.room.roomId, token: room.sarah.token, format: .txt, lang: "fr")
        #expect(expert.contains("Une question privée") && expert.contains("Discussion"))
        // A report appends nothing.
        let before = try await api.state(room.sarah.credentials).state.seq
        _ = try await room.get("attendance", room.sarah.token)
        _ = try await room.get("export", room.karim.token)
        #expect(try await api.state(room.sarah.credentials).state.seq == before)
        await room.stop()
    }

    @Test func readersAreRateLimited() async throws {
        let room = try await Room()
        var statuses: [Int] = []
        for _ in 0..<40 { statuses.append(try await room.get("search?q=web", room.karim.token).status) }
        #expect(statuses.prefix(30).allSatisfy { $0 == 200 }, "\(statuses)")
        let limited = try await room.get("export", room.karim.token)
        #expect(limited.status == 429 && limited.apiError?.error == "rate_limited" && limited.headers["retry-after"] != nil)
        // Another reader has a bucket of their own.
        #expect(try await room.get("attendance", room.sarah.token).status == 200)
        await room.stop()
    }
}
