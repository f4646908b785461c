import Foundation
import SessionClient
import SessionModel
import Testing
import Widgets
@testable import MomentumTUI

extension RoomScreenTests {
    /// States name present participants and those they refer to; an older message's author
    /// who left long ago comes with the history page.
    @Test func olderMessagesFetchedBackShowTheirAuthorsNameFromThePage() {
        var model = joined(as: karim, size: Size(width: 80, height: 24))
        for n in 0..<30 { _ = apply(.message(ChatMessage(id: "h\(n)", seq: 5 + Int64(n), authorId: chloe.id, text: "message \(n)", at: Self.at)), to: &model) }
        _ = rows(&model)
        for _ in 0..<10 { _ = model.update(.input(.pageUp)) }
        let gone = Participant(id: "p_gone", name: "Dominique", role: .learner, membership: .left, joinedAt: Self.at)
        let older = [ChatMessage(id: "old0", seq: 1, authorId: gone.id, text: "il y a longtemps", at: Self.at)]
        _ = model.update(.history(MessagesResponse(messages: older, hasMore: false, authors: [gone])))
        _ = rows(&model)
        for _ in 0..<10 { _ = model.update(.input(.pageUp)) }
        let screen = rows(&model).joined(separator: "\n")
        #expect(screen.contains("Dominique il y a longtemps"), "\(screen)")
        #expect(model.room?.participant(gone.id) == nil, "the state itself stays the server's")
    }
}
