import Widgets

/// The small form that asks, on screen, for what the command line did not give: the
/// workshop's code and the user's name. Enter moves on, then joins; Escape gives up.
struct JoinForm {
    enum Field: Hashable { case code, name }
    enum Outcome: Equatable { case done(code: String, name: String), cancelled }

    private(set) var fields: [(field: Field, editor: LineEditor)]
    private(set) var focused = 0
    private(set) var problem: String?
    let strings: Strings
    let given: (code: String, name: String)

    init(code: String, name: String, strings: Strings) {
        self.strings = strings
        given = (code, name)
        var fields: [(Field, LineEditor)] = []
        if code.isEmpty { fields.append((.code, LineEditor(placeholder: "ABC123", maxLength: 20))) }
        if name.isEmpty { fields.append((.name, LineEditor(placeholder: strings.namePlaceholder, maxLength: 32))) }
        self.fields = fields
    }

    /// The form again after the server refused the join (a typo in the code, a taken name):
    /// both fields filled with what was tried, the one at fault focused, and the reason.
    init(retrying code: String, name: String, problem: String, fault: Field, strings: Strings) {
        self.strings = strings
        given = (code, name)
        var codeEditor = LineEditor(placeholder: "ABC123", maxLength: 20)
        codeEditor.setText(code)
        var nameEditor = LineEditor(placeholder: strings.namePlaceholder, maxLength: 32)
        nameEditor.setText(name)
        fields = [(.code, codeEditor), (.name, nameEditor)]
        focused = fault == .code ? 0 : 1
        self.problem = problem
    }

    /// The field a refusal is about, when the user can fix it in the form; nil otherwise
    /// (a locked or full room, a wrong moderator key: the form cannot help).
    static func fault(of code: String) -> Field? {
        switch code {
        case "wrong_code", "invalid_code": .code
        case "name_taken", "invalid_name": .name
        default: nil
        }
    }

    var isNeeded: Bool { !fields.isEmpty }

    mutating func handle(_ event: InputEvent) -> Outcome? {
        switch event {
        case .escape, .function(10), .ctrl("c"): return .cancelled
        case .tab, .down: focused = (focused + 1) % max(1, fields.count)
        case .backTab, .up: focused = (focused + fields.count - 1) % max(1, fields.count)
        case .enter:
            if fields[focused].editor.text.trimmingCharacters(in: .whitespaces).isEmpty {
                problem = strings.formEmpty
                return nil
            }
            problem = nil
            if let empty = fields.firstIndex(where: { $0.editor.text.trimmingCharacters(in: .whitespaces).isEmpty }) {
                focused = empty
                return nil
            }
            func value(_ field: Field, _ fallback: String) -> String {
                fields.first { $0.field == field }.map { $0.editor.text.trimmingCharacters(in: .whitespaces) } ?? fallback
            }
            return .done(code: value(.code, given.code), name: value(.name, given.name))
        case .text, .backspace, .delete, .insert, .left, .right, .home, .end, .pageUp, .pageDown,
             .ctrlLeft, .ctrlRight, .function, .ctrl, .alt, .mouse, .resize, .paste:
            _ = fields[focused].editor.handle(event)
        }
        return nil
    }

    /// The form centred on the screen, and the cursor in the focused field.
    mutating func render(size: Size, theme: Theme) -> (CellBuffer, Point?) {
        var buffer = CellBuffer(size: size)
        let hint = problem ?? strings.formHint
        let width = min(size.width, 60)
        // A refusal is said whole, over two lines when it needs them.
        let hintLines = Text.wrap(hint, width: max(1, width - 4)).prefix(problem == nil ? 1 : 3).map(String.init)
        let height = min(size.height, 4 + 2 * fields.count + 1 + hintLines.count)
        let box = Rect(x: (size.width - width) / 2, y: (size.height - height) / 2, width: width, height: height)
        Box(title: strings.formTitle, focused: true).render(in: box, buffer: &buffer, theme: theme)
        let inner = Box.inner(of: box)
        var cursor: Point?
        let labelWidth = fields.map { DisplayWidth.of(label($0.field)) }.max() ?? 0
        for index in fields.indices {
            let y = inner.y + 1 + 2 * index
            buffer.write(label(fields[index].field), x: inner.x + 1, y: y, style: theme.title, clip: inner)
            let area = Rect(x: inner.x + 2 + labelWidth, y: y, width: inner.width - 3 - labelWidth, height: 1)
            fields[index].editor.render(in: area, buffer: &buffer, theme: theme)
            if index == focused { cursor = fields[index].editor.cursorPosition(in: area) }
        }
        for (index, line) in hintLines.enumerated() {
            buffer.write(Text.truncate(line, to: inner.width - 2, ellipsis: theme.ellipsis), x: inner.x + 1,
                         y: inner.maxY - hintLines.count + index, style: problem == nil ? theme.dim : theme.warning, clip: inner)
        }
        return (buffer, cursor)
    }

    private func label(_ field: Field) -> String { field == .code ? strings.codeLabel : strings.nameLabel }
}
