import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// The seat kept on disk: a client that crashed takes its seat back and sends what it had
/// queued, once; a second client with the same name joins as itself.
@Suite("Seats kept across runs of the client")
struct SeatTests {
    static let fast = RoomSessionTests.fast

    func store() -> SeatStore {
        SeatStore(directory: NSTemporaryDirectory() + "momentum-seats-" + UUID().uuidString)
    }

    @Test func aSeatIsSavedPrivatelyAndLockedByOneClient() throws {
        let seats = store()
        let key = SeatStore.key(server: "http://Server", join: JoinRequest(code: "abc123", name: "Chloé"))
        #expect(key == SeatStore.key(server: "http://server", join: JoinRequest(code: "ABC123", name: "chloe")))
        #expect(key != SeatStore.key(server: "http://server", join: JoinRequest(code: "ABC123", name: "chloe", moderatorKey: "k")))
        let seat = SavedSeat(roomId: "r1", token: "secret", participantId: "p1", pollTimeout: 25,
                             pending: [.init(clientId: "c1", kind: .moderation(.mute, ModerationRequest(participantId: "p2", muted: true)))])
        let lock = try #require(seats.lock(key))
        #expect(seats.lock(key) == nil, "one client at a time")
        seats.save(seat, as: key)
        #expect(seats.load(key) == seat)
        let files = try FileManager.default.contentsOfDirectory(atPath: seats.directory).filter { $0.hasSuffix(".json") }
        let mode = try FileManager.default.attributesOfItem(atPath: seats.directory + "/" + files[0])[.posixPermissions] as? Int
        #expect(mode == 0o600, "a token is a password")
        #expect(!files[0].contains("hlo"), "names never become paths")
        _ = lock
        seats.remove(key)
        #expect(seats.load(key) == nil)
    }

