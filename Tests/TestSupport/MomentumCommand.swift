public import Foundation

/// The real `momentum` binary run once with arguments, for tests of the command line: what it
/// wrote (standard output and error together) and its exit status.
public enum MomentumCommand {
    /// Runs `momentum arguments` (or another `binary`) with the test's environment changed by
    /// `environment` (nil removes a variable). Waits without blocking one of Swift's two pool
    /// threads, since a server under test may answer the command on that pool.
    public static func run(
        _ arguments: [String], environment changes: [String: String?], binary: String = ServerProcess.binary
    ) async throws -> (text: String, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for (name, value) in changes { environment[name] = value }
        process.environment = environment
        let path = NSTemporaryDirectory() + "momentum-command-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        process.standardOutput = file
        process.standardError = file
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in done.resume() }
            do { try process.runAlone() } catch { done.resume(throwing: error) }
        }
        try file.close()
        return (String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self), process.terminationStatus)
    }
}
