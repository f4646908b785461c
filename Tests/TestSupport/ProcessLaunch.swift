public import Foundation
import Glibc
import Synchronization

/// Launching children from the test process, around a bug of Foundation's `Process.run()`.
///
/// On Linux, `run()` lists `/proc/self/fd` to close the descriptors the child must not
/// inherit, and copies each entry's whole 256-byte name out of the directory buffer. With
/// more than about 1,360 descriptors open the buffer (32 KB) is full, the last copy reads
/// past its end, and when the heap ends there the test process dies (signal 11 in a
/// `memcpy` inside `run()`). The full test run holds up to 1,500 descriptors at its peak
/// (servers, clients and their SQLite files, all in one process), so it happened in about
/// one run out of three with PostgreSQL. Padding the top of malloc's heaps with a megabyte
/// keeps memory mapped past any buffer carved from the top, where the read lands.
private let launching: Mutex<Bool> = Mutex(false)

/// `mallopt(M_TOP_PAD, 1 MB)`: glibc's `<malloc.h>` is not in Swift's Glibc module.
private func padHeaps() {
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
    let mTopPad: Int32 = -2
    _ = unsafeBitCast(symbol, to: Mallopt.self)(mTopPad, 1 << 20)
}

extension Process {
    /// `run()`, one launch at a time, with the heap padded (see above) from the first one on.
    public func runAlone() throws {
        try launching.withLock { padded in
            if !padded {
                padHeaps()
                padded = true
            }
            try run()
        }
    }

    /// Waits for the process to end without blocking a thread of Swift's pool:
    /// `waitUntilExit()` there held one of its two threads for the whole of a load run, and
    /// every other test stalled with it. False when it still runs after `seconds`.
    public func ended(within seconds: Double) async -> Bool {
        await eventually(within: seconds) { !isRunning }
    }
}
