import Foundation
import SessionClient
import SessionModel
import Testing
import TestSupport

/// A SQLite database on a disk that fills up: writes answer 503 `unavailable` with
/// `Retry-After` (a passing fault the client retries), never 500, and succeed again once
/// there is room. Needs a small tmpfs, so root (mount(8)); skipped elsewhere.
@Suite("A full disk", .serialized, .enabled(if: getuid() == 0, "mounts a tmpfs: needs root"))
struct FullDiskTests {
    @Test(.timeLimit(.minutes(2)))
    func aFullDiskAnswers503AndRecovers() async throws {
        let folder = NSTemporaryDirectory() + "momentum-full-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard shell("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", folder) == 0 else {
            Issue.record("mount -t tmpfs failed")
            return
        }
        defer {
            _ = shell("umount", "-l", folder)
            try? FileManager.default.removeItem(atPath: folder)
        }
        let server = try await TestServer(databasePath: folder + "/momentum.sqlite")
        let room = try await server.createRoom()
        let karim = try await server.join(room, "Karim")
        // Everything left on the disk but a few kilobytes goes to a filler file.
        let filler = folder + "/filler"
        FileManager.default.createFile(atPath: filler, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: filler))
        let chunk = Data(count: 4096)
        while (try? handle.write(contentsOf: chunk)) != nil {}
        try? handle.close()

        var statuses: [Int] = []
        var refused: HTTPResponse?
        for index in 0..<300 where refused == nil {
            let body = #"{"text": "\#(String(repeating: "x", count: 900)) \#(index)", "clientId": "full-\#(index)"}"#
            let response = try await server.raw("POST", "/v1/rooms/\(room.roomId)/messages", token: karim.token, body: body)
            statuses.append(response.status)
            if response.status >= 300 { refused = response }
        }
        let answer = try #require(refused, "the disk never filled: \(statuses.count) messages went in")
        #expect(answer.status == 503 && answer.apiError?.error == "unavailable", "\(answer.status) \(String(decoding: answer.body, as: UTF8.self))")
        #expect(answer.headers["retry-after"] != nil)
        #expect(!statuses.contains(500))
        let health = try await server.raw("GET", "/healthz")
        #expect(health.status == 503, "a full disk takes the server out of rotation")
        #expect(String(decoding: health.body, as: UTF8.self).contains("\"status\":\"unavailable\""))

        // Room again: the same request goes through.
        try FileManager.default.removeItem(atPath: filler)
        let body = #"{"text": "de la place", "clientId": "after-full"}"#
        #expect(await eventually { (try? await server.raw("POST", "/v1/rooms/\(room.roomId)/messages", token: karim.token, body: body)).map { (200..<300).contains($0.status) } == true })
        #expect(try await server.raw("GET", "/healthz").status == 200)
        await server.stop()
    }

    private func shell(_ arguments: String...) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.runAlone()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
