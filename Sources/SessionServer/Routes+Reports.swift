import Foundation
import Hummingbird
import SessionModel

extension Routes {
    /// The attendance register, chat search and the transcript: reads over the room's history.
    func addWorkshopReports(to room: RouterGroup<ServerContext>) {
        room.get("attendance") { request, context in
            let reader = try await service.reader(token: bearer(request), room: context.parameters.get("roomId") ?? "")
            let query = request.uri.queryParameters
            let format = try choice(query["format"].map(String.init), name: "format", among: ["json", "csv"], default: "json")
            var rules = AttendanceRules()
            if let text = query["halfDays"].map(String.init) {
                guard let halfDays = HalfDay.parseList(text) else {
                    throw APIError(
                        status: 400, code: "invalid_halfDays",
                        message: "halfDays must be 1 to 4 spans in order, such as 08:00-12:30,13:30-18:00.")
                }
                rules.halfDays = halfDays
            }
            rules.graceMinutes = try intParameter(query["grace"].map(String.init), name: "grace", default: rules.graceMinutes, range: 0...240)
            rules.presentPercent = try intParameter(
                query["presentPercent"].map(String.init), name: "presentPercent", default: rules.presentPercent, range: 1...100)
            let register = try await service.attendance(for: reader, rules: rules, timeZone: try timeZone(query["timeZone"].map(String.init)))
            guard format == "csv" else { return try json(register) }
            return text(register.csv(), type: "text/csv; charset=utf-8; header=present")
        }
        room.get("search") { request, context in
            let reader = try await service.reader(token: bearer(request), room: context.parameters.get("roomId") ?? "")
            let query = request.uri.queryParameters
            let words = (formValue("q", in: request.uri.query) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !words.isEmpty, words.count <= SearchText.queryMaxLength else {
                throw APIError(
                    status: 400, code: "invalid_q",
                    message: "q must hold the words to search for, at most \(SearchText.queryMaxLength) characters.")
            }
            let before = try beforeParameter(query["before"].map(String.init))
            let limit = try intParameter(query["limit"].map(String.init), name: "limit", default: 20, range: 1...50)
            return try json(try await service.search(for: reader, query: words, before: before, limit: limit))
        }
        room.get("export") { request, context in
            let reader = try await service.reader(token: bearer(request), room: context.parameters.get("roomId") ?? "")
            let query = request.uri.queryParameters
            let name = try choice(query["format"].map(String.init), name: "format", among: Transcript.Format.allCases.map(\.rawValue), default: "md")
            let lang = try choice(query["lang"].map(String.init), name: "lang", among: ["en", "fr"], default: "en")
            let format = Transcript.Format(rawValue: name) ?? .md
            let transcript = try await service.export(
                for: reader, format: format, labels: TranscriptLabels.language(lang) ?? .english,
                timeZone: try timeZone(query["timeZone"].map(String.init)))
            return text(transcript, type: format == .md ? "text/markdown; charset=utf-8" : "text/plain; charset=utf-8")
        }
    }
}

/// One of a few words, or a 400 `invalid_<name>` that lists them.
private func choice(_ text: String?, name: String, among allowed: [String], default value: String) throws -> String {
    guard let text else { return value }
    guard allowed.contains(text) else {
        throw APIError(
            status: 400, code: "invalid_\(name)",
            message: "\(name) must be one of \(allowed.joined(separator: ", ")), not \"\(TextSanitizer.displaySafe(String(text.prefix(40))))\".")
    }
    return text
}

/// An IANA time zone such as Europe/Paris; the server's own when absent.
private func timeZone(_ text: String?) throws -> TimeZone {
    guard let text else { return .current }
    guard let zone = TimeZone(identifier: text) else {
        throw APIError(
            status: 400, code: "invalid_timeZone",
            message: "timeZone must be a time zone name such as Europe/Paris, not \"\(TextSanitizer.displaySafe(String(text.prefix(40))))\".")
    }
    return zone
}

/// A query parameter decoded as HTML forms and most clients encode it: "+" is a space, then
/// percent escapes (so a "+" searched for arrives as %2B). Nil when absent or not UTF-8.
func formValue(_ name: String, in rawQuery: String?) -> String? {
    guard let rawQuery else { return nil }
    for pair in rawQuery.split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.first == Substring(name) else { continue }
        let value = parts.count > 1 ? String(parts[1]) : ""
        return value.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
    return nil
}

/// `before`, an event number (seq), when given.
func beforeParameter(_ text: String?) throws -> Int64? {
    try text.map { text -> Int64 in
        guard let seq = Int64(text), seq >= 0 else {
            throw APIError(status: 400, code: "invalid_before", message: "before must be an event number (seq), not \"\(TextSanitizer.displaySafe(String(text.prefix(40))))\".")
        }
        return seq
    }
}

private func text(_ body: String, type: String) -> Response {
    Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: body)))
}
