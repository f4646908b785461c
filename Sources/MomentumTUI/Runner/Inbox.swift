import Synchronization
import Widgets

/// Messages from the network side to the UI thread, with a pipe that wakes the runner's wait.
final class Inbox<Message: Sendable>: Sendable {
    private let queue = Mutex<[Message]>([])
    private let pipe = WakePipe()

    var readDescriptor: Int32 { pipe.readDescriptor }

    /// Queues a message and wakes the UI thread.
    func post(_ message: Message) {
        queue.withLock { $0.append(message) }
        pipe.wake()
    }

    /// Everything queued, oldest first; empties the wake-up pipe too.
    func take() -> [Message] {
        _ = pipe.drain()
        return queue.withLock { messages in
            defer { messages.removeAll() }
            return messages
        }
    }
}
