import Foundation
import NIOCore
import NIOPosix
@testable import SessionServer
import Testing

@Suite("Event loop as task executor")
struct EventLoopExecutorTests {
    /// A change's task runs on its connection's loop, leaves it for another thread's work
    /// (the database's) and comes back to it: what saves the post its thread crossings.
    @Test func aTaskThatPrefersTheLoopRunsAndResumesOnIt() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let executor = EventLoopExecutor(loop)
        let (before, after) = await Task(executorPreference: executor) {
            let before = loop.inEventLoop
            // Resumed from a thread that is not the loop's, as GRDB's writer resumes a commit.
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                Thread { continuation.resume() }.start()
            }
            return (before, loop.inEventLoop)
        }.value
        #expect(before && after)
        let elsewhere = await Task { loop.inEventLoop }.value
        #expect(!elsewhere, "a task without the preference runs on the pool")
        try await group.shutdownGracefully()
    }
}
