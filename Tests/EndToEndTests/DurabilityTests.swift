import Foundation
import SessionClient
import SessionModel
import Synchronization
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

    /// Twenty rooms post at once, one message after another in each, so that SQLite commits
    /// them in groups (`GroupCommit`); a kill -9 in the middle loses no answered message, and
    /// each room keeps its messages in order without a gap.
    @Test func messagesCommittedInGroupsSurviveSIGKILL() async throws {
        let database = TestServer.temporaryDatabase()
        let arguments = ["--admin-token", "jeton", "--message-burst", "100000"]
        let first = try await ServerProcess(database: database, extraArguments: arguments)
        let engine = CurlEngine()
        defer { engine.shutdown() }
        let api = SessionAPI(baseURL: first.url, transport: engine)
        var posters: [RoomCredentials] = []
        for n in 0..<20 {
            let room = try await api.createRoom(adminToken: "jeton", CreateRoomRequest(title: "Atelier \(n)", agenda: [AgendaDraft(title: "Accueil", day: 1, start: "09:00", minutes: 30)]))
            posters.append(try await api.join(JoinRequest(code: room.code, name: "Karim")).credentials)
        }
        let answered = Answered()
        await withTaskGroup(of: Void.self) { group in
            for poster in posters {
                group.addTask {
                    for k in 1...150 {
                        guard let posted = try? await api.postMessage(poster, PostMessageRequest(text: "n\(k)", clientId: "c\(k)")) else { return }
                        answered.add(posted.message, in: poster.roomId)
                    }
                }
            }
            #expect(await eventually(within: 60) { answered.count >= 400 }, "the rooms did not post")
            first.kill()
        }

        let second = try await ServerProcess(database: database, port: first.port, extraArguments: arguments)
        defer { second.terminate() }
        for poster in posters {
            let kept = try await api.messages(poster, before: nil, limit: 200).messages
            let acknowledged = answered.messages(in: poster.roomId)
            // What was answered is there with its id; a message committed as the server died may follow it.
            #expect(Array(kept.prefix(acknowledged.count)) == acknowledged, "room \(poster.roomId) lost an answered message")
            #expect(kept.count <= acknowledged.count + 1)
            #expect(kept.map(\.text) == (0..<kept.count).map { "n\($0 + 1)" }, "room \(poster.roomId) has a gap")
        }
    }

    /// The messages each room's poster was answered for, in order.
    final class Answered: Sendable {
        private let byRoom = Mutex<[String: [ChatMessage]]>([:])
        func add(_ message: ChatMessage, in roomId: String) { byRoom.withLock { $0[roomId, default: []].append(message) } }
        func messages(in roomId: String) -> [ChatMessage] { byRoom.withLock { $0[roomId] ?? [] } }
        var count: Int { byRoom.withLock { $0.values.reduce(0) { $0 + $1.count } } }
    }
}
