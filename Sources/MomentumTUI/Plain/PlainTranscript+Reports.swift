import Foundation
import SessionClient
import SessionModel

/// Search results, the register and the export in plain mode: one sentence per line.
extension PlainTranscript {
    func report(_ answer: ReportAnswer) -> [String] {
        let r = strings.reports
        switch answer {
        case .search(let query, let page):
            guard let state else { return [] }
            let more = page.nextBefore.map { r.plainMoreMatches(query, $0) }
            return [plain(r.plainMatches(page.messages.count, safe(query)))] + page.messages.map { line(for: $0, in: state, authors: page.authors ?? [], withDay: false) } + (more.map { [plain($0)] } ?? [])
        case .attendance(let register):
            let zone = TimeZone(identifier: register.timeZone) ?? .current
            guard let day = register.rows.last?.date else { return [plain(r.noRows)] }
            return register.rows.filter { $0.date == day }.map { row in
                let span = row.firstSeen.map { (from: Clock.text($0, in: zone), to: row.lastSeen.map { Clock.text($0, in: zone) } ?? "") }
                return plain(r.plainRow(safe(row.name), r.period(row.period), row.present, span, row.minutes))
            }
        case .saved(let path): return [plain(r.exported(path))]
        }
    }

    func reportFailed(_ failure: ReportFailure) -> String {
        switch failure {
        case .request(_, let error): plain(strings.describe(error))
        case .file(let path, let reason): plain(strings.reports.cannotWrite(path, reason))
        }
    }
}
