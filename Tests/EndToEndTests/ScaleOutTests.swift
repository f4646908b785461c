import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// Several `momentum serve` processes on one PostgreSQL database, as docs/DEPLOY.md runs them.
@Suite("Scale out on PostgreSQL", .enabled(if: PostgresTestDatabase.available, "needs the cluster that make test starts"), .serialized)
struct ScaleOutTests {
    static let names = ["Karim", "Chloé", "Dominique", "Florent", "Aïcha", "Mathis", "Léa", "Yanis", "Inès", "Hugo", "Zoé", "Nabil", "Emma", "Théo", "Sofia"]

    /// Two servers on a fresh database; the first opens the workshop.
    func twoServers(extra: [String] = []) async throws -> (database: String, first: ServerProcess, second: ServerProcess) {
        let database = try PostgresTestDatabase.create()
        let first = try await ServerProcess(database: database, workshop: try temporaryWorkshopFile(), extraArguments: extra)
        let second = try await ServerProcess(database: database, extraArguments: extra)
        return (database, first, second)
    }

    @Test func sixteenClientsSpreadOverTwoServersBehindNginxSeeEveryEventOnceInOneOrder() async throws {
        let (_, first, second) = try await twoServers()
        let proxy = try NginxProxy(upstreams: [first.url, second.url])
        defer { proxy.stop(); first.terminate(); second.terminate() }
        #expect(await proxy.ready())
        let code = try #require(first.code)
        let expert = TestClient(url: proxy.url, name: "Sarah")
        expert.start(code: code, moderatorKey: first.moderatorKey)
        #expect(await eventually(within: 30) { expert.me != nil })
        let learners = Self.names.map { TestClient(url: proxy.url, name: $0) }
        for learner in learners { learner.start(code: code) }
        let everyone = [expert] + learners
        #expect(await eventually(within: 60) { everyone.allSatisfy { $0.state?.present.count == 16 } }, "not everyone joined")

        for learner in learners {
            await learner.sender.enqueue(.message("Bonjour de \(learner.name) (1)"))
            await learner.sender.enqueue(.hand(raised: true))
            await learner.sender.enqueue(.message("Bonjour de \(learner.name) (2)"))
        }
        await expert.sender.enqueue(.message("Bienvenue à tous !"))
        for client in everyone { await client.sender.drained() }
        let sarah = try #require(expert.credentials)
        let truth = try await expert.api.state(sarah).state
        #expect(await eventually(within: 60) { everyone.allSatisfy { ($0.state?.seq ?? 0) >= truth.seq } }, "not everyone caught up")

        let messages = truth.messages.map(\.text)
        #expect(messages.count == 31)
        #expect(Set(messages).count == 31, "a message was stored twice")
        let lastJoin = everyone.map { $0.record.joined!.state.seq }.max()!
        let reference = expert.record.events.filter { $0.seq > lastJoin && $0.seq <= truth.seq }
        for client in everyone {
            let events = client.record.events
            #expect(events.map(\.seq) == Array((client.record.joined!.state.seq + 1)...(events.last?.seq ?? 0)), "\(client.name) has a gap or a repeat")
            #expect(events.filter { $0.seq > lastJoin && $0.seq <= truth.seq } == reference, "\(client.name) saw another order")
        }
        for client in everyone { await client.stop() }
    }

    @Test func killingOneServerMidSendLosesNothingAndDoublesNothing() async throws {
        let (database, first, second) = try await twoServers(extra: ["--message-burst", "1000"])
        let proxy = try NginxProxy(upstreams: [first.url, second.url])
        defer { proxy.stop(); first.terminate(); second.terminate() }
        #expect(await proxy.ready())
        let code = try #require(first.code)
        let clients = ["Karim", "Chloé", "Léa", "Hugo"].map { TestClient(url: proxy.url, name: $0) }
        for client in clients { client.start(code: code) }
        #expect(await eventually(within: 60) { clients.allSatisfy { $0.state?.present.count == 4 } })

        let perClient = 40
        for client in clients {
            for k in 1...perClient { await client.sender.enqueue(.message("\(client.name) #\(k)")) }
        }
        func sent() async -> Int {
            var sent = 0
            for client in clients { sent += await client.sender.outbox.items.filter { $0.status == .sent }.count }
            return sent
        }
        #expect(await eventually(within: 30) { await sent() >= 8 })
        first.kill()
        let sentBeforeTheKill = await sent()
        #expect(sentBeforeTheKill < clients.count * perClient, "the server was killed after every send: the test proves nothing")
        for client in clients {
            await client.sender.drained()
            #expect(await client.sender.outbox.items.allSatisfy { $0.status == .sent }, "\(client.name) has unsent items")
        }
        // A message is stored once, in its event; the message table indexes them.
        let stored = try PostgresTestDatabase.psql(database, "SELECT event.body FROM message JOIN event USING (room_id, seq) ORDER BY seq")
            .split(separator: "\n").map { line -> String in
                guard case .message(let message) = try WireCoding.decoder().decode(RoomEvent.self, from: Data(line.utf8)).kind else { return "" }
                return message.text
            }
        #expect(stored.count == clients.count * perClient, "\(stored.count) messages stored")
        #expect(Set(stored).count == stored.count, "a message was stored twice")
        for client in clients {
            #expect(stored.filter { $0.hasPrefix(client.name + " #") } == (1...perClient).map { "\(client.name) #\($0)" })
        }
        // The streams go on through the server that is left: everyone reaches the table's last event.
        let head = Int64(try PostgresTestDatabase.psql(database, "SELECT MAX(seq) FROM event")) ?? 0
        #expect(await eventually(within: 60) { clients.allSatisfy { ($0.state?.seq ?? 0) >= head } })
        for client in clients { await client.stop() }
    }

