import Foundation
import Widgets

/// The one loop of every screen (the room, plain mode's model, the gallery, the join form):
/// draw, wait in the terminal for input, the inbox or the next change of the clock, feed
/// everything to `update`, hand each effect to one interpreter. Renders once per batch of
/// input; between batches it is blocked in `Terminal.wait`, at zero CPU.
struct Runner<Model: RunnerModel> {
    /// Why the loop ended.
    enum Exit: Equatable {
        /// The model said it is finished.
        case finished
        /// An effect asked to stop (quit).
        case stopped
        /// The terminal asked to stop: a signal, a hang-up, the end of a test's script.
        case interrupted
    }

    let terminal: any Terminal
    let clock: any RunnerClock
    /// Where the network side posts messages; nil for screens without one.
    var inbox: Inbox<Model.Message>?

    func run(_ model: inout Model, interpret: (Model.Effect) -> RunnerFlow) -> Exit {
        if let message = model.tick(clock.now) { _ = model.update(message) }
        while true {
            let (frame, cursor) = model.frame()
            terminal.draw(frame, cursor: cursor)
            if model.isFinished { return .finished }
            let wakeup = terminal.wait(until: model.nextWake(after: clock.now), others: inbox.map { [$0.readDescriptor] } ?? [])
            if wakeup.stop { return .interrupted }
            var effects: [Model.Effect] = []
            for message in inbox?.take() ?? [] { effects += model.update(message) }
            for event in terminal.readEvents() {
                for message in model.messages(for: event, size: terminal.size) { effects += model.update(message) }
            }
            if let message = model.tick(clock.now) { effects += model.update(message) }
            for effect in effects where interpret(effect) == .stop { return .stopped }
        }
    }
}
