import Foundation
import SessionClient
import SessionModel
import Testing
import Widgets
@testable import MomentumTUI

/// Ghosts leave the roster for a collapsed group; a name given up and taken again is told apart.
@Suite("Coming back")
struct ComeBackTests {
    let screen = RoomScreenTests()
    let lived = RoomAsLivedTests()

    @Test func theAbsentGoToACollapsedGroupAndTheExpertCanRemoveAGhost() {
        var model = screen.joined(as: screen.sarah)
        lived.apply(.presence(participantId: screen.chloe.id, presence: .offline), by: nil, to: &model)
        #expect(model.rosterRows == [.person(model.room!.participant(screen.sarah.id)!), .person(model.room!.participant(screen.karim.id)!), .absentGroup(count: 1)])
        var text = lived.text(&model)
        #expect(text.contains("Participants 2/3"), "here / expected")
        var narrow = model
        narrow.size = Size(width: 80, height: 24)
        #expect(lived.text(&narrow).contains("Programme │ Ici 2/3"), "the count shows in the tab at 80 columns")
        #expect(text.contains("▸ absent·e·s (1)"))
        #expect(!text.contains("Chloé"))
        _ = model.submit("/qui")
        #expect(model.notice == "Sarah, Karim · absent·e·s (1) : Chloé")

        model.focus = .people
        _ = model.update(.input(.down))
        _ = model.update(.input(.down))
        #expect(model.update(.input(.enter)) == [], "Enter on the group opens it")
        text = lived.text(&model)
        #expect(text.contains("▾ absent·e·s (1)") && text.contains("○ Chloé"))
        _ = model.update(.input(.down))
        #expect(model.selectedPerson?.id == screen.chloe.id)
        _ = model.update(.input(.alt("x")))
        #expect(model.removal?.participant.id == screen.chloe.id, "the expert can remove a ghost")
    }

    @Test func anEarlierSeatsMessagesAreToldApartWhenTheNameIsTakenAgain() {
        var model = screen.joined(as: screen.karim)
        let message = ChatMessage(id: "m1", seq: 5, authorId: screen.chloe.id, text: "à tout à l'heure", at: RoomScreenTests.at)
        lived.apply(.message(message), by: screen.chloe.id, to: &model)
        lived.apply(.left(participantId: screen.chloe.id), by: screen.chloe.id, to: &model)
        #expect(lived.text(&model).contains("Chloé à tout à l'heure"))
        let again = Participant(id: "p_chloe2", name: "Chloé", role: .learner, joinedAt: RoomScreenTests.at)
        lived.apply(.joined(again), by: again.id, to: &model)
        #expect(lived.text(&model).contains("Chloé (avant) à tout à l'heure"))
    }
}
