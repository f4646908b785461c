import Foundation
import NIOCore
import SessionModel
import Synchronization
import Testing
import TestSupport
@testable import SessionServer

@Suite("RoomHub")
struct RoomHubTests {
    /// A ledger with one room and `count` lock/unlock events, and a hub with a 4-event window.
    func setUp(events count: Int) async throws -> (RoomLedger, RoomHub, String) {
        let store = try SQLiteRoomStore(path: TestServer.temporaryDatabase())
        let hub = RoomHub(store: store, windowSize: 4, now: Date.init)
        let ledger = RoomLedger(store: store, listener: CommitListener { hub.publish(roomId: $0, events: $1, bodies: $2) })
        let info = RoomInfo(id: "r1", title: "Atelier", createdAt: Date())
        try await ledger.createRoom(StoredRoom(info: info, agenda: [], code: "ABCDEF", moderatorKeyHash: "x"))
        try await append(count, to: ledger)
        return (ledger, hub, "r1")
    }

    func append(_ count: Int, to store: RoomLedger) async throws {
        for _ in 0..<count {
            _ = try await store.commit(roomId: "r1", idempotency: nil) { state in
                Decision(events: [RoomEvent(seq: state.seq + 1, at: Date(), actor: nil, kind: .locked(state.seq % 2 == 0))], response: Data())
            }
        }
    }

    func decode(_ answer: RoomHub.Answer) throws -> EventsResponse {
        try WireCoding.decoder().decode(EventsResponse.self, from: Data(answer.readableBytesView))
    }

    @Test func aCursorOlderThanTheWindowIsServedFromTheStore() async throws {
        let (store, hub, room) = try await setUp(events: 3)
        _ = try await hub.poll(roomId: room, participantId: "p", after: 3, head: 3, timeout: .zero)
        try await append(10, to: store)
        let answer = try decode(try await hub.poll(roomId: room, participantId: "p", after: 1, head: 13, timeout: .seconds(5)))
        #expect(answer.events.map(\.seq) == Array(2...13))
        #expect(answer.cursor == "c13")
    }

    @Test func aParkedPollGetsTheWholeBatchEvenWhenItOverflowsTheWindow() async throws {
        let (store, hub, room) = try await setUp(events: 2)
        async let parked = hub.poll(roomId: room, participantId: "p", after: 2, head: 2, timeout: .seconds(20))
        #expect(await eventually { hub.parkedPolls == 1 })
        _ = try await store.commit(roomId: room, idempotency: nil) { state in
            Decision(events: (1...6).map { RoomEvent(seq: state.seq + Int64($0), at: Date(), actor: nil, kind: .locked($0 % 2 == 0)) }, response: Data())
        }
        let answer = try decode(try await parked)
        #expect(answer.events.map(\.seq) == Array(3...8))
    }

    @Test func aParticipantHoldsAtMostThreePollsAndANewOneAnswersTheOldest() async throws {
        let (_, hub, room) = try await setUp(events: 2)
        let answers = Mutex<[Int]>([])
        let parked = (0..<3).map { n in
            hub.park(roomId: room, viewer: Viewer(participantId: "p", role: .learner), after: 2, timeout: .seconds(30), delivery: .init { _ in answers.withLock { $0.append(n) } })
        }
        #expect(parked.allSatisfy { if case .parked = $0 { true } else { false } })
        #expect(hub.parkedPolls == 3)
        // Someone else's poll does not count against p.
        _ = hub.park(roomId: room, viewer: Viewer(participantId: "q", role: .learner), after: 2, timeout: .seconds(30), delivery: .init { _ in })
        #expect(answers.withLock { $0 }.isEmpty)
        // A fourth poll from p answers p's oldest, empty, and takes its place.
        async let fourth = hub.poll(roomId: room, participantId: "p", after: 2, head: 2, timeout: .seconds(30))
        #expect(await eventually { answers.withLock { $0 } == [0] })
        #expect(hub.parkedPolls == 4)
        hub.shutdown()
        _ = try await fourth
    }

    @Test func aPollAnsweredAtOnceOnTheFastPathCountsAsASighting() async throws {
        let (_, hub, room) = try await setUp(events: 3)
        #expect(hub.activity(roomId: room)["p"] == nil)
        let answer = hub.park(roomId: room, viewer: Viewer(participantId: "p", role: .learner), after: 2, timeout: .seconds(30), delivery: .init { _ in })
        guard case .answered = answer else { Issue.record("event 3 was ready: \(answer)"); return }
        let seen = try #require(hub.activity(roomId: room)["p"], "presence comes from these sightings")
        #expect(seen.openPolls == 0)
    }