    @Test func deliveriesGoOnWhenTheDatabaseEndsTheListeningConnections() async throws {
        let (database, first, second) = try await twoServers()
        defer { first.terminate(); second.terminate() }
        let code = try #require(first.code)
        let reader = TestClient(url: first.url, name: "Karim")
        let writer = TestClient(url: second.url, name: "Chloé")
        reader.start(code: code)
        writer.start(code: code)
        #expect(await eventually(within: 30) { [reader, writer].allSatisfy { $0.state?.present.count == 2 } })

        let listeners = try PostgresTestDatabase.psql(database, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'momentum-listen' AND datname = current_database()")
        #expect(listeners == "2", "each server listens once")
        try PostgresTestDatabase.psql(database, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'momentum-listen' AND datname = current_database()")
        for n in 1...3 {
            await writer.sender.enqueue(.message("après la coupure \(n)"))
            await writer.sender.drained()
            // Well within one long-poll hold (25 s): the wake-up came back by itself.
            #expect(await eventually(within: 10) { reader.state?.messages.contains { $0.text == "après la coupure \(n)" } == true }, "message \(n) did not reach the other server's client")
        }
        #expect(await eventually(within: 10) {
            (try? PostgresTestDatabase.psql(database, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'momentum-listen' AND datname = current_database()")) == "2"
        }, "the listening connections did not come back")
        await reader.stop()
        await writer.stop()
    }

    @Test func twoServersAppendingToOneRoomForFiveSecondsLeaveNoGapAndNoRepeat() async throws {
        let (database, first, second) = try await twoServers(extra: ["--message-burst", "100000"])
        defer { first.terminate(); second.terminate() }
        let code = try #require(first.code)
        let readers = [TestClient(url: first.url, name: "Lecteur A"), TestClient(url: second.url, name: "Lecteur B")]
        for reader in readers { reader.start(code: code) }
        #expect(await eventually(within: 30) { readers.allSatisfy { $0.me != nil } })

        let engine = CurlEngine()
        defer { engine.shutdown() }
        var posters: [(SessionAPI, RoomCredentials)] = []
        for (index, server) in [first, second, first, second].enumerated() {
            let api = SessionAPI(baseURL: server.url, transport: engine)
            let joined = try await api.join(JoinRequest(code: code, name: "Rédacteur \(index)"))
            posters.append((api, joined.credentials))
        }
        let deadline = ContinuousClock.now + .seconds(5)
        let posted = try await withThrowingTaskGroup(of: Int.self) { group in
            for (index, poster) in posters.enumerated() {
                group.addTask {
                    var count = 0
                    while ContinuousClock.now < deadline {
                        _ = try await poster.0.postMessage(poster.1, PostMessageRequest(text: "\(index)-\(count)", clientId: "\(index)-\(count)"))
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(posted > 100, "only \(posted) messages in 5 s")

        let seqs = try PostgresTestDatabase.psql(database, "SELECT seq FROM event ORDER BY seq").split(separator: "\n").compactMap { Int64($0) }
        #expect(seqs == Array(1...Int64(seqs.count)), "the table has a gap or a repeat")
        let ids = try PostgresTestDatabase.psql(database, "SELECT id FROM message ORDER BY seq").split(separator: "\n").map(String.init)
        #expect(ids.count == posted)
        let head = seqs.last ?? 0
        #expect(await eventually(within: 60) { readers.allSatisfy { ($0.state?.seq ?? 0) >= head } })
        for reader in readers {
            let events = reader.record.events.filter { $0.seq <= head }
            let start = reader.record.joined!.state.seq + 1
            #expect(events.map(\.seq) == Array(start...head), "\(reader.name) has a gap or a repeat")
            let theirIds = events.compactMap { event -> String? in
                if case .message(let message) = event.kind { return message.id }
                return nil
            }
            #expect(theirIds == ids, "\(reader.name)'s copy differs from the table")
            await reader.stop()
        }
    }
}
