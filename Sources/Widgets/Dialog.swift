/// A modal box centred over the screen: a title, a wrapped message and a row of buttons
/// ("Retirer" / "Annuler", or one "OK"), the selected one highlighted.
///
/// It clears the cells under its box, so whatever the screen drew before does not show
/// through. On a small screen it drops its blank lines first, then cuts the message (ending
/// with the ellipsis), then drops the buttons' brackets: still usable at 20x5.
public struct Dialog: Sendable {
    /// Shown in the top border.
    public var title: String
    /// Word-wrapped to the box; "\n" starts a new line.
    public var message: String
    /// Button labels: the first confirms, the others cancel (see `DialogState`).
    public var buttons: [String]
    /// The app's selected button.
    public var state: DialogState

    /// A dialog with any buttons; `state` defaults to the first button selected.
    public init(title: String, message: String, buttons: [String], state: DialogState? = nil) {
        self.title = title
        self.message = message
        self.buttons = buttons
        self.state = state ?? DialogState(buttonCount: buttons.count)
    }

    /// A yes/no question; the cancel button starts selected, so a stray Enter does no harm.
    public static func confirm(
        title: String, message: String, confirm: String, cancel: String, state: DialogState = DialogState(buttonCount: 2, selected: 1)
    ) -> Dialog {
        Dialog(title: title, message: message, buttons: [confirm, cancel], state: state)
    }

    /// A message with one button that closes it.
    public static func message(title: String, message: String, ok: String = "OK") -> Dialog {
        Dialog(title: title, message: message, buttons: [ok], state: DialogState(buttonCount: 1))
    }

    /// One button as drawn: its index, first column and text.
    private struct Slot {
        var index: Int
        var x: Int
        var text: String
    }

    /// Where everything goes for one area.
    private struct Placement {
        var box: Rect
        var lines: [(y: Int, text: String)] = []
        var buttonY: Int?
        var slots: [Slot] = []
    }

    /// The box the dialog draws in `area`: the app may treat clicks outside it as cancel.
    public func frame(in area: Rect, theme: Theme) -> Rect { placement(in: area, theme: theme).box }

    /// Clears the dialog's box and draws the dialog in it, centred in `area`.
    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let placement = placement(in: area, theme: theme)
        let box = placement.box
        guard !box.isEmpty else { return }
        buffer.fill(box, with: Cell(" ", style: theme.dialog))
        Box(title: title, focused: true).render(in: box, buffer: &buffer, theme: theme)
        let inside = Box.inner(of: box)
        for line in placement.lines {
            buffer.write(line.text, x: inside.x + padding(box), y: line.y, style: theme.dialog, clip: inside)
        }
        guard let y = placement.buttonY else { return }
        let selected = state.selected
        for slot in placement.slots {
            let style = slot.index == selected ? theme.dialog.patched(with: theme.selection) : theme.dialog
            buffer.write(slot.text, x: slot.x, y: y, style: style, clip: inside)
        }
    }

    /// The index of the button drawn at `point`, or nil: a click presses it (`DialogState.press`).
    public func button(at point: Point, in area: Rect, theme: Theme) -> Int? {
        let placement = placement(in: area, theme: theme)
        guard point.y == placement.buttonY else { return nil }
        return placement.slots.first { point.x >= $0.x && point.x < $0.x + DisplayWidth.of($0.text) }?.index
    }

    private func padding(_ box: Rect) -> Int { box.width >= 8 ? 1 : 0 }

    private func placement(in area: Rect, theme: Theme) -> Placement {
        let widest = message.split(separator: "\n").map { DisplayWidth.of($0) }.max() ?? 0
        let content = max(widest, buttonLabels(style: 0, ellipsis: theme.ellipsis).width, DisplayWidth.of(title))
        let width = min(area.width, 60, max(content + 4, 28))
        let inner = width - 2 - 2 * (width >= 8 ? 1 : 0)
        var lines = inner > 0 ? Text.wrap(message, width: inner).map(String.init) : []
        if message.isEmpty { lines = [] }
        // Rows: border, blank, message, blank, buttons, border; blanks go first when short.
        var topBlank = 1, gap = 1
        let buttonRows = buttons.isEmpty ? 0 : 1
        if lines.count + 2 + topBlank + gap + buttonRows > area.height { topBlank = 0 }
        if lines.count + 2 + gap + buttonRows > area.height { gap = 0 }
        let room = max(0, area.height - 2 - buttonRows)
        if lines.count > room {
            lines = Array(lines.prefix(room))
            if let last = lines.last {
                lines[lines.count - 1] = Text.truncate(last, to: inner - DisplayWidth.of(theme.ellipsis), ellipsis: "") + theme.ellipsis
            }
        }
        let height = min(area.height, lines.count + 2 + topBlank + gap + buttonRows)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        var placement = Placement(box: box)
        guard height >= 3 else { return placement }
        placement.lines = lines.enumerated().map { (y: box.y + 1 + topBlank + $0.offset, text: $0.element) }
        guard buttonRows > 0 else { return placement }
        placement.buttonY = box.maxY - 2
        let labels = (0...3).lazy.map { buttonLabels(style: $0, room: inner, ellipsis: theme.ellipsis) }.first { $0.width <= inner }
            ?? buttonLabels(style: 3, room: inner, ellipsis: theme.ellipsis)
        var x = box.x + 1 + padding(box) + max(0, (inner - labels.width) / 2)
        for (index, text) in labels.texts.enumerated() {
            placement.slots.append(Slot(index: index, x: x, text: text))
            x += DisplayWidth.of(text) + labels.gap
        }
        return placement
    }

    /// The button texts from roomiest (0: "[ OK ]" two spaces apart) to tightest (3: labels
    /// cut to share `room`), with the gap between them and the row's total width.
    private func buttonLabels(style: Int, room: Int = 0, ellipsis: String) -> (texts: [String], gap: Int, width: Int) {
        let texts: [String], gap: Int
        switch style {
        case 0: (texts, gap) = (buttons.map { "[ \($0) ]" }, 2)
        case 1: (texts, gap) = (buttons.map { "[\($0)]" }, 1)
        case 2: (texts, gap) = (buttons, 2)
        default:
            let share = max(1, (room - max(0, buttons.count - 1)) / max(1, buttons.count))
            (texts, gap) = (buttons.map { Text.truncate($0, to: share, ellipsis: ellipsis) }, 1)
        }
        let width = texts.reduce(max(0, texts.count - 1) * gap) { $0 + DisplayWidth.of($1) }
        return (texts, gap, width)
    }
}
