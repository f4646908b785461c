import Foundation
import Logging
import SessionModel
import Testing
import TestSupport
@testable import SessionServer

/// Search across history pages, and the attendance register and transcript read from the
/// stored events, on every store.
@Suite("Store conformance: reports over the history")
struct ReportStoreTests {
    /// A service over `store`, with the room `r1`: Sarah (expert) and Karim, then `count`
    /// messages of which every tenth says "École" (and the 50th is deleted).
    static func room(_ store: any RoomStore, messages count: Int) async throws -> SessionService {
        try await store.createRoom(sampleRoom())
        var events: [RoomEvent] = [
            RoomEvent(seq: 1, at: at, actor: "p0", kind: .joined(Participant(id: "p0", name: "Sarah", role: .expert, joinedAt: at))),
            RoomEvent(seq: 2, at: at, actor: "p1", kind: .joined(Participant(id: "p1", name: "Karim", role: .learner, joinedAt: at))),
        ]
        for index in 1...count {
            let seq = Int64(events.count + 1)
            events.append(messageEvent(seq, index % 10 == 0 ? "n°\(index) : l'École du web" : "n°\(index) : bonjour"))
        }
        events.append(RoomEvent(seq: Int64(events.count + 1), at: at, actor: "p0", kind: .messageDeleted(messageId: "m52")))
        try await store.append(AppendBatch(roomId: "r1", after: 0, events: events))
        var logger = Logger(label: "momentum.test-reports")
        logger.logLevel = .warning
        let service = SessionService(
            store: store, config: ServerConfig(host: "127.0.0.1", port: 0, databasePath: ":memory:"), metrics: ServerMetrics(), logger: logger,
            now: { at.addingTimeInterval(3600) })
        try await service.ledger.loadAll()
        return service
    }

    static let karim = SessionService.Reader(roomId: "r1", viewer: Viewer(participantId: "p1", role: .learner))

    @Test(arguments: StoreUnderTest.kinds)
    func searchPagesThroughTheWholeHistoryNewestFirst(kind: StoreUnderTest.Kind) async throws {
        let subject = try await StoreUnderTest.make(kind)
        // 2,500 messages: more than one request scans (2,000), so a page may come back short.
        let service = try await Self.room(subject.store, messages: 2_500)
        var found: [ChatMessage] = []
        var before: Int64? = nil
        var requests = 0
        repeat {
            let page = try await service.search(for: Self.karim, query: "ecole", before: before, limit: 20)
            #expect(page.messages.count <= 20)
            found += page.messages
            before = page.nextBefore
            requests += 1
        } while before != nil && requests < 50
        // Messages 10, 20, ..., 2,500 say "École"; the 50th (seq 52) was deleted.
        let expected = stride(from: 2_500, through: 10, by: -10).filter { $0 != 50 }.map { "n°\($0) : l'École du web" }
        #expect(found.map(\.text) == expected)
        #expect(found.map(\.seq) == found.map(\.seq).sorted(by: >))
        #expect(requests >= expected.count / 20)
        await subject.store.close()
    }

    @Test(arguments: StoreUnderTest.kinds)
    func aLongSearchWithFewMatchesSaysWhereToGoOn(kind: StoreUnderTest.Kind) async throws {
        let subject = try await StoreUnderTest.make(kind)
        let service = try await Self.room(subject.store, messages: 2_500)
        // "n°7 :" is among the oldest messages only: the first request scans 2,000 and finds nothing.
        let first = try await service.search(for: Self.karim, query: "n°7 :", before: nil, limit: 20)
        #expect(first.messages.isEmpty)
        let next = try #require(first.nextBefore)
        let second = try await service.search(for: Self.karim, query: "n°7 :", before: next, limit: 20)
        #expect(second.messages.map(\.text) == ["n°7 : bonjour"])
        #expect(second.nextBefore == nil)
        await subject.store.close()
    }

    @Test(arguments: StoreUnderTest.kinds)
    func attendanceAndTranscriptReadTheStoredEvents(kind: StoreUnderTest.Kind) async throws {
        let subject = try await StoreUnderTest.make(kind)
        let service = try await Self.room(subject.store, messages: 30)
        let expert = SessionService.Reader(roomId: "r1", viewer: Viewer(participantId: "p0", role: .expert))
        let register = try await service.attendance(for: expert, rules: AttendanceRules(halfDays: [HalfDay(from: "00:00", to: "23:59")]), timeZone: TimeZone(identifier: "UTC")!)
        // Both connected from their join until "now", an hour later.
        #expect(register.rows.map { "\($0.name) \($0.minutes)" } == ["Sarah 60", "Karim 60"])
        await #expect(throws: APIError.self) { try await service.attendance(for: Self.karim, rules: AttendanceRules(), timeZone: .current) }
        let transcript = try await service.export(for: Self.karim, format: .txt, labels: .english, timeZone: TimeZone(identifier: "UTC")!)
        #expect(transcript.contains("n°30 : l'École du web") && transcript.contains("Karim"))
        await subject.store.close()
    }
}
