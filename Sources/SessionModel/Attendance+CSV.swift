public import Foundation

extension AttendanceRegister {
    /// The register as CSV (RFC 4180: a header row, CRLF line ends, fields quoted when
    /// needed), times as local "HH:MM". Names are typed by strangers and opened in
    /// spreadsheets: see `CSV.field` for what keeps them from running as formulas.
    public func csv() -> String {
        let zone = TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 0) ?? .current
        let header = ["date", "period", "from", "to", "participant_id", "name", "role", "first_seen", "last_seen", "minutes", "present"]
        let lines = [header] + rows.map { row in
            [row.date, row.period, row.from, row.to, row.participantId, row.name, row.role.rawValue,
             row.firstSeen.map { Clock.text($0, in: zone) } ?? "", row.lastSeen.map { Clock.text($0, in: zone) } ?? "",
             String(row.minutes), row.present ? "yes" : "no"]
        }
        return lines.map { $0.map(CSV.field).joined(separator: ",") + "\r\n" }.joined()
    }
}

/// CSV fields that a spreadsheet reads as text, whatever they hold.
public enum CSV {
    /// A field as RFC 4180 writes it, neutralised against CSV injection (OWASP): a field that
    /// starts with = + - @, a tab or a carriage return gets a leading apostrophe, so that a
    /// spreadsheet shows it instead of evaluating it; then quoted (quotes doubled) when it
    /// holds a comma, a quote, a line break or the apostrophe just added.
    public static func field(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        guard value.unicodeScalars.contains(where: { ",\"\r\n'".unicodeScalars.contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Local clock times for reports.
public enum Clock {
    /// "HH:MM" of `date` in `zone`.
    public static func text(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return two(parts.hour ?? 0) + ":" + two(parts.minute ?? 0)
    }

    /// "YYYY-MM-DD" of `date` in `zone`.
    public static func day(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(parts.year ?? 0)-" + two(parts.month ?? 0) + "-" + two(parts.day ?? 0)
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
