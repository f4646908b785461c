import Foundation
import SessionModel
import Testing
@testable import SessionServer

/// The post's body read without Foundation must mean what Foundation reads, or give way.
@Suite("Flat JSON bodies")
struct FlatJSONTests {
    func fast(_ text: String) -> PostMessageRequest? {
        Array(text.utf8).withUnsafeBytes { FlatJSON.strings($0) }.flatMap(PostMessageRequest.init(flat:))
    }

    func foundation(_ text: String) -> PostMessageRequest? {
        try? JSONDecoder().decode(PostMessageRequest.self, from: Data(text.utf8))
    }

    @Test func theUsualBodiesAreReadAsFoundationReadsThem() throws {
        let bodies = [
            #"{"text":"bonjour","clientId":"c1"}"#,
            #" { "clientId" : "c1" , "text" : "Ça va ? 👋🏽" } "#,
            #"{"text":"a\"b\\c\/d\b\f\n\r\t","clientId":"x"}"#,
            #"{"text":"\u00e9\u00C9 \ud83d\ude00 \u0000","clientId":"x"}"#,
            "{\"text\":\"tab\\there\",\"clientId\":\"x\"}\n",
        ]
        for body in bodies {
            let read = try #require(fast(body), "\(body)")
            #expect(read == foundation(body), "\(body)")
        }
    }

    @Test(arguments: [
        #"{"text":"a","clientId":"c","text":"b"}"#, #"{"text":"a"}"#, #"{"text":"a","clientId":"c","x":"y"}"#,
        #"{"text":1,"clientId":"c"}"#, #"{"text":"a","clientId":null}"#, #"{"text":"\x","clientId":"c"}"#,
        #"{"text":"\ud800","clientId":"c"}"#, #"{"text":"\udc00","clientId":"c"}"#, #"{"text":"\u12","clientId":"c"}"#,
        "{\"text\":\"a\nb\",\"clientId\":\"c\"}", "{\"text\":\"a\tb\",\"clientId\":\"c\"}", #"{"text":"a","clientId":"c"} x"#, #"{"text":"a","clientId":"c",}"#,
        #"[{"text":"a","clientId":"c"}]"#, #"{"text":"a" "clientId":"c"}"#, "", "{", #"{"text":"a","clientId":"c""#,
    ])
    func anythingElseGivesWay(body: String) {
        #expect(fast(body) == nil)
    }

    @Test func invalidUTF8GivesWay() {
        var bytes = Array(#"{"text":"ab","clientId":"c"}"#.utf8)
        bytes[10] = 0xFF
        #expect(bytes.withUnsafeBytes { FlatJSON.strings($0) } == nil)
    }

    /// Random bodies of escapes, accents, emoji and control characters: when the fast reader
    /// reads one, Foundation reads the same.
    @Test func randomBodiesAgreeWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        let pieces = [#"\""#, #"\\"#, #"\/"#, #"\n"#, #"\t"#, #"\u00e9"#, #"\ud83d\ude00"#, #"\u0001"#, "é", "👋🏽", "a", " ", "'", "<", "\u{7F}", #"\uD834\uDD1E"#]
        var agreed = 0
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let body = Bool.random(using: &generator) ? #"{"text":"\#(text)","clientId":"k"}"# : #"{ "clientId": "k", "text": "\#(text)" }"#
            if let read = fast(body) {
                #expect(read == foundation(body), "\(body)")
                agreed += 1
            }
        }
        #expect(agreed == 2_000)
    }
}
