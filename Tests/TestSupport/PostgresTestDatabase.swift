public import Foundation

/// Throwaway PostgreSQL databases on the cluster that `make test` starts
/// (`MOMENTUM_TEST_POSTGRES_URL`, see Tests/support/postgres-cluster.sh).
public enum PostgresTestDatabase {
    /// The cluster's URL, ending in the maintenance database.
    public static var clusterURL: String? {
        ProcessInfo.processInfo.environment["MOMENTUM_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether PostgreSQL tests can run here. `make test` always sets the URL; a bare
    /// `swift test` without it skips them, and says so in the test list.
    public static var available: Bool { clusterURL != nil }

    /// Creates an empty database and answers its URL.
    public static func create() throws -> String {
        guard let cluster = clusterURL else { throw TestFailure("MOMENTUM_TEST_POSTGRES_URL is not set: run the tests with make test") }
        let name = "momentum_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try psql(cluster, "CREATE DATABASE \(name)")
        guard let slash = cluster.range(of: "/", options: .backwards) else { throw TestFailure("bad cluster URL \(cluster)") }
        return String(cluster[..<slash.lowerBound]) + "/" + name
    }

    /// Runs one SQL statement with psql and answers what it printed (unaligned, no headers).
    @discardableResult
    public static func psql(_ url: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [url, "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-c", sql]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.runAlone()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("psql \(sql): \(problem)") }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
