public import Foundation

/// Plain TCP connections to a server, opened from a chosen loopback address and held, for
/// tests of what a flood of connections does.
public final class HeldSockets {
    public private(set) var descriptors: [Int32] = []

    public init() {}

    /// Raises this process's open-file limit to its hard limit (a test opens over 1,024).
    public static func raiseLimit() {
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        limit.rlim_cur = limit.rlim_max
        setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    }

    /// Opens `count` connections from `source` (e.g. "127.0.0.2") to 127.0.0.1:`port`,
    /// each sending `bytes` (may be empty); answers how many connected.
    @discardableResult
    public func open(_ count: Int, port: Int, from source: String, sending bytes: [UInt8] = []) -> Int {
        var connected = 0
        for _ in 0..<count {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { break }
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            var remote = sockaddr_in()
            remote.sin_family = sa_family_t(AF_INET)
            remote.sin_addr.s_addr = inet_addr("127.0.0.1")
            remote.sin_port = in_port_t(UInt16(port).bigEndian)
            let ok = withUnsafePointer(to: &local) { l in
                withUnsafePointer(to: &remote) { r in
                    l.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
                        && r.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
                }
            }
            guard ok else { close(fd); continue }
            if !bytes.isEmpty { _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress!, bytes.count) } }
            descriptors.append(fd)
            connected += 1
        }
        return connected
    }

    /// How many of the held connections the server has closed (or reset).
    public var closedByServer: Int {
        descriptors.filter { fd in
            var byte: UInt8 = 0
            let n = recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
            return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
        }.count
    }

    public func closeAll() {
        for fd in descriptors { close(fd) }
        descriptors.removeAll()
    }

    deinit { closeAll() }
}
