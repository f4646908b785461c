import Logging
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

/// Which polls the event loop answers itself (`LongPollFastPath.request`): the plain form a
/// client sends; anything else is the router's to judge.
@Suite("Long-poll recognition")
struct LongPollRecognitionTests {
    func request(_ target: String, authorization: String = "Bearer t_abc") throws -> LongPollFastPath.Request? {
        var config = ServerConfig(host: "127.0.0.1", port: 0, databasePath: ":memory:")
        config.pollTimeoutCap = 25
        let service = SessionService(store: MemoryRoomStore(), config: config, metrics: ServerMetrics(), logger: Logger(label: "test"))
        let head = try #require(try RequestHeadParser.parse(ByteBuffer(string: "GET \(target) HTTP/1.1\r\nHost: h\r\nAuthorization: \(authorization)\r\n\r\n")))
        return LongPollFastPath(service: service).request(head)
    }

    @Test func thePlainFormIsRecognised() throws {
        let poll = try #require(try request("/v1/rooms/r_1-A/events?after=c42&timeout=10"))
        #expect(poll.roomId == "r_1-A" && poll.token == "t_abc" && poll.after == 42 && poll.hold == .seconds(10))
        let reordered = try #require(try request("/v1/rooms/r1/events?timeout=99&after=c0"))
        #expect(reordered.after == 0 && reordered.hold == .seconds(25), "the hold is capped")
        #expect(try request("/v1/rooms/r1/events?after=c7")?.hold == .seconds(25))
    }

    @Test(arguments: [
        "/v1/rooms/r1/events", "/v1/rooms/r1/events?", "/v1/rooms//events?after=c1", "/v1/rooms/r%31/events?after=c1",
        "/v1/rooms/r1/events?after=1", "/v1/rooms/r1/events?after=c", "/v1/rooms/r1/events?after=c1&after=c2",
        "/v1/rooms/r1/events?after=c1&timeout=99999", "/v1/rooms/r1/events?after=c1&x=1", "/v1/rooms/r1/events?after=c1&",
        "/v1/rooms/r1/eventsX?after=c1", "/v1/rooms/r1/state?after=c1", "/v1/rooms/r1/events?after=c1x",
        "/v2/rooms/r1/events?after=c1", "/v1/rooms/r1/events?after=c+1",
    ])
    func anythingElseGoesToTheRouter(target: String) throws {
        #expect(try request(target) == nil)
    }

    @Test func aMissingOrOddTokenGoesToTheRouter() throws {
        #expect(try request("/v1/rooms/r1/events?after=c1", authorization: "Basic abc") == nil)
        #expect(try request("/v1/rooms/r1/events?after=c1", authorization: "Bearer") == nil)
    }
}

@Suite("Event loops")
struct EventLoopCountTests {
    @Test func theAllowedCPUListIsCounted() {
        #expect(EventLoops.cpus(in: "1") == 1)
        #expect(EventLoops.cpus(in: "0-1") == 2)
        #expect(EventLoops.cpus(in: "0-3,6, 8-9\t") == 7)
        #expect(EventLoops.cpus(in: "") == nil)
        #expect(EventLoops.cpus(in: "3-1") == nil)
        #expect(EventLoops.cpus(in: "a") == nil)
        #expect((1...64).contains(EventLoops.count()))
    }
}
