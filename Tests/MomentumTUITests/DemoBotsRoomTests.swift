import Foundation
import SessionModel
import Testing
import TestSupport
@testable import MomentumServerCLI
@testable import MomentumTUI

/// The demo for real: its embedded server, the director's bots driven on the real clock at a
/// fast pace with a fixed seed, and a real client in the room checking that what the director
/// decides reaches the server. What the bots decide, over a whole day, is tested in virtual
/// time by `DemoDirectorTests`. Serialized so that each test can check that its own temporary
/// folder is gone afterwards.
@Suite("Demo bots in a real room", .serialized)
struct DemoBotsRoomTests {
    /// Every answer a bot may give with the floor, whatever the item.
    let answers = Set(DemoScript.Theme.allCases.flatMap(DemoScript.answers))

    @Test(.timeLimit(.minutes(1)))
    func learnersJoinAndChatAndTheSimulatedExpertLeads() async throws {
        try await Demo.withRoom(role: .learner, participants: 3, name: "Observatrice", pace: .fast, seed: 1) { room in
            #expect(room.moderatorKey == nil)
            try await watching(room) { me in try await checkLearnersAndExpert(me, room) }
        }
        #expect(try demoFolders().isEmpty)
    }

    @Test(.timeLimit(.minutes(1)))
    func aBotGivenTheFloorByTheUserAsExpertAnswersOnTheItemsTheme() async throws {
        try await Demo.withRoom(role: .expert, participants: 2, name: "Experte", pace: .fast, seed: 2) { room in
            #expect(room.moderatorKey != nil)
            try await watching(room) { me in try await checkFloorAnswer(me, room) }
        }
        #expect(try demoFolders().isEmpty)
    }

    func checkLearnersAndExpert(_ me: TestClient, _ room: DemoRoom) async throws {
        // Everyone arrives and says something.
        // Generous: the bots speak on a fast clock, and a loaded machine slows them all.
        let lively = await eventually(within: 25) {
            guard let state = me.state else { return false }
            let bots = state.present.filter { $0.role == .learner && $0.name != room.name }
            let authors = Set(state.messages.map(\.authorId))
            return bots.count >= 3 && bots.allSatisfy { authors.contains($0.id) }
        }
        #expect(lively, "present: \(me.state?.present.map(\.name) ?? [])")
        let state = try #require(me.state)
        let sarah = try #require(state.presentParticipant(named: DemoScript.expertName))
        #expect(sarah.role == .expert)
        #expect(state.messages.contains { $0.authorId == sarah.id && $0.text == DemoScript.expertGreeting(name: sarah.name) })
        // Sarah starts the agenda at its first item, and moves it on.
        let events = { me.record.events.map(\.kind) }
        let first = state.agenda[0].id
        #expect(me.record.joined?.state.currentItemId == first || events().contains(.agenda(itemId: first)))
        #expect(await eventually(within: 10) { events().contains(.agenda(itemId: state.agenda[1].id)) })
        // She gives the floor to a raised hand, and whoever gets it answers.
        let answered = await eventually(within: 10) {
            let record = me.record
            return record.events.contains { event in
                guard case .floor(let holder?) = event.kind, event.actor == sarah.id else { return false }
                return record.events.contains {
                    guard case .message(let message) = $0.kind else { return false }
                    return message.authorId == holder && $0.seq > event.seq && answers.contains(message.text)
                }
            }
        }
        #expect(answered)
    }

    func checkFloorAnswer(_ me: TestClient, _ room: DemoRoom) async throws {
        let arrived = await eventually(within: 10) { (me.state?.present.count ?? 0) >= 3 && me.credentials != nil }
        #expect(arrived)
        let state = try #require(me.state)
        let credentials = try #require(me.credentials)
        // Nobody else leads: the user is the only expert.
        #expect(state.present.filter { $0.role == .expert }.map(\.name) == [room.name])
        let seo = try #require(state.agenda.first { DemoScript.Theme(title: $0.title) == .seo })
        _ = try await me.api.moderate(credentials, .agenda, ModerationRequest(itemId: seo.id))
        let bot = try #require(state.present.first { $0.role == .learner })
        let floor = try await me.api.moderate(credentials, .floor, ModerationRequest(participantId: bot.id)).seq
        let seoAnswers = Set(DemoScript.answers(.seo))
        let answered = await eventually(within: 10) {
            me.state?.messages.contains { $0.authorId == bot.id && $0.seq > floor && seoAnswers.contains($0.text) } ?? false
        }
        #expect(answered, "messages: \(me.state?.messages.map(\.text) ?? [])")
    }

    /// A real client in the demo room as the user (with the moderator key as the expert),
    /// stopped whatever `body` does.
    func watching(_ room: DemoRoom, _ body: (TestClient) async throws -> Void) async throws {
        let client = TestClient(url: room.url, name: room.name)
        client.start(code: room.code, moderatorKey: room.moderatorKey)
        do { try await body(client) } catch {
            await client.stop()
            throw error
        }
        await client.stop()
    }

    /// Folders of demos of this process that are still there.
    func demoFolders() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix("momentum-demo-\(getpid())-") }
    }
}
