import SessionClient
import Testing

@Suite("Outbox")
struct OutboxTests {
    @Test func itemsGoOutOneAtATimeInOrder() {
        var outbox = Outbox()
        let a = outbox.enqueue(.message("un"), clientId: "a")
        let b = outbox.enqueue(.message("deux"), clientId: "b")
        #expect(outbox.next()?.id == a)
        #expect(outbox.next() == nil, "a second send while one is in flight")
        outbox.sent(a, messageId: "m1")
        #expect(outbox.next()?.id == b)
    }

    @Test func aPassingFailureKeepsItsPlaceAndItsClientId() {
        var outbox = Outbox()
        let a = outbox.enqueue(.message("un"), clientId: "a")
        outbox.enqueue(.message("deux"), clientId: "b")
        _ = outbox.next()
        outbox.failedForNow(a, reason: "the server could not be reached")
        let again = outbox.next()
        #expect(again?.id == a)
        #expect(again?.attempts == 1)
        #expect(again?.lastError == "the server could not be reached")
    }

    @Test func aRefusalIsShownAndTheQueueMovesOn() {
        var outbox = Outbox()
        let a = outbox.enqueue(.message("un"), clientId: "a")
        let b = outbox.enqueue(.message("deux"), clientId: "b")
        _ = outbox.next()
        outbox.refused(a, reason: "The expert has muted you.")
        #expect(outbox.items.first?.status == .failed(reason: "The expert has muted you."))
        #expect(outbox.next()?.id == b)
        outbox.sent(b)
        outbox.retry(a)
        #expect(outbox.items.last?.id == a)
        #expect(outbox.next()?.id == a)
        #expect(outbox.unsent.map(\.id) == [a])
    }
}