    @Test func aSaveCutBeforeItsRenameIsTakenWhenCompleteAndIgnoredWhenHalfWritten() throws {
        let seats = store()
        let key = SeatStore.key(server: "http://server", join: JoinRequest(code: "ABC123", name: "Karim"))
        let older = SavedSeat(roomId: "r1", token: "t", participantId: "p1", pollTimeout: 25)
        seats.save(older, as: key)
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: seats.directory).first { $0.hasSuffix(".json") })
        let temporary = seats.directory + "/" + file + ".tmp"
        // A client killed between writing its newest seat and renaming it into place.
        var newer = older
        newer.pending = [.init(clientId: "c1", kind: .message("pendant la coupure"))]
        FileManager.default.createFile(atPath: temporary, contents: try JSONEncoder().encode(newer))
        #expect(seats.load(key) == newer, "the message typed just before the kill is not lost")
        #expect(!FileManager.default.fileExists(atPath: temporary))
        #expect(seats.load(key) == newer)
        // Killed while writing it: the half file is not a seat; the last renamed one is.
        let half = try JSONEncoder().encode(SavedSeat(roomId: "r1", token: "t", participantId: "p1", pollTimeout: 25, pending: newer.pending + newer.pending))
        FileManager.default.createFile(atPath: temporary, contents: half.prefix(half.count / 2))
        #expect(seats.load(key) == newer)
    }

    @Test func aSeatReleasedByThisProcessIsFreeWhileAChildStillSharesItsLockFile() throws {
        let seats = store()
        let key = SeatStore.key(server: "http://server", join: JoinRequest(code: "ABC123", name: "Karim"))
        var lock = seats.lock(key)
        #expect(lock != nil)
        // A child forked while the lock file is open shares its open file description until it
        // execs; here it keeps it for its life, as its standard input.
        let open = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").compactMap { fd -> Int32? in
            let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + fd)
            return target.map { $0.hasPrefix(seats.directory) && $0.hasSuffix(".lock") } == true ? Int32(fd) : nil
        }
        let descriptor = try #require(open.first)
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sleep")
        child.arguments = ["30"]
        child.standardInput = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        try child.runAlone()
        defer {
            // SIGKILL: the child may inherit a mask that blocks SIGTERM.
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
        }
        lock = nil
        #expect(seats.lock(key) != nil, "released here: the next client takes the seat, whoever shares the file")
    }

    @Test func aClientThatCrashedTakesItsSeatBackAndSendsWhatItHadQueuedOnce() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let seats = store()
        let join = JoinRequest(code: room.code, name: "Karim")
        let cable = Cable(to: server.url, over: server.engine)
        let first = RoomSession(api: SessionAPI(baseURL: Cable.clientURL, transport: cable), join: join, timing: Self.fast, seats: seats) { _ in }
        first.start()
        #expect(await eventually { first.credentials != nil })
        // The message reaches the server, its answer is lost, and the client dies before it tries again.
        cable.plug(losingTheAnswerTo: "/messages", thenUnplug: true)
        let id = first.enqueue(.message("une seule fois"))
        #expect(await eventually { await first.outbox.items.first { $0.id == id }.map { $0.attempts >= 1 } == true })
        let token = first.credentials?.token
        first.stop()

        let again = Deliveries<RoomSession.Update>()
        // The same seat file and key as the first run (the server's address as the first one saw it).
        let second = RoomSession(api: SessionAPI(baseURL: Cable.clientURL, transport: Cable(to: server.url, over: server.engine)),
                                 join: join, timing: Self.fast, seats: seats) { again.append($0) }
        second.start()
        #expect(await eventually { second.credentials != nil })
        #expect(second.credentials?.token == token, "the seat is taken back, not a new one")
        await second.drained()
        let karim = try await server.join(room, "Chloé")
        let texts = karim.state.messages.map(\.text)
        #expect(texts.filter { $0 == "une seule fois" }.count == 1, "sent again with its clientId: not lost, not doubled")
        #expect(karim.state.present.filter { $0.name.hasPrefix("Karim") }.count == 1, "one Karim, not Karim (2)")
        // The app hears of the join just after the credentials are kept: wait for it.
        let joinedAs = { again.all.compactMap { if case .stream(.joinedRoom(let response)) = $0 { response.participant.name } else { nil } } }
        #expect(await eventually { joinedAs() == ["Karim"] })

        await second.leave(within: 3)
        #expect(seats.load(SeatStore.key(server: Cable.clientURL, join: join)) == nil, "left: nothing to take back")
        await server.stop()
    }

    @Test func aSecondClientWithTheSameNameJoinsAsItself() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let seats = store()
        let join = JoinRequest(code: room.code, name: "Karim")
        let first = RoomSession(api: server.api, join: join, timing: Self.fast, seats: seats) { _ in }
        first.start()
        #expect(await eventually { first.credentials != nil })
        let updates = Deliveries<RoomSession.Update>()
        let second = RoomSession(api: server.api, join: join, timing: Self.fast, seats: seats) { updates.append($0) }
        second.start()
        #expect(await eventually {
            updates.all.contains { if case .stream(.status(.ended(.refused(code: "name_taken", _)))) = $0 { true } else { false } }
        })
        #expect(seats.load(SeatStore.key(server: server.api.baseURL, join: join)) != nil, "the first client's seat stays")
        second.stop()
        await first.leave(within: 3)
        await server.stop()
    }

    @Test func quittingWhileOfflineKeepsTheSeatButNotWhatWasNotSent() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let seats = store()
        let join = JoinRequest(code: room.code, name: "Karim")
        let cable = Cable(to: server.url, over: server.engine)
        let session = RoomSession(api: SessionAPI(baseURL: Cable.clientURL, transport: cable), join: join, timing: Self.fast, seats: seats) { _ in }
        session.start()
        #expect(await eventually { session.credentials != nil })
        cable.unplug()
        session.enqueue(.message("trop tard"))
        let key = SeatStore.key(server: Cable.clientURL, join: join)
        #expect(await eventually { seats.load(key)?.pending.count == 1 }, "a crash now would send it on the next run")
        let unsent = await session.leave(within: 0.3)
        #expect(unsent.count == 1, "said when quitting")
        #expect(seats.load(key)?.pending == [], "not sent on a later run")
        #expect(seats.load(key)?.token == session.credentials?.token, "the seat is kept: the name with it")
        await server.stop()
    }
}
