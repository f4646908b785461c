import Synchronization
import Widgets

/// Messages from the network side to the UI thread, with a pipe that wakes the UI's poll().
final class RoomInbox: Sendable {
    private let queue = Mutex<[RoomMessage]>([])
    private let pipe = WakePipe()

    var readDescriptor: Int32 { pipe.readDescriptor }

    /// Queues a message and wakes the UI thread.
    func post(_ message: RoomMessage) {
        queue.withLock { $0.append(message) }
        pipe.wake()
    }

    /// Everything queued, oldest first; empties the wake-up pipe too.
    func take() -> [RoomMessage] {
        _ = pipe.drain()
        return queue.withLock { messages in
            defer { messages.removeAll() }
            return messages
        }
    }
}
