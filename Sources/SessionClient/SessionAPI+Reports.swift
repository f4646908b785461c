import Foundation
public import SessionModel

/// The reports over a room's history: attendance, search, transcript. `room` is the room's
/// id, or its join code when `token` is the moderator key or the admin token.
extension SessionAPI {
    public func attendance(room: String, token: String, halfDays: String? = nil, timeZone: String? = nil) async throws(ClientError) -> AttendanceRegister {
        let response = try await send("GET", reportPath(room, "attendance", ["halfDays": halfDays, "timeZone": timeZone]), token: token, bodyData: nil, timeout: nil)
        do {
            return try WireCoding.decoder().decode(AttendanceRegister.self, from: response.body)
        } catch {
            throw .invalidResponse("GET attendance answered \(response.status) with a body that is not the expected JSON")
        }
    }

    /// Matching messages, newest first, before the event `before`.
    public func search(_ room: RoomCredentials, query: String, before: Int64?) async throws(ClientError) -> SearchResponse {
        let response = try await send(
            "GET", reportPath(room.roomId, "search", ["q": query, "before": before.map(String.init)]), token: room.token, bodyData: nil, timeout: nil)
        do {
            return try WireCoding.decoder().decode(SearchResponse.self, from: response.body)
        } catch {
            throw .invalidResponse("GET search answered \(response.status) with a body that is not the expected JSON")
        }
    }

    /// The transcript, Markdown (`md`) or plain text (`txt`), its labels in `lang` ("fr", "en").
    public func export(room: String, token: String, format: Transcript.Format, lang: String) async throws(ClientError) -> String {
        let response = try await send(
            "GET", reportPath(room, "export", ["format": format.rawValue, "lang": lang, "timeZone": TimeZone.current.identifier]),
            token: token, bodyData: nil, timeout: 60)
        return String(decoding: response.body, as: UTF8.self)
    }

    private func reportPath(_ room: String, _ endpoint: String, _ query: [String: String?]) -> String {
        let pairs = query.sorted { $0.key < $1.key }.compactMap { key, value in value.map { "\(key)=\(escape($0))" } }
        // Ids and codes are letters, digits and "_": only anything else is percent-encoded
        // (the server does not decode path segments).
        let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let path = room.addingPercentEncoding(withAllowedCharacters: unreserved) ?? room
        return "/v1/rooms/\(path)/\(endpoint)" + (pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&"))
    }
}
