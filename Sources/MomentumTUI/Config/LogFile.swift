import ArgumentParser
import Foundation
package import Logging
import Synchronization

/// `--log-file`: a swift-log handler that appends one line per message to a file, because
/// a full-screen interface cannot let anything write to the terminal under it.
package struct LogFile: LogHandler {
    /// The open file, shared by every logger made from it.
    package final class Sink: Sendable {
        private let handle: Mutex<FileHandle>

        /// Opens (creating if needed) `path` for appending.
        package init(path: String) throws {
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil) else {
                    throw ValidationError("--log-file: cannot create \(path).")
                }
            }
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw ValidationError("--log-file: cannot write to \(path).")
            }
            handle.seekToEndOfFile()
            self.handle = Mutex(handle)
        }

        func write(_ line: String) {
            handle.withLock { $0.write(Data((line + "\n").utf8)) }
        }

        /// A logger that writes here from `level` up.
        package func logger(label: String, level: Logger.Level) -> Logger {
            var logger = Logger(label: label) { label in LogFile(label: label, sink: self) }
            logger.logLevel = level
            return logger
        }
    }

    let label: String
    let sink: Sink
    package var logLevel: Logger.Level = .info
    package var metadata: Logger.Metadata = [:]

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let extra = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let time = Date().formatted(.iso8601)
        sink.write("\(time) \(event.level) \(label): \(event.message)\(extra)")
    }
}
