import Foundation
import SessionModel
import Widgets

/// The left of the header: the workshop's title and day, then the current item with its
/// time left. What must stay at every width (the day, the item's start and time left) is
/// kept whole; the item's title comes first, the workshop's title takes what is left, and
/// when room is short the time left is said in fewer words ("reste 50 min").
struct RoomHeader {
    let model: RoomModel

    /// Whether the current item's title is shown whole in `width` columns (or there is none).
    func itemFits(width: Int) -> Bool {
        layout(width: width, compact: false).itemWhole || layout(width: width, compact: true).itemWhole
    }

    /// The bold part (title and day) and the rest, together at most `width` columns.
    func left(width: Int) -> (title: String, rest: String) {
        let full = layout(width: width, compact: false)
        // The usual words while the item's title is whole and the workshop's shows.
        guard !full.itemWhole || !full.showsTitle else { return full.text }
        let compact = layout(width: width, compact: true)
        return compact.score > full.score ? compact.text : full.text
    }

    private struct Layout {
        var text: (title: String, rest: String)
        var itemWhole: Bool
        var showsTitle: Bool
        /// What is shown of the titles, for choosing between layouts.
        var score: Int
    }

    private func layout(width: Int, compact: Bool) -> Layout {
        let s = model.strings, ellipsis = model.theme.ellipsis
        guard let room = model.room else {
            return Layout(text: (Text.truncate(" Momentum", to: max(0, width), ellipsis: ellipsis), ""), itemWhole: true, showsTitle: true, score: 0)
        }
        let days = room.agenda.map(\.day).max() ?? 1
        let day = room.isOver ? s.workshop.overBadge : s.day(min(room.currentDay, days), days)
        // The item: "▶ 10:30 " + its title + " (10 min, reste 50)"; nothing once the workshop is over.
        var itemStart = "", itemTitle = "", itemEnd = ""
        if !room.isOver, let item = room.currentItem {
            let elapsed = room.currentItemSince.map { max(0, Int(model.now.timeIntervalSince($0) / 60)) } ?? 0
            itemStart = "▶ \(item.start) "
            itemTitle = item.title
            itemEnd = " (" + (compact ? s.workshop.timeLeftShort(elapsed, item.minutes) : s.minutesLeft(elapsed, item.minutes)) + ")"
        } else if !room.isOver {
            itemStart = s.noAgendaItem
        }
        let gap = itemStart.isEmpty ? "" : "  "
        // Without the workshop's title: " jour 1/2  ▶ 09:30 " + item + " (…)".
        let core = 1 + DisplayWidth.of(day) + DisplayWidth.of(gap + itemStart + itemEnd)
        let titleWidth = DisplayWidth.of(room.room.title), itemWidth = DisplayWidth.of(itemTitle)
        // A title cut to fewer columns than this says nothing: it is left out.
        func says(_ share: Int, _ whole: Int, least: Int) -> Bool { share >= whole || share >= least }
        // The item whole first (it says what is happening now); then the workshop's title,
        // with " · ", in what is left, if that can say something.
        let itemShare = min(itemWidth, max(0, width - core))
        let titleShare = max(0, width - core - itemShare - 3)
        let showsTitle = titleWidth > 0 && says(min(titleShare, titleWidth), titleWidth, least: 8)
        let title = showsTitle ? " " + Text.truncate(room.room.title, to: titleShare, ellipsis: ellipsis) + " · " + day : " " + day
        let shownItem = says(itemShare, itemWidth, least: 4) ? Text.truncate(itemTitle, to: itemShare, ellipsis: ellipsis) : ""
        let itemText = itemStart + shownItem + (shownItem.isEmpty ? itemEnd.trimmingCharacters(in: .whitespaces) : itemEnd)
        let rest = Text.truncate(gap + itemText, to: max(0, width - DisplayWidth.of(title)), ellipsis: ellipsis)
        let shownTitle = showsTitle ? min(titleShare, titleWidth) : 0
        let shownItemWidth = shownItem.isEmpty ? 0 : min(itemShare, itemWidth)
        return Layout(
            text: (Text.truncate(title, to: max(0, width), ellipsis: ellipsis), rest),
            itemWhole: shownItemWidth == itemWidth, showsTitle: showsTitle,
            // The item's title counts double: it says what is happening now.
            score: 2 * shownItemWidth + shownTitle)
    }
}
