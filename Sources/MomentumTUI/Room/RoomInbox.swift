import Glibc
import Synchronization

/// Messages from the network side to the UI thread, with a pipe that wakes the UI's poll().
final class RoomInbox: Sendable {
    private let queue = Mutex<[RoomMessage]>([])
    let readDescriptor: Int32
    private let writeDescriptor: Int32

    init() {
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

    /// Queues a message and wakes the UI thread (one byte; a full pipe already means "wake").
    func post(_ message: RoomMessage) {
        queue.withLock { $0.append(message) }
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Everything queued, oldest first; empties the wake-up pipe too.
    func take() -> [RoomMessage] {
        var bytes = [UInt8](repeating: 0, count: 256)
        while read(readDescriptor, &bytes, bytes.count) > 0 {}
        return queue.withLock { messages in
            defer { messages.removeAll() }
            return messages
        }
    }
}