    @Test func aCursorAheadOfTheRoomIsRefused() async throws {
        let (_, hub, room) = try await setUp(events: 2)
        await #expect(throws: RoomHub.PollError.self) {
            _ = try await hub.poll(roomId: room, participantId: "p", after: 9, head: 2, timeout: .zero)
        }
    }

    @Test func expiredHoldsAnswerEmptyWithTheSameCursor() async throws {
        let (_, hub, room) = try await setUp(events: 2)
        async let parked = hub.poll(roomId: room, participantId: "p", after: 2, head: 2, timeout: .milliseconds(50))
        #expect(await eventually { hub.parkedPolls == 1 })
        hub.expireWaiters(at: .now + .seconds(1))
        let answer = try decode(try await parked)
        #expect(answer.events.isEmpty)
        #expect(answer.cursor == "c2")
    }

    /// The timer looks only at the holds that are due: a poll whose hold has not run out stays
    /// parked, and one answered by a commit is not answered again when its hold runs out.
    @Test func onlyHoldsThatRanOutAreAnsweredAndEachPollOnce() async throws {
        let (ledger, hub, room) = try await setUp(events: 2)
        let answers = Mutex<[String: Int]>([:])
        func park(_ name: String, _ seconds: Int) {
            _ = hub.park(roomId: room, viewer: Viewer(participantId: name, role: .learner), after: 2, timeout: .seconds(seconds),
                         delivery: .init { _ in answers.withLock { $0[name, default: 0] += 1 } })
        }
        park("short", 1)
        park("long", 20)
        #expect(hub.parkedPolls == 2)
        hub.expireWaiters(at: .now + .seconds(5))
        #expect(answers.withLock { $0 } == ["short": 1])
        #expect(hub.parkedPolls == 1)
        // A commit answers the long poll; its hold running out later answers nothing more.
        try await append(1, to: ledger)
        #expect(await eventually { answers.withLock { $0 } == ["short": 1, "long": 1] })
        hub.expireWaiters(at: .now + .seconds(60))
        #expect(answers.withLock { $0 } == ["short": 1, "long": 1])
        #expect(hub.takeDeadlines(dueBy: .now + .seconds(3_600)).isEmpty)
    }

    /// The hub hears of events before the state moves: a cursor as new as the state is
    /// never ahead of the hub (it was, for a moment, and a client got a 410 for nothing).
    @Test func aCursorAsNewAsTheStateIsNeverAheadOfTheHub() async throws {
        let (ledger, hub, room) = try await setUp(events: 1)
        let writer = Task {
            try await append(2_000, to: ledger)
        }
        var polls = 0
        while !writer.isCancelled, polls < 20_000 {
            guard let view = try await ledger.pollView(roomId: room, participantId: "p") else { break }
            _ = try await hub.poll(roomId: room, participantId: "p", after: view.seq, head: view.seq, timeout: .zero)
            polls += 1
            if view.seq >= 2_001 { break }
        }
        try await writer.value
        #expect(polls > 0)
    }
}

@Suite("Hold ends")
struct HoldEndTests {
    @Test func longHoldsEndUpToATenthEarlierAndShortOnesOnTime() {
        let start = ContinuousClock.now
        #expect(RoomHub.holdEnd(from: start, timeout: .seconds(25), random: 0) == start + .seconds(25))
        #expect(RoomHub.holdEnd(from: start, timeout: .seconds(25), random: 0.999) > start + .milliseconds(22_500))
        #expect(RoomHub.holdEnd(from: start, timeout: .seconds(25), random: 0.5) == start + .milliseconds(23_750))
        #expect(RoomHub.holdEnd(from: start, timeout: .seconds(5), random: 0.9) == start + .seconds(5))
        let ends = Set((0..<50).map { _ in RoomHub.holdEnd(from: start, timeout: .seconds(25)) })
        #expect(ends.count > 40, "the ends are spread")
        #expect(ends.allSatisfy { $0 > start + .milliseconds(22_500) && $0 <= start + .seconds(25) })
    }

    @Test func jitterFillsTheUnitIntervalEvenly() {
        let draws = (0..<10_000).map { _ in Jitter.next() }
        #expect(draws.allSatisfy { $0 >= 0 && $0 < 1 })
        var tenths = [Int](repeating: 0, count: 10)
        for draw in draws { tenths[Int(draw * 10)] += 1 }
        // 1,000 expected in each tenth; 800 is more than six standard deviations away.
        #expect(tenths.allSatisfy { $0 > 800 && $0 < 1_200 }, "\(tenths)")
    }
}

@Suite("Random identifiers")
struct SecretsTests {
    @Test func identifiersUseTheWholeAlphabetAndNeverRepeat() {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        let ids = (0..<2_000).map { _ in Secrets.id(prefix: "m_") }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("m_") && $0.count == 14 })
        var seen: [Character: Int] = [:]
        for id in ids { for letter in id.dropFirst(2) { seen[letter, default: 0] += 1 } }
        #expect(Set(seen.keys) == Set(alphabet), "only the alphabet's letters, and all of them")
        // 24,000 letters: 750 expected of each; a letter stuck or missing would be far off.
        #expect(seen.values.allSatisfy { $0 > 550 && $0 < 950 }, "\(seen)")
        // Every position varies (the bits of one draw are all used, not the same five).
        for position in 2..<14 {
            let letters = Set(ids.map { Array($0)[position] })
            #expect(letters.count == 32, "position \(position)")
        }
        let token = Secrets.token()
        #expect(token.hasPrefix("mt_") && token.count == 35)
    }
}
