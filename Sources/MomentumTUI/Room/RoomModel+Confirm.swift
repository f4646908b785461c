import SessionClient
import SessionModel
import Widgets

/// The room's confirmations (leaving, removing someone) and what becomes of refused changes.
extension RoomModel {
    /// My first change the server refused, if any.
    var firstFailed: Outbox.Item? {
        outbox.items.first { if case .failed = $0.status { true } else { false } }
    }

    /// Forgets a refused change: its line leaves the chat at once, and the session forgets it.
    mutating func dismiss(_ id: String) -> [RoomEffect] {
        outbox.remove(id)
        chat.showPending(id, line: nil)
        pendingSince[id] = nil
        return [.dismiss(id)]
    }

    mutating func confirmQuit(_ event: InputEvent) -> [RoomEffect] {
        guard var dialog = quitting else { return [] }
        switch event {
        case .text("o"), .text("O"), .text("y"), .text("Y"): return [.quit]
        case .text("n"), .text("N"):
            quitting = nil
            return []
        case .text, .enter, .tab, .backTab, .backspace, .delete, .escape, .insert, .up, .down, .left, .right, .home, .end,
             .pageUp, .pageDown, .ctrlLeft, .ctrlRight, .function, .ctrl, .alt, .mouse, .resize, .paste:
            break
        }
        let outcome = dialog.handle(event)
        quitting = outcome == nil ? dialog : nil
        return outcome == .confirmed ? [.quit] : []
    }

    mutating func confirmRemoval(_ event: InputEvent) -> [RoomEffect] {
        guard var pending = removal else { return [] }
        let outcome = pending.dialog.handle(event)
        removal = outcome == nil ? pending : nil
        if outcome == .confirmed {
            return [.moderate(.remove, ModerationRequest(participantId: pending.participant.id))]
        }
        return []
    }
}
