import Foundation
import HTTPTypes
import NIOCore
import Synchronization

/// The bytes of response heads, written by hand: the long-poll's answer is the same head
/// with another length, and NIO's encoder plus swift-http-types' fields cost more than the
/// answer's body for a 200-byte batch.
enum ResponseHead {
    /// The head of a JSON answer (the long-poll's, and the connection's own errors).
    static func json(status: HTTPResponse.Status, length: Int, closes: Bool, retryAfter: Int? = nil, into buffer: inout ByteBuffer) {
        statusLine(status, into: &buffer)
        buffer.writeStaticString("Content-Type: application/json; charset=utf-8\r\n")
        if let retryAfter { buffer.writeString("Retry-After: \(retryAfter)\r\n") }
        common(length: length, closes: closes, into: &buffer)
    }

    /// The head of a router's response: its fields, with the length this server counted.
    static func routed(_ head: HTTPResponse, length: Int, closes: Bool, into buffer: inout ByteBuffer) {
        statusLine(head.status, into: &buffer)
        for field in head.headerFields where !framing.contains(field.name) {
            buffer.writeString(field.name.rawName)
            buffer.writeStaticString(": ")
            buffer.writeString(field.value)
            buffer.writeStaticString("\r\n")
        }
        let bodiless = head.status.kind == .informational || head.status == .noContent || head.status == .notModified
        common(length: bodiless ? nil : length, closes: closes, into: &buffer)
    }

    /// Fields this server writes itself (a handler's own would contradict the framing).
    private static let framing: Set<HTTPField.Name> = [.contentLength, .transferEncoding, .connection, .date, .server]

    private static func statusLine(_ status: HTTPResponse.Status, into buffer: inout ByteBuffer) {
        if status == .ok {
            buffer.writeStaticString("HTTP/1.1 200 OK\r\n")
        } else {
            // A status made from its code alone has no phrase: the standard one, where there is one.
            let phrase = status.reasonPhrase.isEmpty ? (phrases[status.code] ?? "") : status.reasonPhrase
            buffer.writeString("HTTP/1.1 \(status.code) \(phrase)\r\n")
        }
    }

    /// The phrases of the statuses this server answers.
    private static let phrases: [Int: String] = [
        100: "Continue", 200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 304: "Not Modified",
        400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
        409: "Conflict", 410: "Gone", 413: "Content Too Large", 415: "Unsupported Media Type", 422: "Unprocessable Content",
        429: "Too Many Requests", 431: "Request Header Fields Too Large", 500: "Internal Server Error",
        501: "Not Implemented", 503: "Service Unavailable", 505: "HTTP Version Not Supported", 507: "Insufficient Storage",
    ]

    private static func common(length: Int?, closes: Bool, into buffer: inout ByteBuffer) {
        if let length {
            buffer.writeStaticString("Content-Length: ")
            buffer.writeString(String(length))
            buffer.writeStaticString("\r\n")
        }
        if closes { buffer.writeStaticString("Connection: close\r\n") }
        buffer.writeStaticString("Server: momentum\r\nDate: ")
        buffer.writeString(HTTPDate.now())
        buffer.writeStaticString("\r\n\r\n")
    }
}

/// The `Date` field's text, made once a second.
enum HTTPDate {
    private static let cache = Mutex<(second: Int, text: String)>((-1, ""))

    static func now() -> String {
        let second = Int(time(nil))
        return cache.withLock { cache in
            if cache.second != second { cache = (second, format(second)) }
            return cache.text
        }
    }

    /// RFC 9110's IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
    static func format(_ second: Int) -> String {
        var seconds = time_t(second)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
