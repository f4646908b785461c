import Foundation
import SessionClient
import SessionModel
import Testing
import Widgets
@testable import MomentumTUI

/// Seat claims on the screen: the expert's question and one-key answers, the newcomer's wait,
/// and plain mode's header with each role's own commands.
@Suite("Seat claims on the screen")
struct SeatClaimScreenTests {
    let screen = RoomScreenTests()
    let lived = RoomAsLivedTests()
    let at = RoomScreenTests.at

    func claim(_ id: String = "c1") -> SeatClaim {
        SeatClaim(id: id, participantId: screen.karim.id, at: at, expiresAt: at.addingTimeInterval(60))
    }

    @Test func theExpertIsAskedAndAnswersInOneKeyEitherWay() {
        var model = screen.joined(as: screen.sarah, size: Size(width: 80, height: 24))
        lived.apply(.presence(participantId: screen.karim.id, presence: .offline), by: nil, to: &model)
        let (event, room) = screen.event(.seatClaimed(claim()), in: model)
        let effects = model.update(.stream(.update(state: room, events: [event], reloaded: false)))
        #expect(effects.contains(.bell))
        let text = lived.text(&model)
        #expect(text.contains(" Karim revient d'un autre ordinateur ? Alt-O rendre sa place · Alt-R refuser"), "\(text)")
        #expect(text.contains("Quelqu'un demande la place de Karim"))
        #expect(text.contains("ou Alt-O la lui rend, F12 ou Alt-R refuse"), "the chat names every key")
        #expect(model.update(.input(.alt("o"))) == [.moderate(.acceptClaim, ModerationRequest(claimId: "c1"))])
        #expect(model.update(.input(.function(12))) == [.moderate(.refuseClaim, ModerationRequest(claimId: "c1"))])
        // Once answered, the question goes and the chat says who did what.
        lived.apply(.seatGranted(claimId: "c1", participantId: screen.karim.id), by: screen.sarah.id, to: &model)
        let after = lived.text(&model)
        #expect(!after.contains("revient d'un autre ordinateur ?"))
        #expect(after.contains("Sarah rend sa place à Karim"))
        #expect(model.update(.input(.alt("o"))) == [])
        #expect(model.notice == "Personne ne demande de place en ce moment.")
    }

    @Test func learnersSeeNoQuestionAndCannotAnswer() {
        var model = screen.joined(as: screen.chloe, language: .en)
        let (event, room) = screen.event(.seatClaimed(claim()), in: model)
        _ = model.update(.stream(.update(state: room, events: [event], reloaded: false)))
        let text = lived.text(&model)
        #expect(!text.contains("another computer"), "\(text)")
        #expect(model.update(.input(.alt("o"))) != [.moderate(.acceptClaim, ModerationRequest(claimId: "c1"))])
        _ = model.submit("/accept")
        #expect(model.notice?.contains("/accept") == true, "an expert command is unknown to a learner")
    }

    @Test func theNewcomerWaitsWithASentenceThenLearnsTheOutcome() {
        var model = RoomModel(strings: Language.en.strings, theme: .color, size: Size(width: 80, height: 24), now: at)
        _ = model.update(.stream(.seatClaim(.waiting(name: "Karim", until: at.addingTimeInterval(60)))))
        var text = lived.text(&model)
        #expect(text.contains("Karim is away from the room: asking the"), "\(text)")
        #expect(text.contains(" Waiting for the expert's answer… 60 s"))
        #expect(model.nextWake(after: at) == at.addingTimeInterval(1), "the countdown moves each second")
        _ = model.update(.tick(at.addingTimeInterval(20)))
        text = lived.text(&model)
        #expect(text.contains("answer… 40 s"), "\(text)")
        _ = model.update(.stream(.seatClaim(.refused(name: "Karim", given: "Karim (2)"))))
        var joined = screen.joined(as: screen.chloe, language: .en)
        joined.claimOutcome = model.claimOutcome
        _ = joined.update(.stream(.update(state: joined.room!, events: [], reloaded: true)))
        #expect(lived.text(&joined).contains("The expert did not confirm that you are Karim: in this"), "\(lived.text(&joined))")
        #expect(joined.claimOutcome == nil, "said once")
    }

    @Test func plainModesHeaderGivesEachRoleItsOwnCommands() {
        let room = screen.state()
        for (me, expert) in [(screen.sarah, true), (screen.karim, false)] {
            var transcript = PlainTranscript(strings: .french)
            let header = transcript.joined(JoinResponse(token: "t", participant: me, room: room.room, state: room, cursor: "c4", pollTimeout: 25))[0]
            #expect(header.contains("/main, /qui"))
            #expect(header.contains("/parole") == expert, "\(header)")
            #expect(header.contains("/accepter") == expert)
        }
    }
}
