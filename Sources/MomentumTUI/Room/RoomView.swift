import Foundation
import SessionClient
import SessionModel
import Widgets

/// Draws the room: a pure function of the model (apart from the log's and the editor's
/// caches). Three columns from 120 columns, chat and a tabbed side panel from 80, one
/// tabbed pane below that, and a clear message under 40x12.
enum RoomView {
    static let minimum = Size(width: 40, height: 12)

    enum Mode { case threeColumns, sidePanel, single }

    static func mode(for size: Size) -> Mode {
        size.width >= 120 ? .threeColumns : size.width >= 80 ? .sidePanel : .single
    }

    /// The frame and the cell where the terminal's cursor goes (the input line).
    static func render(_ model: inout RoomModel) -> (CellBuffer, Point?) {
        let size = model.size
        var buffer = CellBuffer(size: size)
        let theme = model.theme
        guard size.width >= minimum.width, size.height >= minimum.height else {
            for (index, line) in Text.wrap(model.strings.tooSmall(size.width, size.height), width: max(1, size.width)).enumerated() {
                buffer.write(line, x: 0, y: index, style: theme.warning)
            }
            return (buffer, nil)
        }
        let rows = screenRows(model)
        header(model, in: rows[0], buffer: &buffer)
        let panes = paneRects(model, in: rows[1])
        for (pane, rect) in panes { draw(pane, model: &model, in: rect, buffer: &buffer) }
        if let (text, strong) = bannerLine(model) {
            let style = strong ? theme.accent.adding(.reverse) : theme.warning
            buffer.fill(rows[2], with: Cell(" ", style: style))
            buffer.write(Text.truncate(" " + text, to: rows[2].width, ellipsis: theme.ellipsis), x: rows[2].x, y: rows[2].y, style: style)
        }
        if let poll = model.room?.openPoll { PollStrip(poll: poll, model: model).render(in: rows[3], buffer: &buffer) }
        model.editor.render(in: rows[4], buffer: &buffer, theme: theme)
        StatusBar(hints: model.keys.statusHints, trailing: "").render(in: rows[5], buffer: &buffer, theme: theme)
        var cursor: Point? = model.editor.cursorPosition(in: rows[4])
        if model.showHelp {
            model.helpOverlay.render(in: Rect(size: size), buffer: &buffer, theme: theme)
            cursor = nil
        }
        if let presences = model.presencesOverlay {
            presences.render(in: Rect(size: size), buffer: &buffer, theme: theme)
            cursor = nil
        }
        if let removal = model.removal {
            Dialog.confirm(title: model.strings.removeTitle, message: model.strings.removeQuestion(removal.participant.name),
                           confirm: model.strings.removeConfirm, cancel: model.strings.cancel, state: removal.dialog)
                .render(in: Rect(size: size), buffer: &buffer, theme: theme)
            cursor = nil
        }
        if let quitting = model.quitting {
            Dialog.confirm(title: model.strings.quitTitle, message: model.strings.quitQuestion,
                           confirm: model.strings.quitConfirm, cancel: model.strings.cancel, state: quitting)
                .render(in: Rect(size: size), buffer: &buffer, theme: theme)
            cursor = nil
        }
        return (buffer, cursor)
    }

    /// The line above the input, if any, and whether it stands out (the floor, a question
    /// for the expert): the floor first, then a seat claim to answer, a notice, why there is
    /// no room yet.
    static func bannerLine(_ model: RoomModel) -> (String, Bool)? {
        // What the next key does comes first: it is what the user is in the middle of.
        if let picker = model.reactionPicker { return (picker, true) }
        if let prompt = model.composingPrompt { return (prompt, true) }
        if let notice = model.notice, model.search != nil { return (notice, false) }
        if let line = model.searchLine { return (line, true) }
        if let banner = model.banner { return (banner, true) }
        if let prompt = model.claimPrompt { return (prompt, true) }
        if let notice = model.notice { return (notice, false) }
        if let wait = model.seatWaitLine { return (wait, false) }
        return unreachable(model).map { ($0, false) }
    }

    /// Before the first join succeeds, why there is no room yet.
    static func unreachable(_ model: RoomModel) -> String? {
        guard model.me == nil, case .reconnecting(_, let retryIn, _) = model.status else { return nil }
        return model.strings.unreachable(Int(retryIn.rounded(.up)))
    }

    /// Where each visible pane goes.
    static func paneRects(_ model: RoomModel, in area: Rect) -> [(Pane, Rect)] {
        switch mode(for: model.size) {
        case .threeColumns:
            let columns = Layout.split(area, .horizontal, [.fixed(26), .fill(1), .fixed(28)])
            return [(model.focus == .questions ? .questions : .agenda, columns[0]), (.chat, columns[1]), (.people, columns[2])]
        case .sidePanel:
            let columns = Layout.split(area, .horizontal, [.fill(1), .fixed(28)])
            return [(.chat, columns[0]), (model.focus == .chat ? .people : model.focus, columns[1])]
        case .single:
            return [(model.focus, area)]
        }
    }

