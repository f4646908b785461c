import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// `momentum attendance` and `momentum export`, the real binary against a real server: the
/// file is written, and refusals are sentences in the user's language.
@Suite("Attendance and export commands")
struct ReportCommandsEndToEndTests {
    struct Run {
        var output: String
        var status: Int32
    }

    /// Runs `momentum` with `arguments` under `LANG=lang`, with its own state folder.
    func momentum(_ arguments: [String], lang: String, state: String) async throws -> Run {
        let (text, status) = try await MomentumCommand.run(arguments, environment: [
            "LANG": lang, "LC_ALL": nil, "LC_MESSAGES": nil, "MOMENTUM_MODERATOR_KEY": nil, "XDG_STATE_HOME": state, "TZ": "UTC",
        ])
        return Run(output: text, status: status)
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func attendanceIsWrittenAsASheetOrCSVWithTheModeratorKey() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        _ = try await server.join(room, "Sarah", expert: true)
        _ = try await server.join(room, "Karim")
        let folder = NSTemporaryDirectory() + "momentum-attendance-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let keyFile = folder + "/key.txt"
        try Data((room.moderatorKey + "\n").utf8).write(to: URL(fileURLWithPath: keyFile))

        let sheet = folder + "/emargement.md"
        let french = try await momentum(
            ["attendance", server.url, "--code", room.code, "--moderator-key-file", keyFile, "--out", sheet, "--half-days", "00:00-23:59"],
            lang: "fr_FR.UTF-8", state: folder)
        #expect(french.status == 0, "\(french.output)")
        #expect(french.output.contains("emargement.md écrit (2 lignes)."), "\(french.output)")
        let text = try #require(read(sheet))
        #expect(text.hasPrefix("# Feuille d'émargement : Les métiers du Web"), "\(text)")
        #expect(text.contains("| Nom | Rôle | Arrivée | Départ | Minutes | Présent·e | Signature |"), "\(text)")
        #expect(text.contains("| Sarah | expert·e |") && text.contains("| Karim |"), "\(text)")

        let csv = folder + "/presences.csv"
        let english = try await momentum(["attendance", server.url, "--code", room.code, "--moderator-key", room.moderatorKey, "--out", csv], lang: "C.UTF-8", state: folder)
        #expect(english.status == 0, "\(english.output)")
        #expect(read(csv)?.hasPrefix("date,period,from,to,participant_id,name,role,first_seen,last_seen,minutes,present\r\n") == true)

        // A wrong key: refused in French, and no file.
        let refused = folder + "/refus.md"
        let wrong = try await momentum(["attendance", server.url, "--code", room.code, "--moderator-key", "pas-la-cle", "--out", refused], lang: "fr_FR.UTF-8", state: folder)
        #expect(wrong.status != 0)
        #expect(wrong.output.contains("momentum: Ce que tu demandes n'existe plus"), "\(wrong.output)")
        #expect(read(refused) == nil)
        // No key at all: said before any request.
        let missing = try await momentum(["attendance", server.url, "--code", room.code, "--out", refused], lang: "C.UTF-8", state: folder)
        #expect(missing.status != 0 && missing.output.contains("The workshop's moderator key is needed"), "\(missing.output)")
        let badFormat = try await momentum(["attendance", server.url, "--code", room.code, "--moderator-key", "k", "--format", "xls"], lang: "fr_FR.UTF-8", state: folder)
        #expect(badFormat.status != 0 && badFormat.output.contains("Le format xls n'est pas possible ici"), "\(badFormat.output)")
        await server.stop()
    }

    @Test func exportReadsWithTheSavedSeatOrTheKeyAndNeverJoins() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let sarah = try await server.join(room, "Sarah", expert: true)
        let karim = try await server.join(room, "Karim")
        _ = try await server.api.postMessage(karim.credentials, PostMessageRequest(text: "Bonjour *tout* le monde", clientId: "m1"))
        _ = try await server.raw(
            "POST", "/v1/rooms/\(room.roomId)/questions", token: karim.token,
            body: #"{"text": "Une question privée", "anonymous": false, "clientId": "q1"}"#)
        let folder = NSTemporaryDirectory() + "momentum-export-\(UUID().uuidString)"
        // The seat `momentum join` would have saved for Karim on this computer.
        let seats = SeatStore(directory: folder + "/momentum/seats")
        seats.save(SavedSeat(roomId: room.roomId, token: karim.token, participantId: karim.participant.id, pollTimeout: 25),
                   as: SeatStore.key(server: server.url, join: JoinRequest(code: room.code, name: "Karim")))
        let before = try await server.api.state(sarah.credentials).state

        let mine = folder + "/atelier.md"
        let learner = try await momentum(["export", server.url, "--code", room.code, "--name", "Karim", "--out", mine], lang: "fr_FR.UTF-8", state: folder)
        #expect(learner.status == 0, "\(learner.output)")
        let text = try #require(read(mine))
        #expect(text.hasPrefix("# Les métiers du Web") && text.contains("## Discussion") && text.contains("Karim: Bonjour \\*tout\\* le monde"), "\(text)")
        #expect(!text.contains("Une question privée"))

        let experts = folder + "/atelier.txt"
        let expert = try await momentum(["export", server.url, "--code", room.code, "--moderator-key", room.moderatorKey, "--out", experts], lang: "C.UTF-8", state: folder)
        #expect(expert.status == 0, "\(expert.output)")
        let plain = try #require(read(experts))
        #expect(plain.contains("Une question privée") && plain.contains("Karim: Bonjour *tout* le monde") && !plain.contains("## "), "\(plain)")

        // Nobody joined: the roster and the events are as they were.
        let after = try await server.api.state(sarah.credentials).state
        #expect(after.participants.count == before.participants.count && after.seq == before.seq)

        let noSeat = try await momentum(["export", server.url, "--code", room.code, "--name", "Zoé", "--out", folder + "/x.md"], lang: "fr_FR.UTF-8", state: folder)
        #expect(noSeat.status != 0 && noSeat.output.contains("Aucune place de Zoé dans cet atelier"), "\(noSeat.output)")
        let noName = try await momentum(["export", server.url, "--code", room.code], lang: "C.UTF-8", state: folder)
        #expect(noName.status != 0 && noName.output.contains("Give your name in the workshop (--name)"), "\(noName.output)")
        await server.stop()
    }
}
