import NIOCore

/// The head of one HTTP/1.x request, read in place from the connection's bytes.
///
/// The parser records where each part lies (offsets into the bytes it read) and reads
/// nothing it does not need: a long-poll is recognised from its target and its
/// `Authorization` alone, and only a request for the router has its fields made into
/// `String`s (`HTTPConnection`). NIO's decoder made every header a `String`, then
/// swift-http-types copied them again, for every poll (a tenth of the server's time).
struct RequestHead {
    /// Where a header line's name and value lie, relative to the head's first byte.
    struct Field {
        var name: Range<Int>
        var value: Range<Int>
    }

    /// How the request's body is framed.
    enum Body: Equatable {
        case none
        case length(Int)
        case chunked
    }

    /// The whole head, up to and including its empty line.
    var bytes: ByteBuffer
    var method: Range<Int>
    var target: Range<Int>
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    var minorVersion: Int
    var fields: [Field]
    var body = Body.none
    /// `Connection: close`, or HTTP/1.0 without `Connection: keep-alive`.
    var closes = false
    var expectsContinue = false
    var upgrade = false
    var authorization: Range<Int>?
    var host: Range<Int>?

    func string(_ range: Range<Int>) -> String {
        bytes.getString(at: bytes.readerIndex + range.lowerBound, length: range.count) ?? ""
    }

    var targetString: String { string(target) }
    var methodString: String { string(method) }

    /// True when the method is exactly `name` (ASCII, case-sensitive as HTTP says).
    func methodIs(_ name: StaticString) -> Bool {
        guard method.count == name.utf8CodeUnitCount else { return false }
        return bytes.withUnsafeReadableBytes { raw in
            name.withUTF8Buffer { expected in
                for index in 0..<expected.count where raw[method.lowerBound + index] != expected[index] { return false }
                return true
            }
        }
    }
}

/// Why a head cannot be read: each is answered with its status and the connection closes.
enum RequestHeadError: Error, Equatable {
    /// Not HTTP/1.x, or a line, name or value HTTP forbids (400).
    case malformed(String)
    /// The head is larger than the server reads (431).
    case tooLarge
    /// `Transfer-Encoding` other than `chunked` alone (501).
    case unsupportedEncoding
    /// A version other than HTTP/1.0 or HTTP/1.1 (505).
    case unsupportedVersion

    var status: Int {
        switch self {
        case .malformed: 400
        case .tooLarge: 431
        case .unsupportedEncoding: 501
        case .unsupportedVersion: 505
        }
    }

    var message: String {
        switch self {
        case .malformed(let why): "The request is not valid HTTP/1.1: \(why)."
        case .tooLarge: "The request's headers are larger than \(RequestHeadParser.maxHeadBytes) bytes."
        case .unsupportedEncoding: "Only the chunked transfer coding is accepted for request bodies."
        case .unsupportedVersion: "Only HTTP/1.0 and HTTP/1.1 are served."
        }
    }
}

/// Reads request heads strictly: CRLF line ends, no folded lines, no space before a colon,
/// one `Content-Length` or `Transfer-Encoding: chunked` (never both). What a lenient parser
/// would guess at is refused: a proxy in front of the server might have guessed otherwise
/// (request smuggling).
enum RequestHeadParser {
    static let maxHeadBytes = 16 * 1024
    static let maxFields = 100

