import Foundation
import Widgets

/// A screen the runner drives: state, `update` that returns effects and does no I/O, and a
/// frame drawn from the state (bubbletea's model, view and commands).
protocol RunnerModel {
    associatedtype Message: Sendable
    associatedtype Effect

    mutating func update(_ message: Message) -> [Effect]
    /// The frame for the terminal, and where the cursor goes.
    mutating func frame() -> (CellBuffer, Point?)
    /// The messages a terminal event makes (a resize carries the new size).
    func messages(for event: InputEvent, size: Size) -> [Message]
    /// The message that tells the model the time; nil when it has no use for time.
    func tick(_ now: Date) -> Message?
    /// When the screen next changes by itself (the clock's minute, a countdown); nil: never.
    func nextWake(after now: Date) -> Date?
    /// Whether the loop is over, once this frame is shown.
    var isFinished: Bool { get }
}

/// What an effect interpreter tells the runner after each effect.
enum RunnerFlow: Equatable {
    case proceed
    case stop
}
