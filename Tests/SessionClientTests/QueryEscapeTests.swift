import Foundation
import Testing
@testable import SessionClient

/// A query value is escaped as Foundation escapes it; ASCII letters and digits (every cursor)
/// are left as they are without asking Foundation.
@Suite struct QueryEscapeTests {
    @Test func escapingIsFoundationsWhateverTheText() {
        let api = SessionAPI(baseURL: "http://127.0.0.1:1/", transport: NoTransport())
        var texts = ["c1234", "", "c0", "ABCxyz789", "a b", "x+y", "c-1", "é", "Chloé", "100%", "a&b=c", "日本", "🙂", "é"]
        for byte in UInt8(0x20)...0x7E { texts.append("c\(Character(Unicode.Scalar(byte)))1") }
        for text in texts {
            #expect(api.escape(text) == text.addingPercentEncoding(withAllowedCharacters: .alphanumerics), "\(text.debugDescription)")
        }
        #expect(api.escape("c1234") == "c1234")
        #expect(api.escape("a b") == "a%20b")
    }
}

/// A transport that is never called.
private struct NoTransport: HTTPTransport {
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse { throw .cancelled }
}
