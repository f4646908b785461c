import SessionModel
import Widgets

/// The Questions view: the list (open questions first, numbered as `/repondre N` numbers
/// them), the selected question in full with its answer under a rule, and the view's keys at
/// the foot. A row is one line, so a long question is read whole below the list.
struct QuestionsPane {
    let model: RoomModel

    func render(in rect: Rect, buffer: inout CellBuffer) {
        let theme = model.theme, v = model.strings.engageView
        buffer.fill(rect, with: Cell(" ", style: theme.text))
        guard !rect.isEmpty else { return }
        let questions = model.questionsInView
        let foot = model.isExpert ? v.expertPaneKeys : v.learnerPaneKeys
        let split = Layout.split(rect, .vertical, [.fill(1), .fixed(rect.height > 3 ? 1 : 0)])
        buffer.write(Text.truncate(foot, to: rect.width, ellipsis: theme.ellipsis), x: split[1].x, y: split[1].y, style: theme.dim, clip: split[1])
        guard let selected = model.selectedQuestion else {
            let empty = model.isExpert ? v.emptyForExpert : v.emptyForLearner
            for (index, line) in Text.wrap(empty, width: rect.width).prefix(split[0].height).enumerated() {
                buffer.write(line, x: rect.x, y: rect.y + index, style: theme.dim, clip: split[0])
            }
            return
        }
        let detail = details(of: selected).flatMap { text, style in Text.wrap(text, width: rect.width).map { ($0, style) } }
        // The list keeps at least half the view; the selected question gets the rest under a rule.
        let detailHeight = min(detail.count + 1, split[0].height / 2)
        let parts = Layout.split(split[0], .vertical, [.fill(1), .fixed(detailHeight)])
        var number = 0
        let rows = questions.map { question -> ListView.Row in
            var text: String
            if question.isOpen {
                number += 1
                let mark = theme.asciiOnly ? "?" : "❓"
                text = model.isExpert ? mark + "\(number) " : mark + " "
            } else {
                text = theme.asciiOnly ? "v " : "✓ "
            }
            text += model.isExpert ? v.answeredBy(model.askerName(question), question.text) : question.text
            return ListView.Row(text, style: question.isOpen ? .plain : theme.dim)
        }
        let index = questions.firstIndex { $0.id == selected.id } ?? 0
        ListView(rows: rows, state: ListState(selected: index, offset: 0), focused: model.focus == .questions)
            .render(in: parts[0], buffer: &buffer, theme: theme)
        guard detailHeight > 0 else { return }
        let rule = String(repeating: String(theme.borders.horizontal), count: parts[1].width)
        buffer.write(rule, x: parts[1].x, y: parts[1].y, style: theme.dim, clip: parts[1])
        for (offset, (line, style)) in detail.prefix(detailHeight - 1).enumerated() {
            buffer.write(line, x: parts[1].x, y: parts[1].y + 1 + offset, style: style, clip: parts[1])
        }
    }

    /// The selected question in full: who asked (for the experts), the text, the answer or
    /// that it waits, and whether the room saw it.
    private func details(of question: Question) -> [(String, Style)] {
        let theme = model.theme, v = model.strings.engageView
        var lines: [(String, Style)] = []
        if model.isExpert { lines.append((v.asker(model.askerName(question), question.anonymous), theme.accent)) }
        lines.append((question.text, .plain))
        let by = question.answeredBy.flatMap { model.room?.participant($0)?.name } ?? "?"
        switch question.answer {
        case nil: lines.append(("… " + v.waiting, theme.dim))
        case ""?: lines.append(("→ " + v.closedBy(by), theme.dim))
        case let answer?: lines.append(("→ " + v.answeredBy(by, answer), theme.accent))
        }
        if question.published { lines.append(("(" + v.publishedMark + ")", theme.dim)) }
        return lines
    }
}
