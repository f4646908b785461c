import Foundation
import Glibc
import Testing
@testable import MomentumTUI

/// The inbox wakes the UI thread only when it listens, and once per wait.
@Suite("Inbox wake-ups")
struct InboxTests {
    /// Whether `fd` is readable now.
    func readable(_ fd: Int32) -> Bool {
        var polled = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
        return Glibc.poll(&polled, 1, 0) > 0
    }

    @Test func aPostWhileNobodyListensWritesNothingAndIsKept() {
        let inbox = Inbox<Int>()
        let fd = inbox.listen()
        _ = inbox.take()
        inbox.post(1)
        inbox.post(2)
        #expect(!readable(fd))
        #expect(inbox.take() == [1, 2])
    }

    @Test func aListenerIsWokenByThePostAndThePipeIsEmptiedByTake() {
        let inbox = Inbox<Int>()
        let fd = inbox.listen()
        #expect(!readable(fd))
        inbox.post(1)
        #expect(readable(fd))
        inbox.post(2)
        #expect(inbox.take() == [1, 2])
        #expect(!readable(fd))
        // Listening again: quiet until the next post.
        _ = inbox.listen()
        #expect(!readable(fd))
        inbox.post(3)
        #expect(readable(fd))
        #expect(inbox.take() == [3])
    }

    @Test func listeningWithMessagesWaitingIsReadableAtOnce() {
        let inbox = Inbox<Int>()
        inbox.post(1)
        let fd = inbox.listen()
        #expect(readable(fd))
        // Listening twice before taking writes no second byte.
        _ = inbox.listen()
        #expect(inbox.take() == [1])
        #expect(!readable(fd))
    }

    @Test func postsFromManyThreadsAreAllTakenOnceInEachPostersOrder() async {
        let inbox = Inbox<Int>()
        await withTaskGroup(of: Void.self) { group in
            for poster in 0..<4 {
                group.addTask { for n in 0..<500 { inbox.post(poster * 1000 + n) } }
            }
            var taken: [Int] = []
            while taken.count < 2000 {
                _ = inbox.listen()
                taken += inbox.take()
                await Task.yield()
            }
            await group.waitForAll()
            taken += inbox.take()
            #expect(taken.count == 2000)
            for poster in 0..<4 {
                #expect(taken.filter { $0 / 1000 == poster } == Array(poster * 1000..<poster * 1000 + 500))
            }
        }
    }
}
