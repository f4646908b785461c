import Foundation
import Testing
@testable import MomentumTUI

/// The chat's "10:31", by arithmetic on the zone's offset, is what a Gregorian calendar says.
@Suite("Clock text")
struct ClockTextTests {
    @Test(arguments: ["UTC", "Europe/Paris", "America/Montreal", "Asia/Kolkata", "Pacific/Chatham", "Africa/Abidjan"])
    func agreesWithTheCalendar(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        // Across a year, both sides of the daylight-saving changes, at odd seconds.
        for step in 0..<400 {
            let date = Date(timeIntervalSince1970: 1_774_000_000 + Double(step) * 86_400 * 0.91 + 0.5)
            let parts = calendar.dateComponents([.hour, .minute], from: date)
            #expect(ClockText.format(date, timeZone: timeZone) == String(format: "%02d:%02d", parts.hour ?? -1, parts.minute ?? -1))
        }
    }
}
