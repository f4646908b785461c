import ArgumentParser
import Foundation
package import SessionModel

/// A workshop description on disk: the body of `POST /v1/rooms`, as JSON.
package enum WorkshopFile {
    package static func load(_ path: String) throws -> CreateRoomRequest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("The workshop file \(path) cannot be read.")
        }
        do {
            return try WireCoding.decoder().decode(CreateRoomRequest.self, from: data)
        } catch {
            throw ValidationError("The workshop file \(path) is not a workshop: it needs a \"title\" and an \"agenda\" of {title, day, start, minutes}.")
        }
    }
}
