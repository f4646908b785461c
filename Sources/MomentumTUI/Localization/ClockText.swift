import Foundation

/// "10:31": the time of day as the chat and the header show it, on a 24-hour clock.
enum ClockText {
    static func format(_ date: Date, timeZone: TimeZone = .current) -> String {
        // Arithmetic on the zone's offset, not a Calendar per call: every chat line has a
        // time, and building a Calendar for each was a fourteenth of the client's CPU in a flood.
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: date)
        let local = seconds >= 0 ? seconds / 60 : (seconds - 59) / 60
        let minutes = (local % 1440 + 1440) % 1440
        return twoDigits(minutes / 60) + ":" + twoDigits(minutes % 60)
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }
}
