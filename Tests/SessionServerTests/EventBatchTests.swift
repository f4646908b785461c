import Foundation
import NIOCore
import SessionModel
import Testing
@testable import SessionServer

/// Answers built from events encoded once are the bytes `JSONEncoder` gives the whole answer.
@Suite("Event batches")
struct EventBatchTests {
    let at = Date(timeIntervalSince1970: 1_795_000_000.123)

    var events: [RoomEvent] {
        [
            RoomEvent(seq: 7, at: at, actor: "p_1", kind: .joined(Participant(id: "p_1", name: "Léa \"la\" / 🎤?", role: .learner, joinedAt: at))),
            RoomEvent(seq: 8, at: at, actor: "p_1", kind: .message(ChatMessage(id: "m_1", seq: 8, authorId: "p_1", text: "ligne 1\nligne 2 \\ « é » 👍", at: at, clientId: "c1"))),
            RoomEvent(seq: 9, at: at, actor: nil, kind: .locked(true)),
        ]
    }

    func text(_ buffer: ByteBuffer) -> String { String(buffer: buffer) }

    /// The cached bytes are the stored bodies (`AppendBatch.bodies`, encoded once per commit):
    /// an answer built from them is what the encoder gives the whole answer.
    @Test func anAnswerFromCachedBytesEqualsTheEncoderOfTheWholeAnswer() throws {
        let expected = try WireCoding.encoder().encode(EventsResponse(events: events, cursor: "c9"))
        let viewer = Viewer(participantId: "p_2", role: .learner)
        let stored = try AppendBatch(roomId: "r1", after: 6, events: events).bodies
        let cached = EventBatch.answer(events, bytes: EventBatch.publicBytes(of: events, bodies: stored)[...], cursor: 9, for: viewer)
        let fresh = EventBatch.answer(events, cursor: 9, for: viewer)
        #expect(text(cached) == String(decoding: expected, as: UTF8.self))
        #expect(text(fresh) == text(cached))
        let empty = try WireCoding.encoder().encode(EventsResponse(events: [], cursor: "c9"))
        #expect(text(EventBatch.empty(cursor: 9)) == String(decoding: empty, as: UTF8.self))
    }

    @Test func aPrivateEventIsNeverTakenFromTheCacheButShapedForItsViewer() throws {
        let question = Question(id: "q_1", askerId: "p_1", text: "secret", anonymous: false, askedAt: at, published: false)
        let asked = RoomEvent(seq: 10, at: at, actor: "p_1", kind: .questionAsked(question))
        let bytes = EventBatch.publicBytes(of: [asked], bodies: try AppendBatch.bodies(of: [asked]))
        #expect(bytes == [nil])
        let other = text(EventBatch.answer([asked], bytes: bytes[...], cursor: 10, for: Viewer(participantId: "p_2", role: .learner)))
        #expect(!other.contains("secret"))
        #expect(other.contains("\"hidden\""))
        let asker = text(EventBatch.answer([asked], bytes: bytes[...], cursor: 10, for: Viewer(participantId: "p_1", role: .learner)))
        #expect(asker.contains("secret"))
    }
}
