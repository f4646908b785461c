import Foundation
import SessionClient
import Testing

/// The answer's headers as `CurlEngine` reads them from curl's lines: names lowercased, values
/// without the blanks around them, only the final answer's after an interim one.
@Suite struct CurlHeadersTests {
    @Test func headersAreReadByteByByte() async throws {
        let answer = "HTTP/1.1 100 Continue\r\nX-Interim: yes\r\n\r\n"
            + "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nRETRY-After:   7 \t\r\nX-Empty:\r\n"
            + "X-Colons: a:b: c\r\nX-Name: Chlo\u{E9}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
        let port = try OneAnswerServer.start(answer: Array(answer.utf8))
        let engine = CurlEngine()
        defer { engine.shutdown() }
        let response = try await engine.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(port)/", timeout: 10))
        #expect(response.status == 429)
        #expect(response.body == Data("{}".utf8))
        #expect(response.headers == [
            "content-type": "application/json", "retry-after": "7", "x-empty": "", "x-colons": "a:b: c",
            "x-name": "Chlo\u{E9}", "content-length": "2", "connection": "close",
        ])
    }
}

/// Accepts one connection on a free loopback port, reads the request's head, writes `answer`
/// and closes: an HTTP server that says exactly what the test wants.
enum OneAnswerServer {
    static func start(answer: [UInt8]) throws -> Int {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && listen(listener, 1) == 0 && getsockname(listener, pointer, &length) == 0
            }
        }
        guard bound else { close(listener); throw CocoaError(.fileWriteUnknown) }
        let thread = Thread {
            let connection = accept(listener, nil, nil)
            close(listener)
            guard connection >= 0 else { return }
            var head: [UInt8] = []
            var byte: UInt8 = 0
            while !head.ends(with: Array("\r\n\r\n".utf8)), read(connection, &byte, 1) == 1 { head.append(byte) }
            _ = answer.withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
            close(connection)
        }
        thread.start()
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

extension Array where Element: Equatable {
    fileprivate func ends(with suffix: [Element]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
