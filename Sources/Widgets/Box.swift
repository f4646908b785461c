/// A border with an optional title; the content goes in `inner(of:)`.
public struct Box: Sendable {
    public var title: String
    public var focused: Bool

    public init(title: String = "", focused: Bool = false) {
        self.title = title
        self.focused = focused
    }

    /// The area inside the border.
    public static func inner(of area: Rect) -> Rect { area.inset(by: 1) }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard area.width >= 2, area.height >= 2 else { return }
        let style = focused ? theme.focusedBorder : theme.border
        let b = theme.borders
        let horizontal = String(repeating: b.horizontal, count: area.width - 2)
        buffer.write(String(b.topLeft) + horizontal + String(b.topRight), x: area.x, y: area.y, style: style, clip: area)
        buffer.write(String(b.bottomLeft) + horizontal + String(b.bottomRight), x: area.x, y: area.maxY - 1, style: style, clip: area)
        for y in (area.y + 1)..<(area.maxY - 1) {
            buffer.write(String(b.vertical), x: area.x, y: y, style: style, clip: area)
            buffer.write(String(b.vertical), x: area.maxX - 1, y: y, style: style, clip: area)
        }
        guard !title.isEmpty, area.width > 4 else { return }
        let room = area.width - 4
        let shown = Text.truncate(title, to: room, ellipsis: theme.ellipsis)
        let titleStyle = focused ? theme.title.patched(with: theme.focusedBorder) : theme.title
        buffer.write(" " + shown + " ", x: area.x + 1, y: area.y, style: titleStyle, clip: area)
    }
}
