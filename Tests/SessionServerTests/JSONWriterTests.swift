import Foundation
import SessionModel
import Testing
@testable import SessionServer

/// The post's answers written by hand are `JSONEncoder`'s bytes, for every character.
@Suite("JSON writer")
struct JSONWriterTests {
    let at = Date(timeIntervalSince1970: 1_795_000_000.123)

    /// The writer's string against the encoder's, as bytes, and read back by the decoder.
    func check(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var json = JSONWriter()
        json.string(text)
        let expected = try WireCoding.encoder().encode(text)
        #expect(json.bytes == Array(expected), "\(text.debugDescription)", sourceLocation: sourceLocation)
        #expect(try WireCoding.decoder().decode(String.self, from: json.data) == text, sourceLocation: sourceLocation)
    }

    /// Every escape happens below U+0080: each ASCII character alone and beside every other.
    @Test func everyPairOfASCIICharactersIsEscapedAsTheEncoderEscapesIt() throws {
        let ascii = (0..<0x80).map { String(Character(Unicode.Scalar(UInt8($0)))) }
        for first in ascii {
            try check(first)
            for second in ascii { try check(first + second) }
        }
    }

    /// A message's event, with and without an actor, for texts that hold every escape.
    @Test func aMessagesEventIsTheEncodersBytes() throws {
        let texts = ["", "Bonjour !", "ligne 1\nligne 2\t\"citée\" \\ / « é » 👍🏽 e\u{301}", String((0..<0x80).map { Character(Unicode.Scalar(UInt8($0))) })]
        for text in texts {
            for actor in [nil, "p_1"] as [String?] {
                let message = ChatMessage(id: "m_1", seq: 12, authorId: "p_1", text: text, at: at, clientId: "c1")
                let event = RoomEvent(seq: 12, at: Date(timeIntervalSince1970: 1_795_000_000.124), actor: actor, kind: .message(message))
                let written = JSONWriter.messageEvent(event, message)
                #expect(written == (try WireCoding.encoder().encode(event)), "\(text.debugDescription)")
                #expect(try WireCoding.decoder().decode(RoomEvent.self, from: written) == event)
                #expect(try AppendBatch.bodies(of: [event, RoomEvent(seq: 13, at: at, actor: nil, kind: .locked(true))])[0] == written)
            }
        }
    }

    /// Every Unicode scalar, 64 to a string (surrogates are not scalars).
    @Test func everyUnicodeScalarIsWrittenAsTheEncoderWritesIt() throws {
        let scalars = (0...0x10FFFF).compactMap(Unicode.Scalar.init(_:))
        var start = 0
        while start < scalars.count {
            let chunk = scalars[start..<min(scalars.count, start + 64)]
            var text = ""
            text.unicodeScalars.append(contentsOf: chunk)
            try check(text)
            start += 64
        }
    }

    @Test func aPostsAnswersAreTheEncodersBytes() throws {
        let texts = ["", "Bonjour !", "ligne 1\nligne 2\t\"citée\" \\ / « é » 👍🏽 e\u{301}", "\u{0}\u{1F}\u{7F}\u{2028}"]
        for text in texts {
            for clientId in [nil, "c-1/x"] as [String?] {
                for deleted in [false, true] {
                    let message = ChatMessage(id: "m_\"1", seq: 9_007_199_254_740_993, authorId: "p_1", text: text, at: at, deleted: deleted, clientId: clientId)
                    let written = JSONWriter.postMessageResponse(message)
                    #expect(written == (try WireCoding.encoder().encode(PostMessageResponse(message: message))))
                    #expect(try WireCoding.decoder().decode(PostMessageResponse.self, from: written) == PostMessageResponse(message: message))
                }
            }
        }
        for seq: Int64 in [0, 1, 42, .max] {
            let answer = StoredMessageAnswer(messageSeq: seq)
            #expect(JSONWriter.storedMessageAnswer(answer) == (try WireCoding.encoder().encode(answer)))
            #expect(try WireCoding.decoder().decode(StoredMessageAnswer.self, from: JSONWriter.storedMessageAnswer(answer)) == answer)
        }
    }
}