    /// Header, panes, banner (when there is one), the open poll (when there is one), input line, status bar.
    static func screenRows(_ model: RoomModel) -> [Rect] {
        let hasBanner = bannerLine(model) != nil
        let hasPoll = model.room?.openPoll != nil
        return Layout.split(Rect(size: model.size), .vertical, [.fixed(1), .fill(1), .fixed(hasBanner ? 1 : 0), .fixed(hasPoll ? 1 : 0), .fixed(1), .fixed(1)])
    }

    /// The pane under a mouse click, and the area of its list (inside the border, below tabs).
    static func paneRect(at point: Point, in model: RoomModel) -> (Pane, Rect)? {
        guard let (pane, rect) = paneRects(model, in: screenRows(model)[1]).first(where: { $0.1.contains(point) }) else { return nil }
        var inner = Box.inner(of: rect)
        if isTabbed(pane, model) { inner = Layout.split(inner, .vertical, [.fixed(1), .fill(1)])[1] }
        return (pane, inner)
    }

    static func isTabbed(_ pane: Pane, _ model: RoomModel) -> Bool {
        tabs(model).contains(pane)
    }

    /// The panes that share a column as tabs: the agenda, the roster and the questions below 120
    /// columns, every pane below 80. At 120 the Questions view takes the agenda's column while it
    /// has the focus.
    static func tabs(_ model: RoomModel) -> [Pane] {
        switch mode(for: model.size) {
        case .threeColumns: []
        case .sidePanel: [.agenda, .people, .questions]
        case .single: [.chat, .agenda, .people, .questions]
        }
    }

    private static func title(_ pane: Pane, _ model: RoomModel) -> String {
        switch pane {
        case .chat: model.strings.chat
        case .agenda: model.strings.agenda
        case .people: model.strings.people(model.attendance.here, model.attendance.expected)
        case .questions: model.strings.engageView.tab(model.questionsInView.filter(\.isOpen).count)
        }
    }

    private static func draw(_ pane: Pane, model: inout RoomModel, in rect: Rect, buffer: inout CellBuffer) {
        let theme = model.theme
        let tabbed = isTabbed(pane, model)
        Box(title: tabbed ? "" : title(pane, model), focused: model.focus == pane).render(in: rect, buffer: &buffer, theme: theme)
        var inner = Box.inner(of: rect)
        if tabbed {
            let panes = tabs(model)
            let split = Layout.split(inner, .vertical, [.fixed(1), .fill(1)])
            // A tab's title is short, so that the count of who is here shows at 80 columns.
            // The Questions tab is a mark and the open count, so that three tabs fit in 26 columns.
            let open = model.questionsInView.filter(\.isOpen).count
            let mark = (model.theme.asciiOnly ? "?" : "❓") + (open > 0 ? "\(open)" : "")
            let titles = panes.map { pane in
                switch pane {
                case .people: model.strings.peopleShort(model.attendance.here, model.attendance.expected)
                case .questions: mark
                case .chat, .agenda: title(pane, model)
                }
            }
            Tabs(titles: titles, state: TabsState(active: panes.firstIndex(of: pane) ?? 0))
                .render(in: split[0], buffer: &buffer, theme: theme)
            inner = split[1]
        }
        switch pane {
        case .chat: model.chat.render(in: inner, buffer: &buffer, theme: theme)
        case .agenda: agenda(model, in: inner, buffer: &buffer)
        case .people: people(model, in: inner, buffer: &buffer)
        case .questions: QuestionsPane(model: model).render(in: inner, buffer: &buffer)
        }
    }

    private static func agenda(_ model: RoomModel, in rect: Rect, buffer: inout CellBuffer) {
        guard let room = model.room else { return }
        let current = room.agenda.firstIndex { $0.id == room.currentItemId }
        let days = room.agenda.map(\.day).max() ?? 1
        // Whole titles: an item's title wraps under itself ("▶ 09:30 " is 8 columns); one
        // column stays free for the scroll marks.
        let indent = 8, titleWidth = max(4, rect.width - 1 - indent)
        var lastDay = 0
        var rows: [ListView.Row] = []
        var firstRow: [Int] = []
        for (index, item) in room.agenda.enumerated() {
            if item.day != lastDay {
                lastDay = item.day
                rows.append(ListView.Row(model.strings.day(item.day, days), style: model.theme.dim))
            }
            let mark = current.map { index < $0 ? "✓ " : index == $0 ? "▶ " : "  " } ?? "  "
            let style: Style = index == current ? model.theme.accent : .plain
            let lines = Text.wrap(item.title, width: titleWidth)
            firstRow.append(rows.count)
            rows.append(ListView.Row(mark + item.start + " " + (lines.first.map(String.init) ?? ""), style: style))
            for line in lines.dropFirst() { rows.append(ListView.Row(String(repeating: " ", count: indent) + line, style: style)) }
        }
        // The selection counts items; the rows also hold a header per day and wrapped lines.
        let selectedItem = model.agendaList.selection(count: room.agenda.count) ?? 0
        let selectedRow = firstRow.indices.contains(selectedItem) ? firstRow[selectedItem] : 0
        ListView(rows: rows, state: ListState(selected: selectedRow, offset: 0), focused: model.focus == .agenda)
            .render(in: rect, buffer: &buffer, theme: model.theme)
    }

