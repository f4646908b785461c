import Foundation
import SessionModel
import Widgets

/// The left of the header: the workshop's title and day, then the current item with its
/// time left. What must stay at every width (the day, the item's time and time left) is
/// kept whole; the two titles share what is left, the item's title first.
struct RoomHeader {
    let model: RoomModel

    /// The bold part (title and day) and the rest, together at most `width` columns.
    func left(width: Int) -> (title: String, rest: String) {
        let s = model.strings, ellipsis = model.theme.ellipsis
        guard let room = model.room else { return (Text.truncate(" Momentum", to: max(0, width), ellipsis: ellipsis), "") }
        let days = room.agenda.map(\.day).max() ?? 1
        let day = room.isOver ? s.workshop.overBadge : s.day(min(room.currentDay, days), days)
        // The item: "▶ 10:30 " + its title + " (5 min, reste 20)"; nothing once the workshop is over.
        var itemStart = "", itemTitle = "", itemEnd = ""
        if room.isOver {
            itemStart = ""
        } else if let item = room.currentItem {
            let elapsed = room.currentItemSince.map { max(0, Int(model.now.timeIntervalSince($0) / 60)) } ?? 0
            itemStart = "▶ \(item.start) "
            itemTitle = item.title
            itemEnd = " (\(s.minutesLeft(elapsed, item.minutes)))"
        } else {
            itemStart = s.noAgendaItem
        }
        let gap = itemStart.isEmpty ? "" : "  "
        let fixed = 1 + DisplayWidth.of(" · " + day) + DisplayWidth.of(gap + itemStart + itemEnd)
        let flexible = max(0, width - fixed)
        let titleWidth = DisplayWidth.of(room.room.title), itemWidth = DisplayWidth.of(itemTitle)
        var titleShare = titleWidth, itemShare = itemWidth
        if titleWidth + itemWidth > flexible {
            // The item first; the workshop's title keeps what is left, six columns at least
            // when the item can spare them and still say something.
            itemShare = min(itemWidth, flexible)
            titleShare = flexible - itemShare
            let wanted = min(titleWidth, 6) - titleShare
            if wanted > 0, itemShare - wanted >= min(itemWidth, 8) {
                itemShare -= wanted
                titleShare += wanted
            }
        }
        func says(_ share: Int, _ width: Int) -> Bool { share >= width || share >= 4 }
        // Too narrow for a title that says anything: the day alone.
        let title = says(titleShare, titleWidth) && titleWidth > 0
            ? " " + Text.truncate(room.room.title, to: titleShare, ellipsis: ellipsis) + " · " + day : " " + day
        let shownItem = says(itemShare, itemWidth) ? Text.truncate(itemTitle, to: itemShare, ellipsis: ellipsis) : ""
        let itemText = itemStart + shownItem + (shownItem.isEmpty ? itemEnd.trimmingCharacters(in: .whitespaces) : itemEnd)
        let rest = Text.truncate(gap + itemText, to: max(0, width - DisplayWidth.of(title)), ellipsis: ellipsis)
        return (Text.truncate(title, to: max(0, width), ellipsis: ellipsis), rest)
    }
}
