import Foundation
import SessionModel
import Testing
@testable import MomentumTUI

@Suite("Demo workshop")
struct DemoWorkshopTests {
    @Test func theBuiltInWorkshopIsTheExampleFile() throws {
        let file = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/les-metiers-du-web.json")
        let example = try WireCoding.decoder().decode(CreateRoomRequest.self, from: Data(contentsOf: file))
        #expect(DemoWorkshop.request == example)
        #expect(Set(example.agenda.map(\.day)) == [1, 2, 3, 4, 5])
    }

    @Test func aWorkshopFileThatIsNotOneSaysWhatItNeeds() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-workshop-\(UUID().uuidString).json").path
        try Data(#"{"name": "x"}"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: (any Error).self) { try WorkshopFile.load(path) }
        #expect(throws: (any Error).self) { try WorkshopFile.load("/nonexistent/workshop.json") }
    }
}