    private static func people(_ model: RoomModel, in rect: Rect, buffer: inout CellBuffer) {
        guard let room = model.room else { return }
        let rows = model.rosterRows.map { row -> ListView.Row in
            guard case .person(let person) = row else {
                return ListView.Row((model.absentOpen ? "▾ " : "▸ ") + model.strings.absentGroup(model.absentees.count), style: model.theme.dim)
            }
            var mark = person.presence == .online ? "● " : person.presence == .away ? "◐ " : "○ "
            if person.role == .expert { mark = "★ " }
            // A pace signal shows like a hand; the hand and the floor matter more.
            if let signal = room.signals[person.id] { mark = model.strings.engage.signalMark(signal, model.theme.asciiOnly) + " " }
            if let place = room.handPlace(of: person.id) { mark = "✋\(place) " }
            if room.floor == person.id { mark = "🎤 " }
            var text = mark + person.name
            if person.role == .expert { text += " " + model.strings.expertBadge }
            if person.muted { text += " " + model.strings.mutedBadge }
            if person.id == model.me?.id { text += " (" + model.strings.you + ")" }
            return ListView.Row(text, style: Style(foreground: color(for: person.id, theme: model.theme)))
        }
        let selected = model.rosterRows.firstIndex { $0.id == model.selectedPersonId } ?? 0
        ListView(rows: rows, state: ListState(selected: selected, offset: model.people.offset), focused: model.focus == .people)
            .render(in: rect, buffer: &buffer, theme: model.theme)
    }

    private static func header(_ model: RoomModel, in rect: Rect, buffer: inout CellBuffer) {
        let s = model.strings, theme = model.theme
        buffer.fill(rect, with: Cell(" ", style: theme.statusBar))
        let status: String
        switch model.status {
        case .online: status = s.online
        case .connecting: status = s.connecting
        case .reconnecting(_, let retryIn, _): status = s.reconnecting(Int(retryIn.rounded(.up)))
        case .ended: status = s.offline
        }
        // A locked room says so next to the connection: nobody new can come in.
        let locked = model.room?.locked == true ? s.lockedBadge + "  " : ""
        let timer = model.timerBadge.map { $0 + "  " } ?? ""
        // The clock gives way to the current item's title (every chat line has its time):
        // it shows from 80 columns, and only when the item's title still fits whole.
        let header = RoomHeader(model: model)
        let fixed = timer + expertCounts(model) + locked + status
        let clock = "  " + model.clock(model.now)
        let withClock = rect.width >= 80 && header.itemFits(width: rect.width - DisplayWidth.of(fixed + clock + " ") - 2)
        let right = fixed + (withClock ? clock : "") + " "
        let rightWidth = DisplayWidth.of(right)
        buffer.write(right, x: rect.maxX - rightWidth, y: rect.y, style: theme.statusBar, clip: rect)
        let line = header.left(width: rect.width - rightWidth - 2)
        buffer.write(line.title, x: rect.x, y: rect.y, style: theme.statusBar.adding(.bold), clip: rect)
        buffer.write(line.rest, x: rect.x + DisplayWidth.of(line.title), y: rect.y, style: theme.statusBar, clip: rect)
    }

    /// The expert's header: open questions and pace signals, "❓2 😵3 🐢1  ".
    private static func expertCounts(_ model: RoomModel) -> String {
        guard model.isExpert, let room = model.room else { return "" }
        let e = model.strings.engage, ascii = model.theme.asciiOnly
        var parts: [String] = []
        let open = room.openQuestions.count
        if open > 0 { parts.append(ascii ? "?\(open)" : e.openQuestions(open)) }
        let counts = room.signalCounts
        for signal in [PaceSignal.lost, .slower, .faster, .ok] {
            if let count = counts[signal], count > 0 { parts.append(e.signalMark(signal, ascii) + "\(count)") }
        }
        return parts.isEmpty ? "" : parts.joined(separator: " ") + "  "
    }

    /// A stable colour per person, so the same name always has the same colour.
    static func color(for id: String, theme: Theme) -> Color? {
        guard !theme.asciiOnly, theme.hintKey.foreground != nil else { return nil }
        let palette: [Color] = [.cyan, .green, .magenta, .yellow, .blue, .brightCyan, .brightGreen, .brightMagenta]
        let hash = id.utf8.reduce(UInt32(2166136261)) { ($0 ^ UInt32($1)) &* 16777619 }
        return palette[Int(hash % UInt32(palette.count))]
    }
}
