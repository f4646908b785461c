import Foundation
import SessionClient
import SessionModel
import Testing
import Widgets
@testable import MomentumTUI

extension RoomScreenTests {
    @Test func repeatedHandTogglesByOnePersonCollapseIntoOneLine() {
        var model = joined(as: karim)
        for raised in [true, false, true] {
            _ = apply(raised ? .handRaised(participantId: chloe.id) : .handLowered(participantId: chloe.id), to: &model)
        }
        var screen = rows(&model)
        let handLines = screen.filter { $0.contains("Chloé lève la main") || $0.contains("Chloé baisse la main") }
        #expect(handLines.count == 1, "\(screen.joined(separator: "\n"))")
        #expect(handLines.first?.contains("Chloé lève la main (1re dans la file) (×3)") == true, "\(screen.joined(separator: "\n"))")

        // Something else said in between: the next change has a line of its own.
        _ = apply(.message(ChatMessage(id: "m1", seq: model.room!.seq + 1, authorId: sarah.id, text: "Oui Chloé ?", at: Self.at)), to: &model)
        _ = apply(.handLowered(participantId: chloe.id), to: &model)
        screen = rows(&model)
        #expect(screen.contains { $0.contains("Chloé baisse la main") && !$0.contains("×") })

        // Long after, a change is a new line too.
        var room = model.room!
        let later = RoomEvent(seq: room.seq + 1, at: Self.at.addingTimeInterval(600), actor: chloe.id, kind: .handRaised(participantId: chloe.id))
        room.apply(later)
        _ = model.update(.stream(.update(state: room, events: [later], reloaded: false)))
        screen = rows(&model)
        #expect(screen.filter { $0.contains("Chloé lève la main") }.count == 2)
    }

    @Test func repeatedTogglesSayTheCountInEnglishToo() {
        var model = joined(as: sarah, size: Size(width: 80, height: 24), language: .en)
        for raised in [true, false, true, false] {
            _ = apply(raised ? .handRaised(participantId: karim.id) : .handLowered(participantId: karim.id), to: &model)
        }
        let screen = rows(&model)
        #expect(screen.filter { $0.contains("Karim") && $0.contains("hand") }.count == 1)
        #expect(screen.contains { $0.contains("Karim lowers a hand (×4)") })
    }
}
