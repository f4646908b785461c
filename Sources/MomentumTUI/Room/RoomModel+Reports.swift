import Foundation
import SessionClient
import SessionModel
import Widgets

/// `/presences` (the expert's register of today, in an overlay like help) and `/export`
/// (the transcript, written to a file in the current directory).
extension RoomModel {
    /// The register as the overlay shows it: today's half-days (or the last day with any).
    struct Presences {
        var register: AttendanceRegister
        var state = HelpState()
    }

    mutating func askPresences() -> [RoomEffect] {
        guard isExpert else { return [] }
        notice = strings.reports.fetching
        return [.fetchReport(.attendance)]
    }

    /// `/export` or `/export txt`: the transcript goes to a file named after the room and the time.
    mutating func askExport(_ argument: String) -> [RoomEffect] {
        let format: Transcript.Format
        switch argument.lowercased() {
        case "", "md": format = .md
        case "txt": format = .txt
        default:
            notice = strings.reports.badFormat(argument, "md, txt")
            return []
        }
        let directory = FileManager.default.currentDirectoryPath
        let path = directory + "/" + Self.exportName(title: room?.room.title ?? "atelier", at: now, in: timeZone) + "." + format.rawValue
        notice = strings.reports.fetching
        return [.fetchReport(.transcript(format: format, lang: strings.language.rawValue, path: path))]
    }

    /// "momentum-les-metiers-du-web-2026-11-30-1015": ASCII letters and digits only.
    static func exportName(title: String, at date: Date, in zone: TimeZone) -> String {
        let folded = title.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let slug = folded.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? String($0) : "-" }.joined()
            .split(separator: "-").joined(separator: "-")
        let clock = Clock.text(date, in: zone).replacingOccurrences(of: ":", with: "")
        return "momentum-" + String(slug.prefix(40)) + "-" + Clock.day(date, in: zone) + "-" + clock
    }

    mutating func receiveReport(_ answer: ReportAnswer) -> [RoomEffect] {
        switch answer {
        case .search(let query, let page): return receiveMatches(query: query, page)
        case .attendance(let register):
            notice = nil
            presences = Presences(register: register)
        case .saved(let path): notice = strings.reports.exported(path)
        }
        return []
    }

    mutating func reportFailed(_ failure: ReportFailure) {
        switch failure {
        case .request(let request, let error):
            if case .search = request { search?.waiting = false }
            notice = strings.describe(error)
        case .file(let path, let reason):
            notice = strings.reports.cannotWrite(path, reason)
        }
    }

    /// Keys while the register is shown: it scrolls, and closes like help.
    mutating func presencesKey(_ event: InputEvent) -> Bool {
        guard var shown = presences else { return false }
        let overlay = presencesOverlay
        if shown.state.handle(event, lineCount: overlay?.lineCount ?? 0, pageHeight: max(1, size.height - 6)) != nil || event == .enter {
            presences = nil
        } else {
            presences = shown
        }
        return true
    }

    /// The register of the day, one section per half-day.
    var presencesOverlay: HelpOverlay? {
        guard let presences else { return nil }
        let r = strings.reports
        let register = presences.register
        let zone = TimeZone(identifier: register.timeZone) ?? timeZone
        let today = Clock.day(now, in: zone)
        let day = register.rows.contains { $0.date == today } ? today : register.rows.last?.date
        var sections: [HelpOverlay.Section] = []
        for row in register.rows where row.date == day {
            let title = "\(r.period(row.period).capitalized) \(row.from)-\(row.to) (\(row.date))"
            if sections.last?.title != title { sections.append(HelpOverlay.Section(title: title, hints: [])) }
            let span = row.firstSeen.map { Clock.text($0, in: zone) + "-" + (row.lastSeen.map { Clock.text($0, in: zone) } ?? "") }
            let label = (row.present ? r.presentMark : r.absentMark) + (span.map { " · " + $0 } ?? "") + " · \(row.minutes) min"
            sections[sections.count - 1].hints.append(KeyHint(key: row.name + (row.role == .expert ? " ★" : ""), label: label))
        }
        if sections.isEmpty { sections = [HelpOverlay.Section(title: r.noRows, hints: [])] }
        return HelpOverlay(title: r.presencesTitle, sections: sections, state: presences.state)
    }
}
