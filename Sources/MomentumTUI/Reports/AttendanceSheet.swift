import Foundation
import SessionModel

/// The attendance register as a printable Markdown sheet: one table per half-day, with an
/// empty signature column to sign on paper.
struct AttendanceSheet {
    var register: AttendanceRegister
    var strings: ReportStrings

    func markdown() -> String {
        let zone = TimeZone(identifier: register.timeZone) ?? .current
        var lines = ["# " + Markdown.escapeInline(strings.sheetTitle(register.title)), "", strings.sheetRules(register.rules, register.timeZone)]
        if register.rows.isEmpty { lines += ["", strings.noRows] }
        var slot: (String, String)?
        for row in register.rows {
            if slot.map({ $0 != (row.date, row.from) }) ?? true {
                slot = (row.date, row.from)
                lines += ["", "## \(row.date), \(strings.period(row.period)) (\(row.from)-\(row.to))", ""]
                lines.append("| " + strings.columns.joined(separator: " | ") + " |")
                lines.append("|" + String(repeating: "---|", count: strings.columns.count))
            }
            let cells = [
                Markdown.escapeInline(row.name), row.role == .expert ? strings.expert : "",
                row.firstSeen.map { Clock.text($0, in: zone) } ?? "", row.lastSeen.map { Clock.text($0, in: zone) } ?? "",
                String(row.minutes), row.present ? strings.yes : strings.no, "",
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
