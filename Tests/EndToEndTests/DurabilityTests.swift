import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// Kill -9 the real server while clients send; restart it on the same database.
@Suite("Durability")
struct DurabilityTests {
    @Test func acknowledgedMessagesSurviveSIGKILLAndClientsResumeWithoutAGap() async throws {
        let database = TestServer.temporaryDatabase()
        let first = try await ServerProcess(database: database, workshop: try temporaryWorkshopFile())
        let code = try #require(first.code)
        let clients = ["Karim", "Chloé", "Léa"].map { TestClient(url: first.url, name: $0) }
        for client in clients { client.start(code: code) }
        #expect(await eventually(within: 30) { clients.allSatisfy { $0.state?.present.count == 3 } })

        let perClient = 15
        for client in clients {
            for k in 1...perClient { await client.sender.enqueue(.message("\(client.name) #\(k)")) }
        }
        // Kill the server in the middle of the sends.
        #expect(await eventually(within: 30) {
            var sent = 0
            for client in clients { sent += await client.sender.outbox.items.filter { $0.status == .sent }.count }
            return sent >= 20
        })
        let statusesBefore = clients.map { $0.record.statuses.count }
        first.kill()
        var acknowledged: [String: String] = [:]
        for client in clients {
            for item in await client.sender.outbox.items where item.status == .sent {
                acknowledged[item.id] = item.messageId
            }
        }
        #expect(acknowledged.count >= 20)

        // The server comes back once every client has seen it gone. A client whose poll had
        // just been answered at the kill, and whose next one only went out after a quick
        // restart, had no request fail and rightly never said it was reconnecting; that can
        // happen under load, when the client's tasks wait for one of two threads.
        #expect(await eventually(within: 30) {
            zip(clients, statusesBefore).allSatisfy { client, seen in
                client.record.statuses.dropFirst(seen).contains { if case .reconnecting = $0 { true } else { false } }
            }
        }, "a client never noticed the outage")
        let second = try await ServerProcess(database: database, port: first.port)
        defer { second.terminate() }
        for client in clients {
            await client.sender.drained()
            #expect(await client.sender.outbox.items.allSatisfy { $0.status == .sent }, "\(client.name) has unsent items")
        }

        // Every message is there exactly once, and every acknowledged one kept its id.
        let reader = try #require(clients[0].credentials)
        let history = try await clients[0].api.messages(reader, before: nil, limit: 200)
        let texts = history.messages.map(\.text)
        #expect(texts.count == clients.count * perClient)
        #expect(Set(texts).count == texts.count, "a message was stored twice")
        let ids = Set(history.messages.map(\.id))
        for messageId in acknowledged.values { #expect(ids.contains(messageId), "acknowledged message \(messageId) was lost") }
        // Each sender's messages are in the order they were typed.
        for client in clients {
            let mine = texts.filter { $0.hasPrefix(client.name + " #") }
            #expect(mine == (1...perClient).map { "\(client.name) #\($0)" })
        }

        // The streams resumed from their cursors: no reload, no gap, no repeat.
        let head = try await clients[0].api.state(reader).state.seq
        #expect(await eventually(within: 30) { clients.allSatisfy { ($0.state?.seq ?? 0) >= head } })
        for client in clients {
            let record = client.record
            let start = try #require(record.joined?.state.seq)
            let seqs = record.events.map(\.seq)
            #expect(seqs == Array((start + 1)...(seqs.last ?? start)), "\(client.name): gap or repeat")
            #expect(record.reloads == 1, "\(client.name) had to reload instead of resuming")
            #expect(record.statuses.last == .online, "\(client.name) did not come back online")
        }
        for client in clients { await client.stop() }
    }
}
