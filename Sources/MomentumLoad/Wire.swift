import Glibc

/// One HTTP/1.1 response read off a socket: the status, the headers the generator needs,
/// and the body. Parsed by hand from bytes: the generator must cost less per delivery than
/// the servers it measures.
struct WireResponse {
    var status: Int
    var body: ArraySlice<UInt8>
    var lastModified: String?
    var etag: String?
}

enum Wire {
    /// A request with a body (or none) as bytes.
    static func request(_ method: String, _ path: String, host: String, headers: [String] = [], body: String? = nil) -> [UInt8] {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\n"
        for header in headers { text += header + "\r\n" }
        if let body {
            text += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
        } else {
            text += "\r\n"
        }
        return Array(text.utf8)
    }

    /// A complete response at the start of `buffer`, and how many bytes it took; nil while incomplete.
    static func parse(_ buffer: [UInt8]) -> (WireResponse, Int)? {
        guard let headerEnd = find([13, 10, 13, 10], in: buffer[...]) else { return nil }
        let head = String(decoding: buffer[0..<headerEnd], as: UTF8.self)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard !lines.isEmpty else { return nil }
        let statusLine = lines.removeFirst().split(separator: " ")
        let status = statusLine.count > 1 ? Int(statusLine[1]) ?? 0 : 0
        var length = 0
        var response = WireResponse(status: status, body: [], lastModified: nil, etag: nil)
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = trimmed(line[line.index(after: colon)...])
            switch name {
            case "content-length": length = Int(value) ?? 0
            case "last-modified": response.lastModified = value
            case "etag": response.etag = value
            default: break
            }
        }
        let start = headerEnd + 4
        guard buffer.count >= start + length else { return nil }
        response.body = buffer[start..<(start + length)]
        return (response, start + length)
    }

    static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count, let first = needle.first else { return nil }
        var index = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while index <= last {
            if haystack[index] == first {
                var match = true
                for k in 1..<needle.count where haystack[index + k] != needle[k] { match = false; break }
                if match { return index }
            }
            index += 1
        }
        return nil
    }

    /// The string value of `"key":"..."` after `from`, and where it ended.
    static func string(_ key: String, in body: ArraySlice<UInt8>, from: Int? = nil) -> (String, Int)? {
        let needle = Array("\"\(key)\":\"".utf8)
        guard let at = find(needle, in: body[(from ?? body.startIndex)...]) else { return nil }
        let start = at + needle.count
        guard let end = body[start...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        return (String(decoding: body[start..<end], as: UTF8.self), end)
    }

    /// Every `"text":"L|..."` value in a body, in order.
    static func texts(in body: ArraySlice<UInt8>) -> [String] {
        var texts: [String] = []
        var from = body.startIndex
        while let (text, end) = string("text", in: body, from: from) {
            texts.append(text)
            from = end
        }
        return texts
    }
}

/// The text without spaces around it.
func trimmed(_ text: Substring) -> String {
    var slice = text
    while slice.first == " " { slice.removeFirst() }
    while slice.last == " " || slice.last == "\r" { slice.removeLast() }
    return String(slice)
}
