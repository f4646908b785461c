import Foundation
import SessionModel

/// JSON of known shape, written without Foundation's `JSONEncoder`: what a post writes.
///
/// A post's two answers (`PostMessageResponse` and the `StoredMessageAnswer` kept for its
/// `clientId`) cost 2.6% of the server's CPU through `JSONEncoder`, which builds a tree of
/// boxes and sorts the keys of every object; its event (`messageEvent`) cost more. Here the keys are written in the order the
/// encoder sorts them, and strings are escaped as it escapes them (`WireCoding`: no escaped
/// slash), so the bytes are the encoder's own; a test compares the two, character by
/// character, and fails when `ChatMessage` gains a field (set) that the writer does not write.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private static let hex = Array("0123456789abcdef".utf8)

    init(capacity: Int = 128) {
        bytes.reserveCapacity(capacity)
    }

    var data: Data { Data(bytes) }

    /// A string as `JSONEncoder` writes it: quote and backslash escaped, the usual short
    /// escapes, every other character below U+0020 as `\u00XX` (lowercase hex), the rest as
    /// UTF-8.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x08: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x00..<0x20:
                bytes += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0x0F)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `"name":` after a `{` or a `,` the caller wrote. Names here are plain ASCII words.
    mutating func key(_ name: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes += $0 }
        bytes += [UInt8(ascii: "\""), UInt8(ascii: ":")]
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes += $0 }
    }

    mutating func integer(_ value: Int64) {
        bytes += String(value).utf8
    }

    mutating func bool(_ value: Bool) {
        value ? raw("true") : raw("false")
    }
}

extension JSONWriter {
    /// `PostMessageResponse`, as `WireCoding.encoder()` writes it.
    static func postMessageResponse(_ message: ChatMessage) -> Data {
        var json = JSONWriter(capacity: 160 + message.text.utf8.count)
        json.raw("{")
        json.key("message")
        json.chatMessage(message)
        json.raw("}")
        return json.data
    }

    /// The event of a posted message, as `WireCoding.encoder()` writes `RoomEvent`: the body
    /// the store keeps and the hub sends, for the most common event by far.
    static func messageEvent(_ event: RoomEvent, _ message: ChatMessage) -> Data {
        var json = JSONWriter(capacity: 220 + message.text.utf8.count)
        json.raw("{")
        if let actor = event.actor {
            json.key("actor")
            json.string(actor)
            json.raw(",")
        }
        json.key("at")
        json.string(WireCoding.formatTime(event.at))
        json.raw(",")
        json.key("data")
        json.chatMessage(message)
        json.raw(",")
        json.key("seq")
        json.integer(event.seq)
        json.raw(",")
        json.key("type")
        json.string(event.kind.type)
        json.raw("}")
        return json.data
    }

    /// `StoredMessageAnswer`, as `WireCoding.encoder()` writes it.
    static func storedMessageAnswer(_ answer: StoredMessageAnswer) -> Data {
        var json = JSONWriter(capacity: 32)
        json.raw("{")
        json.key("messageSeq")
        json.integer(answer.messageSeq)
        json.raw("}")
        return json.data
    }

    /// A `ChatMessage` object, keys sorted as the encoder sorts them; a nil `clientId` is
    /// left out, as the synthesized `encodeIfPresent` leaves it out.
    mutating func chatMessage(_ message: ChatMessage) {
        raw("{")
        key("at")
        string(WireCoding.formatTime(message.at))
        raw(",")
        key("authorId")
        string(message.authorId)
        if let clientId = message.clientId {
            raw(",")
            key("clientId")
            string(clientId)
        }
        raw(",")
        key("deleted")
        bool(message.deleted)
        raw(",")
        key("id")
        string(message.id)
        raw(",")
        key("seq")
        integer(message.seq)
        raw(",")
        key("text")
        string(message.text)
        raw("}")
    }
}
