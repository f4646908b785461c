import Foundation
import Widgets

/// The join form as a screen for the runner: it is finished once it has an outcome.
struct JoinFormScreen: RunnerModel {
    enum Message: Sendable {
        case input(InputEvent)
        case resized(Size)
    }

    var form: JoinForm
    let theme: Theme
    var size: Size
    private(set) var outcome: JoinForm.Outcome?

    init(form: JoinForm, theme: Theme, size: Size) {
        self.form = form
        self.theme = theme
        self.size = size
    }

    mutating func update(_ message: Message) -> [Never] {
        switch message {
        case .input(let event): if outcome == nil { outcome = form.handle(event) }
        case .resized(let size): self.size = size
        }
        return []
    }

    mutating func frame() -> (CellBuffer, Point?) { form.render(size: size, theme: theme) }

    func messages(for event: InputEvent, size: Size) -> [Message] {
        if case .resize = event { return [.resized(size)] }
        return [.input(event)]
    }

    func tick(_ now: Date) -> Message? { nil }
    func nextWake(after now: Date) -> Date? { nil }
    var isFinished: Bool { outcome != nil }
}
