import Foundation
import SessionClient
import Widgets

extension RoomModel: RunnerModel {
    mutating func frame() -> (CellBuffer, Point?) { RoomView.render(&self) }

    func messages(for event: InputEvent, size: Size) -> [RoomMessage] {
        if case .resize = event { return [.resized(size), .input(event)] }
        return [.input(event)]
    }

    func tick(_ now: Date) -> RoomMessage? { .tick(now) }

    /// Each second while a reconnection countdown is shown, else when the clock's minute
    /// changes: an idle room wakes the UI once a minute.
    func nextWake(after now: Date) -> Date? {
        if case .reconnecting = status { return now.addingTimeInterval(1) }
        // A message on its way counts its wait, second by second.
        if hasMessageOnItsWay { return now.addingTimeInterval(1) }
        // The countdown of a seat claim waiting for an expert.
        if seatWait != nil, me == nil { return now.addingTimeInterval(1) }
        // The exercise timer's countdown in the header, second by second while it runs.
        if let wake = timerWake(after: now) { return wake }
        let seconds = now.timeIntervalSince1970
        return Date(timeIntervalSince1970: (seconds / 60).rounded(.down) * 60 + 60)
    }

    var isFinished: Bool {
        guard let ended else { return false }
        return ended != .stopped
    }
}
