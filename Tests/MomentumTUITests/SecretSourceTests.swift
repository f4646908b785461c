import Foundation
import Testing
@testable import MomentumTUI

/// Secrets can stay off the command line, where `ps` shows them to every user.
@Suite("Secrets off the command line")
struct SecretSourceTests {
    @Test func theOptionThenTheFileThenTheEnvironment() throws {
        let file = NSTemporaryDirectory() + "momentum-key-\(UUID().uuidString)"
        try Data("  clé-du-fichier  \nsecond line\n".utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let environment = ["MOMENTUM_MODERATOR_KEY": "clé-de-l-environnement"]
        #expect(try SecretSource.resolve(option: "clé-option", file: file, environment: "MOMENTUM_MODERATOR_KEY", in: environment) == "clé-option")
        #expect(try SecretSource.resolve(option: nil, file: file, environment: "MOMENTUM_MODERATOR_KEY", in: environment) == "clé-du-fichier")
        #expect(try SecretSource.resolve(option: nil, file: nil, environment: "MOMENTUM_MODERATOR_KEY", in: environment) == "clé-de-l-environnement")
        #expect(try SecretSource.resolve(option: nil, file: nil, environment: "MOMENTUM_MODERATOR_KEY", in: [:]) == nil)
    }

    @Test func aMissingOrEmptyFileIsSaid() throws {
        #expect(throws: (any Error).self) {
            _ = try SecretSource.resolve(option: nil, file: "/nonexistent/key", environment: "X", in: [:])
        }
        let empty = NSTemporaryDirectory() + "momentum-empty-\(UUID().uuidString)"
        try Data("\n".utf8).write(to: URL(fileURLWithPath: empty))
        defer { try? FileManager.default.removeItem(atPath: empty) }
        #expect(throws: (any Error).self) {
            _ = try SecretSource.resolve(option: nil, file: empty, environment: "X", in: [:])
        }
    }
}
