import Synchronization
import Widgets

/// Messages from the network side to the UI thread, with a pipe that wakes the runner's wait.
///
/// The pipe is written only when the UI thread listens (`listen()`) and nothing woke it since:
/// while it holds a frame back it does not listen, and what the network brings meanwhile
/// waits for that frame. In a flood the UI thread wakes about twice per frame, not once per
/// poll answer, and the network side makes no write(2) for most answers.
final class Inbox<Message: Sendable>: Sendable {
    private struct State {
        var messages: [Message] = []
        /// The UI thread waits on the pipe and no post has written to it yet.
        var listening = false
        /// A byte is in the pipe (`take` reads it back).
        var signalled = false
    }

    private let state = Mutex(State())
    private let pipe = WakePipe()

    /// Queues a message, and wakes the UI thread when it listens and nothing woke it yet.
    func post(_ message: Message) {
        let wake = state.withLock { state -> Bool in
            state.messages.append(message)
            guard state.listening else { return false }
            state.listening = false
            state.signalled = true
            return true
        }
        if wake { pipe.wake() }
    }

    /// Called by the UI thread before it waits for messages: the descriptor to poll, readable
    /// already when messages are waiting, and readable once the next one is posted.
    func listen() -> Int32 {
        let wake = state.withLock { state -> Bool in
            guard !state.signalled else { return false }
            if state.messages.isEmpty {
                state.listening = true
                return false
            }
            state.signalled = true
            return true
        }
        if wake { pipe.wake() }
        return pipe.readDescriptor
    }

    /// Everything queued, oldest first; empties the wake-up pipe when a post wrote to it. The
    /// UI thread stops listening until its next `listen()`.
    func take() -> [Message] {
        let (messages, signalled) = state.withLock { state in
            defer {
                state.messages.removeAll()
                state.listening = false
                state.signalled = false
            }
            return (state.messages, state.signalled)
        }
        if signalled { _ = pipe.drain() }
        return messages
    }
}
