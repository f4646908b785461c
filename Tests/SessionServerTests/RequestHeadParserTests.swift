import NIOCore
import Testing
@testable import SessionServer

/// The request heads and bodies the server reads itself, and what it refuses.
@Suite("HTTP/1.1 request parsing")
struct RequestHeadParserTests {
    func buffer(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    let poll = "GET /v1/rooms/r_1/events?after=c12&timeout=25 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAuthorization: Bearer t_abc \r\nAccept: */*\r\n\r\n"

    @Test func aPollIsReadInPlace() throws {
        let head = try #require(try RequestHeadParser.parse(buffer(poll + "GET /next")))
        #expect(head.methodIs("GET") && !head.methodIs("GE") && !head.methodIs("POST"))
        #expect(head.targetString == "/v1/rooms/r_1/events?after=c12&timeout=25")
        #expect(head.authorization.map(head.string) == "Bearer t_abc")
        #expect(head.host.map(head.string) == "127.0.0.1:8080")
        #expect(head.bytes.readableBytes == poll.utf8.count)
        #expect(head.body == .none && !head.closes && head.minorVersion == 1 && head.fields.count == 3)
    }

    @Test func everyShorterPrefixWaitsForMore() throws {
        for length in 0..<poll.utf8.count {
            #expect(try RequestHeadParser.parse(buffer(String(poll.utf8.prefix(length))!)) == nil, "prefix \(length)")
        }
    }

    @Test func framingAndConnection() throws {
        let post = try #require(try RequestHeadParser.parse(buffer("POST /x HTTP/1.1\r\nHost: h\r\ncontent-length: 12\r\nConnection: keep-alive, Close\r\n\r\n")))
        #expect(post.body == .length(12) && post.closes)
        let chunked = try #require(try RequestHeadParser.parse(buffer("\r\nPOST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\nExpect: 100-continue\r\n\r\n")))
        #expect(chunked.body == .chunked && chunked.expectsContinue && chunked.methodString == "POST")
        let old = try #require(try RequestHeadParser.parse(buffer("GET / HTTP/1.0\r\n\r\n")))
        #expect(old.closes && old.minorVersion == 0)
        let kept = try #require(try RequestHeadParser.parse(buffer("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")))
        #expect(!kept.closes)
        let empty = try #require(try RequestHeadParser.parse(buffer("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n")))
        #expect(empty.body == .none)
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1 2\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
        ("GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n folded\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nX-A : 1\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\n\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nX-A: a\u{1}b\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nHost: i\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nX-A: 1\r\n\r\n", 400),
        ("GET  / HTTP/1.1\r\nHost: h\r\n\r\n", 400),
        ("G(T / HTTP/1.1\r\nHost: h\r\n\r\n", 400),
        ("GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505),
        ("GET / HTTP/1.2\r\nHost: h\r\n\r\n", 505),
        ("GET / FTP/1.1\r\nHost: h\r\n\r\n", 400),
        ("GET /\r\n\r\n", 400),
    ])
    func malformedHeadsAreRefused(text: String, status: Int) {
        #expect(throws: RequestHeadError.self) { try RequestHeadParser.parse(buffer(text)) }
        do {
            _ = try RequestHeadParser.parse(buffer(text))
        } catch {
            #expect(error.status == status, "\(text.debugDescription)")
        }
    }

    @Test func aHeadLargerThanTheLimitIsRefusedEvenUnfinished() {
        let big = "GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + String(repeating: "a", count: RequestHeadParser.maxHeadBytes)
        #expect(throws: RequestHeadError.tooLarge) { try RequestHeadParser.parse(buffer(big)) }
        #expect(throws: RequestHeadError.tooLarge) { try RequestHeadParser.parse(buffer(big + "\r\n\r\n")) }
        let many = "GET / HTTP/1.1\r\nHost: h\r\n" + String(repeating: "X-A: 1\r\n", count: RequestHeadParser.maxFields) + "\r\n"
        #expect(throws: RequestHeadError.tooLarge) { try RequestHeadParser.parse(buffer(many)) }
    }

    /// Feeds `text` in pieces of `step` bytes.
    func readBody(_ framing: RequestHead.Body, _ text: String, step: Int, keep: Int = 100) throws -> (RequestBodyReader, String) {
        var reader = RequestBodyReader(framing, keep: keep, allocator: ByteBufferAllocator())
        var rest = ByteBuffer()
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count, !reader.isDone {
            rest.writeBytes(bytes[offset..<min(bytes.count, offset + step)])
            offset += step
            try reader.read(&rest)
        }
        return (reader, String(buffer: rest) + String(decoding: bytes[min(offset, bytes.count)...], as: UTF8.self))
    }

    @Test(arguments: [1, 2, 3, 7, 1000])
    func bodiesArriveInAnyPieces(step: Int) throws {
        let (length, afterLength) = try readBody(.length(5), "hello" + "GET /next", step: step)
        #expect(length.isDone && String(buffer: length.body) == "hello" && afterLength == "GET /next")
        let chunks = "5;name=value\r\nhello\r\n7\r\n, monde\r\n0\r\nTrailer: x\r\n\r\nGET /next"
        let (chunked, afterChunks) = try readBody(.chunked, chunks, step: step)
        #expect(chunked.isDone && String(buffer: chunked.body) == "hello, monde" && afterChunks == "GET /next")
    }

    @Test func aBodyPastTheLimitKeepsOneByteMoreAndCountsTheRest() throws {
        let (reader, _) = try readBody(.length(50), String(repeating: "x", count: 50), step: 7, keep: 10)
        #expect(reader.overflowed && reader.total == 50 && reader.body.readableBytes == 11)
    }

    @Test(arguments: ["zz\r\nhello\r\n0\r\n\r\n", "5\r\nhelloXY0\r\n\r\n", "5\nhello\r\n0\r\n\r\n", "\r\n"])
    func malformedChunksAreRefused(text: String) {
        #expect(throws: RequestBodyReader.Failure.malformedChunk) { try readBody(.chunked, text, step: 1000) }
    }

    @Test func theDateFieldIsIMFFixdate() {
        #expect(HTTPDate.format(784111777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }
}
