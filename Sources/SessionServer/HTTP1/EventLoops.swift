import Foundation
import NIOCore

/// How many event loops the server runs: one per CPU it may run on.
///
/// NIO's default counts the machine's CPUs. A server pinned to one core (`taskset -c 1`, a
/// container's cpuset) then ran two event loops on it, and every commit woke both threads
/// to answer its room's polls: two context switches where one does.
enum EventLoops {
    static func count() -> Int {
        let machine = System.coreCount
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }),
              let allowed = cpus(in: line.dropFirst("Cpus_allowed_list:".count))
        else { return machine }
        return max(1, min(allowed, machine))
    }

    /// The CPUs of a list such as "0-3,6": nil when it cannot be read.
    static func cpus(in list: Substring) -> Int? {
        var total = 0
        for part in list.trimmingCharacters(in: .whitespaces).split(separator: ",") {
            let bounds = part.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            switch bounds.count {
            case 1:
                guard bounds[0] != nil else { return nil }
                total += 1
            case 2:
                guard let low = bounds[0], let high = bounds[1], high >= low else { return nil }
                total += high - low + 1
            default:
                return nil
            }
        }
        return total > 0 ? total : nil
    }
}

/// An event loop as a task executor: a task that prefers it runs its non-isolated code on
/// the loop's thread (SE-0417).
///
/// A post went from the loop to a pool thread (the router), to SQLite's writer thread and
/// back to the pool, then to the loop to be answered, and its room's polls were answered
/// from the loop again: each crossing a thread woken. In a task that prefers its
/// connection's loop, it leaves the loop only for the database's own thread, and comes
/// back to it with the commit done, where the answer and the room's deliveries are
/// written without another crossing.
final class EventLoopExecutor: TaskExecutor {
    let loop: any EventLoop

    init(_ loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
