public import Foundation
public import SessionModel

/// Reads a long-poll answer, with a fast path for the common case: a batch of chat messages
/// exactly as the server writes them (`JSONWriter.messageEvent`, the encoder's sorted keys).
///
/// Foundation's `JSONDecoder` was 14% of the client's CPU in a chat flood: it builds a tree
/// of every answer before the `Codable` initialisers walk it. A batch whose every event is a
/// message in the server's layout, with strings that need no unescaping, is read here byte
/// by byte; anything else (another event kind, an escaped quote or newline, whitespace, a
/// field this build does not know) goes to `JSONDecoder` whole, so the result is always the
/// decoder's: the fast path only accepts what it reads exactly as the decoder would (tested
/// against it).
public enum EventsReader {
    /// The answer in `data`, as `WireCoding.decoder()` decodes `EventsResponse`.
    public static func decode(_ data: Data) throws -> EventsResponse {
        if let fast = fast(data) { return fast }
        return try WireCoding.decoder().decode(EventsResponse.self, from: data)
    }

    /// The answer when every event is a message in the server's layout; nil otherwise.
    public static func fast(_ data: Data) -> EventsResponse? {
        data.withUnsafeBytes { raw in
            var reader = Reader(bytes: raw.bindMemory(to: UInt8.self))
            return reader.batch()
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        /// `{"cursor":"…","events":[…]}` and nothing after it.
        mutating func batch() -> EventsResponse? {
            guard literal("{\"cursor\":"), let cursor = string(), literal(",\"events\":[") else { return nil }
            var events: [RoomEvent] = []
            if !literal("]") {
                repeat {
                    guard let event = message() else { return nil }
                    events.append(event)
                } while literal(",")
                guard literal("]") else { return nil }
            }
            guard literal("}"), at == bytes.count else { return nil }
            return EventsResponse(events: events, cursor: cursor)
        }

        /// `{"actor":…,"at":…,"data":{…},"seq":…,"type":"message"}`, the actor optional.
        mutating func message() -> RoomEvent? {
            guard literal("{") else { return nil }
            var actor: String?
            if literal("\"actor\":") {
                guard let text = string(), literal(",") else { return nil }
                actor = text
            }
            guard literal("\"at\":"), let at = time(), literal(",\"data\":"), let message = chatMessage(),
                  literal(",\"seq\":"), let seq = integer(), literal(",\"type\":\"message\"}")
            else { return nil }
            return RoomEvent(seq: seq, at: at, actor: actor, kind: .message(message))
        }

        /// `ChatMessage` as the encoder writes it: keys sorted, `clientId` only when set.
        mutating func chatMessage() -> ChatMessage? {
            guard literal("{\"at\":"), let at = time(), literal(",\"authorId\":"), let authorId = string(), literal(",")
            else { return nil }
            var clientId: String?
            if literal("\"clientId\":") {
                guard let text = string(), literal(",") else { return nil }
                clientId = text
            }
            guard literal("\"deleted\":"), let deleted = boolean(), literal(",\"id\":"), let id = string(),
                  literal(",\"seq\":"), let seq = integer(), literal(",\"text\":"), let text = string(), literal("}")
            else { return nil }
            return ChatMessage(id: id, seq: seq, authorId: authorId, text: text, at: at, deleted: deleted, clientId: clientId)
        }

        /// Consumes `text` when the bytes at the cursor are exactly it.
        mutating func literal(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard bytes.count - at >= count else { return false }
            let start = text.utf8Start
            for offset in 0..<count where bytes[at + offset] != start[offset] { return false }
            at += count
            return true
        }

        /// A string with nothing to unescape: no backslash, no control character (which the
        /// decoder refuses), valid UTF-8 (which it checks too); nil for any other.
        mutating func string() -> String? {
            guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { return nil }
            let start = at + 1
            var end = start
            var ascii = true
            while end < bytes.count {
                let byte = bytes[end]
                if byte == UInt8(ascii: "\"") { break }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                if byte >= 0x80 { ascii = false }
                end += 1
            }
            guard end < bytes.count else { return nil }
            at = end + 1
            let text = UnsafeBufferPointer(rebasing: bytes[start..<end])
            // String(validating:) takes the standard library's generic path (3% of a flood's
            // CPU); ASCII, most of a chat, cannot be invalid and is copied as it is.
            return ascii ? String(decoding: text, as: UTF8.self) : String(validating: text, as: UTF8.self)
        }

        /// A time as `WireCoding.decoder()` reads it.
        mutating func time() -> Date? {
            string().flatMap(WireCoding.parseTime)
        }

        /// Decimal digits, an optional minus first, no leading zero, within Int64.
        mutating func integer() -> Int64? {
            var index = at
            let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
            if negative { index += 1 }
            let first = index
            var value: Int64 = 0
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                let digit = Int64(bytes[index] - UInt8(ascii: "0"))
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
                guard !overflow1, !overflow2 else { return nil }
                value = sum
                index += 1
            }
            let digits = index - first
            guard digits > 0, !(digits > 1 && bytes[first] == UInt8(ascii: "0")) else { return nil }
            // "1.0" or "1e3" is a number the decoder reads its own way.
            if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) { return nil }
            at = index
            return value
        }

        mutating func boolean() -> Bool? {
            if literal("true") { return true }
            if literal("false") { return false }
            return nil
        }
    }
}