    /// The head at the start of `buffer`, or nil when its empty line has not arrived yet.
    /// Leading empty lines (allowed before a request) are skipped and counted in the head.
    static func parse(_ buffer: ByteBuffer) throws(RequestHeadError) -> RequestHead? {
        let result: Result<RequestHead?, RequestHeadError> = buffer.withUnsafeReadableBytes { raw in
            do throws(RequestHeadError) {
                return .success(try parse(raw, buffer: buffer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func parse(_ raw: UnsafeRawBufferPointer, buffer: ByteBuffer) throws(RequestHeadError) -> RequestHead? {
        var start = 0
        while start + 1 < raw.count, raw[start] == cr, raw[start + 1] == lf { start += 2 }
        guard let end = headEnd(raw, from: start) else {
            if raw.count > maxHeadBytes { throw .tooLarge }
            return nil
        }
        if end > maxHeadBytes { throw .tooLarge }
        // The request line: METHOD SP TARGET SP HTTP/1.x CRLF
        guard let requestLineEnd = lineEnd(raw, from: start, to: end) else { throw .malformed("no request line") }
        guard let space1 = index(of: space, in: raw, from: start, to: requestLineEnd), space1 > start else { throw .malformed("no method") }
        for i in start..<space1 where !isToken(raw[i]) { throw .malformed("a method with a forbidden character") }
        guard let space2 = index(of: space, in: raw, from: space1 + 1, to: requestLineEnd), space2 > space1 + 1 else { throw .malformed("no target") }
        for i in (space1 + 1)..<space2 where raw[i] <= space || raw[i] == 0x7F { throw .malformed("a target with a space or a control character") }
        let version = (space2 + 1)..<requestLineEnd
        guard version.count == 8, matches(raw, version.lowerBound, "HTTP/1.") else {
            if version.count == 8, matches(raw, version.lowerBound, "HTTP/") { throw .unsupportedVersion }
            throw .malformed("no HTTP version")
        }
        let minor: Int
        switch raw[version.lowerBound + 7] {
        case UInt8(ascii: "0"): minor = 0
        case UInt8(ascii: "1"): minor = 1
        default: throw .unsupportedVersion
        }
        var head = RequestHead(
            bytes: buffer.getSlice(at: buffer.readerIndex, length: end)!,
            method: start..<space1, target: (space1 + 1)..<space2, minorVersion: minor, fields: [])
        var keepAlive = false
        var closes = false
        var contentLength: Int?
        var transferEncoding = false
        var cursor = requestLineEnd + 2
        while cursor < end - 2 {
            guard let fieldEnd = lineEnd(raw, from: cursor, to: end) else { throw .malformed("a header line without CRLF") }
            if raw[cursor] == space || raw[cursor] == tab { throw .malformed("a folded header line") }
            guard let colon = index(of: UInt8(ascii: ":"), in: raw, from: cursor, to: fieldEnd), colon > cursor else {
                throw .malformed("a header line without a name")
            }
            for i in cursor..<colon where !isToken(raw[i]) { throw .malformed("a header name with a forbidden character") }
            var valueStart = colon + 1, valueEnd = fieldEnd
            while valueStart < valueEnd, raw[valueStart] == space || raw[valueStart] == tab { valueStart += 1 }
            while valueEnd > valueStart, raw[valueEnd - 1] == space || raw[valueEnd - 1] == tab { valueEnd -= 1 }
            for i in valueStart..<valueEnd where (raw[i] < space && raw[i] != tab) || raw[i] == 0x7F {
                throw .malformed("a header value with a control character")
            }
            if head.fields.count == maxFields { throw .tooLarge }
            let name = cursor..<colon, value = valueStart..<valueEnd
            head.fields.append(.init(name: name, value: value))
            if named(raw, name, "content-length") {
                guard contentLength == nil, let length = decimal(raw, value) else { throw .malformed("a missing, repeated or invalid Content-Length") }
                contentLength = length
            } else if named(raw, name, "transfer-encoding") {
                guard !transferEncoding else { throw .malformed("a repeated Transfer-Encoding") }
                guard equalsIgnoringCase(raw, value, "chunked") else { throw .unsupportedEncoding }
                transferEncoding = true
            } else if named(raw, name, "connection") {
                for token in commaSeparated(raw, value) {
                    if equalsIgnoringCase(raw, token, "close") { closes = true }
                    if equalsIgnoringCase(raw, token, "keep-alive") { keepAlive = true }
                    if equalsIgnoringCase(raw, token, "upgrade") { head.upgrade = true }
                }
            } else if named(raw, name, "authorization") {
                guard head.authorization == nil else { throw .malformed("a repeated Authorization") }
                head.authorization = value
            } else if named(raw, name, "host") {
                guard head.host == nil else { throw .malformed("a repeated Host") }
                head.host = value
            } else if named(raw, name, "expect") {
                head.expectsContinue = equalsIgnoringCase(raw, value, "100-continue")
            }
            cursor = fieldEnd + 2
        }
        if transferEncoding && contentLength != nil { throw .malformed("both Content-Length and Transfer-Encoding") }
        if minor == 1 && head.host == nil { throw .malformed("no Host header") }
        head.body = transferEncoding ? .chunked : contentLength.map { $0 == 0 ? .none : .length($0) } ?? .none
        head.closes = closes || (minor == 0 && !keepAlive)
        return head
    }

    // MARK: Bytes

    private static let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    /// The index just after the head's empty line, if it has arrived.
    private static func headEnd(_ raw: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var i = start
        let limit = min(raw.count, maxHeadBytes + 4 + start)
        while i + 3 < limit {
            if raw[i + 3] != lf { i += raw[i + 3] == cr ? 1 : 4; continue }
            if raw[i] == cr, raw[i + 1] == lf, raw[i + 2] == cr { return i + 4 }
            i += 1
        }
        return nil
    }

    /// The index of the CR of the line starting at `from`; a bare CR or LF is malformed (nil).
    private static func lineEnd(_ raw: UnsafeRawBufferPointer, from: Int, to end: Int) -> Int? {
        var i = from
        while i + 1 < end {
            if raw[i] == cr { return raw[i + 1] == lf ? i : nil }
            if raw[i] == lf { return nil }
            i += 1
        }
        return nil
    }

    private static func index(of byte: UInt8, in raw: UnsafeRawBufferPointer, from: Int, to end: Int) -> Int? {
        var i = from
        while i < end {
            if raw[i] == byte { return i }
            i += 1
        }
        return nil
    }

    /// RFC 9110's tchar.
    private static func isToken(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    private static func matches(_ raw: UnsafeRawBufferPointer, _ at: Int, _ text: StaticString) -> Bool {
        text.withUTF8Buffer { expected in
            guard at + expected.count <= raw.count else { return false }
            for i in 0..<expected.count where raw[at + i] != expected[i] { return false }
            return true
        }
    }

    /// `lowercase` must be lowercase ASCII.
    static func equalsIgnoringCase(_ raw: UnsafeRawBufferPointer, _ range: Range<Int>, _ lowercase: StaticString) -> Bool {
        lowercase.withUTF8Buffer { expected in
            guard range.count == expected.count else { return false }
            for i in 0..<expected.count {
                var byte = raw[range.lowerBound + i]
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
                if byte != expected[i] { return false }
            }
            return true
        }
    }

    private static func named(_ raw: UnsafeRawBufferPointer, _ name: Range<Int>, _ lowercase: StaticString) -> Bool {
        equalsIgnoringCase(raw, name, lowercase)
    }

    private static func decimal(_ raw: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 15 else { return nil }
        var value = 0
        for i in range {
            let byte = raw[i]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func commaSeparated(_ raw: UnsafeRawBufferPointer, _ range: Range<Int>) -> [Range<Int>] {
        var tokens: [Range<Int>] = []
        var start = range.lowerBound
        for i in range.lowerBound...range.upperBound where i == range.upperBound || raw[i] == UInt8(ascii: ",") {
            var a = start, b = i
            while a < b, raw[a] == space || raw[a] == tab { a += 1 }
            while b > a, raw[b - 1] == space || raw[b - 1] == tab { b -= 1 }
            if a < b { tokens.append(a..<b) }
            start = i + 1
        }
        return tokens
    }
}
