import SessionClient
import SessionModel
import Testing
@testable import MomentumTUI

/// Moderation goes through the room session's queue: the screen says when it waits.
@Suite("Moderation in the queue")
struct ModerationQueueTests {
    @Test func aModerationWaitingForTheNetworkIsSaidAndARefusalInTheUsersLanguage() {
        let screen = RoomScreenTests()
        var model = screen.joined(as: screen.sarah)
        var outbox = Outbox()
        let id = outbox.enqueue(.moderation(.lock, ModerationRequest(locked: true)), clientId: "m1")
        _ = outbox.next()
        outbox.failedForNow(id, reason: "the server could not be reached")
        _ = model.update(.outbox(outbox))
        #expect(model.notice == "1 action en attente du réseau : elle partira dès son retour.")
        _ = outbox.next()
        outbox.refused(id, error: .server(status: 403, code: "room_locked", message: "locked", retryAfter: nil))
        let effects = model.update(.outbox(outbox))
        #expect(model.notice?.hasPrefix("L'expert·e a verrouillé") == true)
        #expect(effects == [.log("moderation lock refused: locked")])
        #expect(model.update(.outbox(outbox)) == [], "said once")
    }

    @Test func deletingFromSomeoneWithoutMessagesSaysSo() {
        let screen = RoomScreenTests()
        var model = screen.joined(as: screen.sarah)
        #expect(model.submit("/supprimer Chloé") == [])
        #expect(model.notice == "Chloé n'a pas de message à supprimer.")
    }
}
