import Foundation
import Widgets

/// Repeated hand changes by one person collapse into one system line: "Léa lève la main
/// (×3)" is updated in place while nothing else came below it, instead of a line per toggle.
struct RepeatedLine: Sendable, Equatable {
    var participantId: String
    var count: Int
    var at: Date
    var key: String

    /// Changes closer together than this are one line.
    static let window: TimeInterval = 60
}

extension ChatFeed {
    /// Shows a hand change by `participantId`: in place of the last line when that line is
    /// their previous change, less than `RepeatedLine.window` ago; `line` draws it for a count.
    mutating func handChanged(by participantId: String, at date: Date, line: (Int) -> LogLine) {
        if let last = lastHandLine, last.participantId == participantId, date.timeIntervalSince(last.at) < RepeatedLine.window,
           log.lastLineID == last.key {
            var drawn = line(last.count + 1)
            drawn.id = last.key
            replaceLine(id: last.key, with: drawn)
            lastHandLine = RepeatedLine(participantId: participantId, count: last.count + 1, at: date, key: last.key)
            return
        }
        handLineSerial += 1
        let key = "hand \(participantId) \(handLineSerial)"
        var drawn = line(1)
        drawn.id = key
        system(drawn)
        lastHandLine = RepeatedLine(participantId: participantId, count: 1, at: date, key: key)
    }
}
