import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// The long-poll answer's fast path reads exactly what `JSONDecoder` reads, or leaves it to it.
@Suite("Reading poll answers")
struct EventsReaderTests {
    let t0 = Date(timeIntervalSince1970: 1_795_000_000.123)

    func message(_ seq: Int64, text: String, actor: String? = "p-1", clientId: String? = nil, deleted: Bool = false) -> RoomEvent {
        let chat = ChatMessage(id: "m-\(seq)", seq: seq, authorId: actor ?? "p-0", text: text, at: t0.addingTimeInterval(Double(seq % 100_000)),
                               deleted: deleted, clientId: clientId)
        return RoomEvent(seq: seq, at: t0.addingTimeInterval(Double(seq % 100_000)), actor: actor, kind: .message(chat))
    }

    func wire(_ events: [RoomEvent], cursor: String = "c42") throws -> Data {
        try WireCoding.encoder().encode(EventsResponse(events: events, cursor: cursor))
    }

    func decoded(_ data: Data) throws -> EventsResponse {
        try WireCoding.decoder().decode(EventsResponse.self, from: data)
    }

    @Test func aBatchOfMessagesIsReadWithoutTheDecoderAndEqualsIt() throws {
        let events = [
            message(1, text: "bonjour à tous"),
            message(2, text: "", actor: nil),
            message(3, text: "with a client id", clientId: "6f1c2d3e-0000-4000-8000-000000000001"),
            message(4, text: "", deleted: true),
            message(Int64.max, text: "漢字 and 👩🏽‍💻 and e\u{301}"),
            message(0, text: "'single' quotes, /slashes/ and {braces} [brackets], commas"),
        ]
        let data = try wire(events)
        let fast = try #require(EventsReader.fast(data))
        #expect(fast == (try decoded(data)))
        #expect(fast.events == events)
        #expect(fast.cursor == "c42")
        #expect(EventsReader.fast(try wire([])) == EventsResponse(events: [], cursor: "c42"))
    }

    @Test func everyScalarOfAMessageReadsAsTheDecoderReadsIt() throws {
        // Each printable ASCII character, controls, and scalars from every UTF-8 length.
        var scalars = (0..<0x80).compactMap(Unicode.Scalar.init)
        scalars += [0xA0, 0xE9, 0x7FF, 0x800, 0x2028, 0x2029, 0xFEFF, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF].compactMap(Unicode.Scalar.init)
        for scalar in scalars {
            let text = "a" + String(Character(scalar)) + "z"
            let data = try wire([message(7, text: text, actor: text, clientId: text)])
            let fast = EventsReader.fast(data)
            // What needs unescaping (quote, backslash, controls) is the decoder's; the rest is read here.
            let escaped = scalar == "\"" || scalar == "\\" || scalar.value < 0x20
            #expect((fast == nil) == escaped, "U+\(String(scalar.value, radix: 16))")
            #expect(try EventsReader.decode(data) == decoded(data), "U+\(String(scalar.value, radix: 16))")
            #expect(try EventsReader.decode(data).events.first.flatMap { if case .message(let m) = $0.kind { m.text } else { nil } } == text)
        }
    }

    @Test func otherEventsAndOtherLayoutsGoToTheDecoder() throws {
        let joined = RoomEvent(seq: 2, at: t0, actor: nil, kind: .handRaised(participantId: "p-1"))
        let mixed = try wire([message(1, text: "hi"), joined, message(3, text: "there")])
        #expect(EventsReader.fast(mixed) == nil)
        #expect(try EventsReader.decode(mixed) == decoded(mixed))
        // Whitespace, another key order, an unknown field, a number the decoder reads its own way.
        let plain = String(decoding: try wire([message(1, text: "hi")]), as: UTF8.self)
        for variant in [
            plain.replacingOccurrences(of: "\"events\":[", with: "\"events\": ["),
            plain.replacingOccurrences(of: "\"deleted\":false,", with: "\"deleted\":false,\"edited\":true,"),
            plain.replacingOccurrences(of: ",\"seq\":1,\"type\"", with: ",\"seq\":1.0,\"type\""),
            "{\"events\":[],\"cursor\":\"c1\"}",
        ] {
            let data = Data(variant.utf8)
            #expect(EventsReader.fast(data) == nil, "\(variant)")
            #expect(try EventsReader.decode(data) == decoded(data), "\(variant)")
        }
    }

    @Test func aBrokenAnswerIsRefusedAsByTheDecoder() throws {
        let plain = try wire([message(1, text: "hi")])
        for broken in [plain.dropLast(), plain + Data("x".utf8), Data("{\"cursor\":\"c1\",\"events\":[{}]}".utf8), Data(), Data([0xFF])] {
            #expect(EventsReader.fast(Data(broken)) == nil)
            #expect(throws: (any Error).self) { try EventsReader.decode(Data(broken)) }
            #expect(throws: (any Error).self) { try decoded(Data(broken)) }
        }
        // Invalid UTF-8 inside a string: the decoder's to judge, as before.
        var bytes = [UInt8](plain)
        let hi = bytes.indices.first { bytes[$0] == UInt8(ascii: "h") && bytes[$0 + 1] == UInt8(ascii: "i") }!
        bytes[hi] = 0xC3
        bytes[hi + 1] = 0x28
        #expect(EventsReader.fast(Data(bytes)) == nil)
        #expect((try? EventsReader.decode(Data(bytes))) == (try? decoded(Data(bytes))))
    }

    @Test func theServersOwnAnswerOfMessagesTakesTheFastPath() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let karim = try await server.join(room, "Karim")
        /// The answer's bytes as the server sends them, after `cursor`.
        func answer(after cursor: String) async throws -> Data {
            let path = "/v1/rooms/\(karim.room.id)/events?after=\(cursor)&timeout=0"
            return try await server.engine.send(HTTPRequest(method: "GET", url: server.url + path, headers: ["Authorization": "Bearer \(karim.token)"])).body
        }
        let start = try decoded(try await answer(after: karim.cursor)).cursor
        for (n, text) in ["bonjour", "café ☕ 漢字"].enumerated() {
            _ = try await server.api.postMessage(karim.credentials, PostMessageRequest(text: text, clientId: "c\(n)"))
        }
        let plain = try await answer(after: start)
        let fast = try #require(EventsReader.fast(plain), "\(String(decoding: plain, as: UTF8.self))")
        #expect(fast == (try decoded(plain)))
        #expect(fast.events.count == 2)
        for (n, text) in ["line\nbreak", "\"quoted\""].enumerated() {
            _ = try await server.api.postMessage(karim.credentials, PostMessageRequest(text: text, clientId: "e\(n)"))
        }
        let escaped = try await answer(after: fast.cursor)
        #expect(EventsReader.fast(escaped) == nil)
        #expect(try EventsReader.decode(escaped) == decoded(escaped))
        #expect(try EventsReader.decode(escaped).events.count == 2)
        await server.stop()
    }
}
