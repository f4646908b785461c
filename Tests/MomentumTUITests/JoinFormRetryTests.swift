import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport
import Widgets
@testable import MomentumTUI

/// A typo in the join code or a taken name goes back to the form with the reason, against a
/// real server, on the in-memory terminal.
@Suite("Back to the join form")
struct JoinFormRetryTests {
    let runner = RunnerTests()

    @Test func aWrongCodeThenATakenNameGoBackToTheFormUntilTheJoinWorks() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let karim = TestClient(url: server.url, name: "Karim")
        karim.start(code: room.code)
        #expect(await eventually { karim.credentials != nil })
        let app = RoomApp(
            url: server.url, join: JoinRequest(code: "WRONG1", name: "Karim"),
            strings: Language.fr.strings, colors: false, ascii: false, bell: true)
        let terminal = MemoryTerminal(width: 80, height: 24, clock: VirtualClock(Date()), script: [
            .waitFor("Ce code ne correspond à aucun atelier"),
            // The code field is focused, filled with what was typed.
            .type([.ctrl("u")] + Array(room.code).map(InputEvent.text) + [.enter]),
            .waitFor("Quelqu'un porte déjà ce nom"),
            .type([.end] + Array(" B").map(InputEvent.text) + [.enter]),
            .waitFor("● en ligne"),
            .type([.ctrl("c")]),
        ])
        let outcome = await runner.run(app, on: terminal, transport: server.engine)

        #expect(terminal.failures.isEmpty, "\(terminal.failures)")
        guard case .quit(let name, _) = outcome else {
            Issue.record("the room ended with \(outcome)")
            return
        }
        #expect(name == "Karim B")
        await karim.stop()
        await server.stop()
    }
}
