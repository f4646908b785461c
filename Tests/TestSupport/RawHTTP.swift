public import Foundation

/// Bytes straight to a server's socket, for requests no HTTP client would send.
public enum RawHTTP {
    /// Sends `bytes` to 127.0.0.1:`port` and answers everything read until the server closes
    /// or `seconds` pass. The blocking socket calls run on a thread of their own: on Swift's
    /// two-thread pool they would stall the in-process server that must answer them.
    /// `source` is the local address to send from: any of 127.0.0.0/8 is this machine, so one
    /// test plays many clients.
    /// `halfClose` shuts the socket's sending side once `bytes` are sent.
    public static func exchange(port: Int, _ bytes: [UInt8], seconds: Int = 10, from source: String? = nil, halfClose: Bool = false) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try blockingExchange(port: port, bytes, seconds: seconds, source: source, halfClose: halfClose) })
            }
        }
    }

    private static func blockingExchange(port: Int, _ bytes: [UInt8], seconds: Int, source: String?, halfClose: Bool) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("no socket") }
        defer { close(fd) }
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            guard bound else { throw TestFailure("cannot send from \(source)") }
        }
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard connect(fd, port: port) else { throw TestFailure("cannot connect to port \(port)") }
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress!, bytes.count) }
        if halfClose { shutdown(fd, Int32(SHUT_WR)) }
        var answer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, 65_536) }
            if n <= 0 { break }
            answer += chunk[0..<n]
        }
        return String(decoding: answer, as: UTF8.self)
    }
}

extension RawHTTP {
    /// Connects `fd` to 127.0.0.1:`port`.
    static func connect(_ fd: Int32, port: Int) -> Bool {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// A connection that writes `bytes` to 127.0.0.1:`port` and never reads: `write` returns
    /// once all are written or the server has taken nothing for `stall` milliseconds; the
    /// connection stays open (unread) until `close`.
    public final class Unread: Sendable {
        let fd: Int32

        public init(port: Int) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw TestFailure("no socket") }
            guard RawHTTP.connect(fd, port: port) else {
                Glibc.close(fd)
                throw TestFailure("cannot connect to port \(port)")
            }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }

        public func write(_ bytes: [UInt8], stall: Int32) async -> Int {
            await withCheckedContinuation { continuation in
                Thread.detachNewThread { [fd] in
                    var written = 0
                    while written < bytes.count {
                        let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, min(65_536, bytes.count - written)) }
                        if n > 0 { written += n; continue }
                        guard errno == EAGAIN || errno == EWOULDBLOCK else { break }
                        var waiting = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                        if poll(&waiting, 1, stall) <= 0 { break }
                    }
                    continuation.resume(returning: written)
                }
            }
        }

        public func close() { Glibc.close(fd) }
    }
}
