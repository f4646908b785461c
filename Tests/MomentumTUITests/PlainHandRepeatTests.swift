import Foundation
import SessionClient
import SessionModel
import Testing
@testable import MomentumTUI

@Suite("Plain mode: repeated hand changes")
struct PlainHandRepeatTests {
    let screen = RoomScreenTests()

    @Test func oneBatchOfTogglesByOnePersonIsOneSentenceWithTheCount() {
        for (language, expected) in [(Language.fr, "Chloé lève la main (1re dans la file) (3 fois)"), (.en, "Chloé raises a hand (1st in line) (3 times)")] {
            var transcript = PlainTranscript(strings: language.strings)
            var room = screen.state()
            _ = transcript.joined(JoinResponse(token: "t", participant: screen.karim, room: room.room, state: room, cursor: "c4", pollTimeout: 25))
            let kinds: [RoomEvent.Kind] = [
                .handRaised(participantId: screen.chloe.id), .handLowered(participantId: screen.chloe.id), .handRaised(participantId: screen.chloe.id),
                .handRaised(participantId: screen.karim.id),
            ]
            var events: [RoomEvent] = []
            for kind in kinds {
                let event = RoomEvent(seq: room.seq + 1, at: RoomScreenTests.at, actor: nil, kind: kind)
                room.apply(event)
                events.append(event)
            }
            let printed = transcript.show(events, in: room)
            #expect(printed.count == 2, "\(printed)")
            #expect(printed.first?.hasSuffix(expected) == true, "\(printed)")
            // Karim's change, after Chloé's, is a sentence of its own, with no count.
            #expect(printed.last?.contains("Karim") == true && printed.last?.contains("fois") == false && printed.last?.contains("times") == false, "\(printed)")
        }
    }
}
