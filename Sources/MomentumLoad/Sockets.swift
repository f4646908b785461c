import Glibc

/// Non-blocking TCP sockets on loopback, each from a source address of its own
/// (127.x.y.z), so that per-address limits see many clients, as behind a real network.
enum Sockets {
    /// The i-th source address: 127.1.0.1, 127.1.0.2, ... skipping .0 and .255.
    static func sourceAddress(_ i: Int) -> UInt32 {
        let host = i % 254 + 1, mid = (i / 254) % 256, high = 1 + i / (254 * 256)
        return (127 << 24) | UInt32(high % 256) << 16 | UInt32(mid) << 8 | UInt32(host)
    }

    static func address(_ ip: UInt32, port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = ip.bigEndian
        return address
    }

    /// Starts a connection; the socket becomes writable when it is established.
    static func connect(to port: UInt16, from source: UInt32, blocking: Bool = false) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | (blocking ? 0 : Int32(SOCK_NONBLOCK.rawValue)) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var local = address(source, port: 0)
        let bound = withUnsafePointer(to: &local) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0 else { close(fd); return nil }
        var remote = address((127 << 24) | 1, port: port)
        let result = withUnsafePointer(to: &remote) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard result == 0 || errno == EINPROGRESS else { close(fd); return nil }
        return fd
    }

    /// Writes all of `bytes` (small requests: the socket buffer takes them at once).
    static func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n > 0 { offset += n; continue }
            if n < 0 && (errno == EAGAIN || errno == EINTR) { continue }
            return false
        }
        return true
    }

    /// One blocking request and its whole response, for the setup (rooms and joins).
    static func exchange(port: UInt16, source: UInt32, _ request: [UInt8]) -> WireResponse? {
        guard let fd = connect(to: port, from: source, blocking: true) else { return nil }
        defer { close(fd) }
        guard send(fd, request) else { return nil }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let (response, _) = Wire.parse(buffer) { return response }
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, 65_536) }
            guard n > 0 else { return nil }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }
}

/// The generator's own clock, in nanoseconds since it started.
struct Nanos {
    static let origin = now()
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
    static var elapsed: UInt64 {
        let start = origin  // read first: the lazy origin must not be later than "now"
        return now() - start
    }
}
