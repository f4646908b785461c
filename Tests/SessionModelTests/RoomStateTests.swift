import Foundation
import SessionModel
import Testing

@Suite("RoomState.apply")
struct RoomStateTests {
    @Test func joinsKeepTheirOrderAndRole() {
        var room = RoomScript()
        room.join("p1", "Sarah", role: .expert)
        room.join("p2", "Karim")
        #expect(room.state.present.map(\.name) == ["Sarah", "Karim"])
        #expect(room.state.participant("p1")?.role == .expert)
        #expect(room.state.seq == 2)
    }

    @Test func handsQueueInTheOrderRaised() {
        var room = RoomScript()
        room.join("p1", "Karim")
        room.join("p2", "Chloé")
        room.join("p3", "Dominique")
        room.apply(.handRaised(participantId: "p2"))
        room.apply(.handRaised(participantId: "p1"))
        room.apply(.handRaised(participantId: "p2"))
        room.apply(.handRaised(participantId: "p3"))
        #expect(room.state.hands == ["p2", "p1", "p3"])
        #expect(room.state.handPlace(of: "p1") == 2)
        room.apply(.handLowered(participantId: "p2"))
        #expect(room.state.handPlace(of: "p1") == 1)
        room.apply(.allHandsLowered)
        #expect(room.state.hands.isEmpty)
    }

    @Test func givingTheFloorTakesTheHandOutOfTheQueue() {
        var room = RoomScript()
        room.join("p1", "Karim")
        room.join("p2", "Chloé")
        room.apply(.handRaised(participantId: "p1"))
        room.apply(.handRaised(participantId: "p2"))
        room.apply(.floor(participantId: "p1"))
        #expect(room.state.floor == "p1")
        #expect(room.state.hands == ["p2"])
        room.apply(.floor(participantId: nil))
        #expect(room.state.floor == nil)
    }

    @Test func leavingOrRemovalClearsHandAndFloor() {
        var room = RoomScript()
        room.join("p1", "Karim")
        room.join("p2", "Chloé")
        room.apply(.handRaised(participantId: "p1"))
        room.apply(.floor(participantId: "p2"))
        room.apply(.removed(participantId: "p2"))
        room.apply(.left(participantId: "p1"))
        #expect(room.state.floor == nil)
        #expect(room.state.hands.isEmpty)
        #expect(room.state.present.isEmpty)
        #expect(room.state.participant("p2")?.membership == .removed)
        #expect(room.state.participant("p1")?.presence == .offline)
    }

    @Test func aRepeatedEventChangesNothing() {
        var room = RoomScript()
        room.join("p1", "Karim")
        let message = room.event(.message(ChatMessage(id: "m1", seq: 2, authorId: "p1", text: "Bonjour", at: room.start)))
        #expect(room.state.apply(message) == .applied)
        #expect(room.state.apply(message) == .duplicate)
        #expect(room.state.messages.count == 1)
    }

    @Test func aGapIsReportedAndNotApplied() {
        var room = RoomScript()
        room.join("p1", "Karim")
        let late = room.event(.locked(true), seq: 5)
        #expect(room.state.apply(late) == .gap(expected: 2, got: 5))
        #expect(room.state.locked == false)
        #expect(room.state.seq == 1)
    }

    @Test func recentMessagesAreCapped() {
        var room = RoomScript()
        room.join("p1", "Karim")
        for i in 0..<(Limits.stateMessages + 5) { room.say("p1", "message \(i)", messageId: "m\(i)") }
        #expect(room.state.messages.count == Limits.stateMessages)
        #expect(room.state.messages.last?.text == "message \(Limits.stateMessages + 4)")
        #expect(room.state.messages.first?.text == "message 5")
    }

    @Test func deletingAMessageBlanksIt() {
        var room = RoomScript()
        room.join("p1", "Karim")
        room.say("p1", "oups", messageId: "m1")
        room.apply(.messageDeleted(messageId: "m1"))
        #expect(room.state.messages.first?.deleted == true)
        #expect(room.state.messages.first?.text == "")
    }

    @Test func agendaMovesOnlyToKnownItems() {
        var room = RoomScript()
        room.apply(.agenda(itemId: "a2"))
        #expect(room.state.currentItem?.title == "UX design")
        #expect(room.state.currentItemSince == room.start.addingTimeInterval(1))
        room.apply(.agenda(itemId: "nope"))
        #expect(room.state.currentItemId == "a2")
    }

    @Test func muteLockPresenceAndUnknownEvents() {
        var room = RoomScript()
        room.join("p1", "Karim")
        room.apply(.muted(participantId: "p1", muted: true))
        room.apply(.locked(true))
        room.apply(.presence(participantId: "p1", presence: .away))
        #expect(room.state.participant("p1")?.muted == true)
        #expect(room.state.participant("p1")?.presence == .away)
        #expect(room.state.locked)
        let before = room.state
        #expect(room.apply(.unknown(type: "poll_started")) == .applied)
        #expect(room.state.seq == before.seq + 1)
        #expect(room.state.participants == before.participants)
    }

    @Test func namesCompareWithoutCaseOrAccents() {
        var room = RoomScript()
        room.join("p1", "Chloé")
        #expect(room.state.presentParticipant(named: "CHLOE")?.id == "p1")
        #expect(room.state.presentParticipant(named: "Chloe ")?.id == nil)
    }
}
