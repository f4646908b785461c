import Glibc

/// The regression check for "the server slows down with every commit": one member posts
/// `count` messages one after another on one keep-alive connection; the median time of the
/// last thousand must stay within `tolerance` times that of the first thousand.
struct CommitGrowth {
    let port: UInt16
    let adminToken: String
    let count: Int
    let tolerance: Double

    struct Outcome {
        var firstMedian: Double
        var lastMedian: Double
        var ratio: Double { lastMedian / firstMedian }
    }

    func run() throws -> Outcome {
        var target = MomentumTarget(port: port, adminToken: adminToken)
        _ = try target.setup(rooms: 1, participants: 1)
        guard let fd = Sockets.connect(to: port, from: Sockets.sourceAddress(300_000), blocking: true) else { throw LoadError("cannot connect") }
        defer { close(fd) }
        var samples: [Double] = []
        samples.reserveCapacity(count)
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        for n in 0..<count {
            let request = target.publishRequest(room: 0, text: "L|0|\(n)|0", serial: n)
            let start = Nanos.now()
            guard Sockets.send(fd, request) else { throw LoadError("the connection closed at commit \(n)") }
            while true {
                if let (response, used) = Wire.parse(buffer) {
                    buffer.removeFirst(used)
                    guard response.status == 201 else { throw LoadError("commit \(n) answered \(response.status): start the server with --message-burst 100000") }
                    break
                }
                let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, 65_536) }
                guard got > 0 else { throw LoadError("the connection closed at commit \(n)") }
                buffer.append(contentsOf: chunk[0..<got])
            }
            samples.append(Double(Nanos.now() - start) / 1_000)
        }
        func median(_ slice: ArraySlice<Double>) -> Double { slice.sorted()[slice.count / 2] }
        let window = min(1_000, count / 4)
        return Outcome(firstMedian: median(samples[window..<(2 * window)]), lastMedian: median(samples[(count - window)...]))
    }
}
