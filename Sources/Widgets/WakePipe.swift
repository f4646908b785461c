import Glibc

/// A non-blocking self-pipe that wakes a thread blocked in poll(): from another thread
/// (`RoomInbox`), or from a signal handler, since write(2) is async-signal-safe.
public final class WakePipe: Sendable {
    public let readDescriptor: Int32
    public let writeDescriptor: Int32

    public init() {
        var fds: [Int32] = [-1, -1]
        pipe(&fds)
        _ = fcntl(fds[0], F_SETFL, O_NONBLOCK)
        _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)
        readDescriptor = fds[0]
        writeDescriptor = fds[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    /// Writes one byte; a full pipe already means "wake up".
    public func wake(_ byte: UInt8 = 1) {
        var value = byte
        _ = write(writeDescriptor, &value, 1)
    }

    /// Every byte written so far, emptying the pipe.
    public func drain() -> [UInt8] {
        var all: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let count = read(readDescriptor, &buffer, buffer.count)
            if count <= 0 { return all }
            all += buffer[0..<count]
        }
    }
}
