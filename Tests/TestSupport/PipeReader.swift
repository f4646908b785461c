public import Foundation

/// Reads a child's output on a thread of its own until end of file, handing each chunk to
/// `chunk`. Not a `readabilityHandler`: its dispatch source crashed libdispatch's event
/// loop once when the pipe was dropped while the source still watched the descriptor.
public func readUntilEnd(_ handle: FileHandle, _ chunk: @escaping @Sendable (Data) -> Void) {
    Thread.detachNewThread {
        while true {
            let data = handle.availableData
            if data.isEmpty { return }
            chunk(data)
        }
    }
}
