import SessionModel
import Widgets

/// The open poll, on one row above the input: its question, its answers with their key,
/// my choice, and the counts as bars for whoever may see them (the expert; learners once
/// revealed). Learners answer with the digit keys from anywhere.
struct PollStrip {
    let poll: Poll
    let model: RoomModel

    func render(in rect: Rect, buffer: inout CellBuffer) {
        let theme = model.theme, e = model.strings.engage
        buffer.fill(rect, with: Cell(" ", style: theme.accent.adding(.reverse)))
        let mine = model.me.flatMap { poll.votes[$0.id] }
        let total = max(1, poll.voteCount ?? 0)
        var text = (theme.asciiOnly ? " " + e.pollPrefix + ": " : " 📊 ") + poll.question + "  "
        for (index, option) in poll.options.enumerated() {
            var item = "[\(index + 1)] " + option
            if let counts = poll.counts {
                // A bar of at most 5 cells, so six answers still fit at 80 columns.
                let filled = counts[index] * 5 / total
                let bar = String(repeating: theme.asciiOnly ? "#" : "█", count: filled)
                item += " " + bar + "\(counts[index])"
            }
            if mine == index { item += theme.asciiOnly ? " <" : " ✓" }
            text += item + "  "
        }
        if let count = poll.voteCount { text += "(" + e.votes(count) + ")" }
        buffer.write(Text.truncate(text, to: rect.width, ellipsis: theme.ellipsis), x: rect.x, y: rect.y,
                     style: theme.accent.adding(.reverse), clip: rect)
    }
}
