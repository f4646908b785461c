import Foundation
import Widgets

/// The one loop of every screen (the room, plain mode's model, the gallery, the join form):
/// draw, wait in the terminal for input, the inbox or the next change of the clock, feed
/// everything to `update`, hand each effect to one interpreter. Renders once per batch of
/// input, and while the network keeps bringing input, at most once per the terminal's
/// `frameInterval`, waking for the network once per frame, not once per poll answer; between
/// batches it is blocked in `Terminal.wait`, at zero CPU.
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
        // Frames are paced on real time, whatever the runner's clock: a flood of chat is
        // drawn a few times a second, not once per answer of the network.
        var pacer = FramePacer(interval: terminal.frameInterval)
        var frameDue: Date?
        var urgent = true
        while true {
            let now = ContinuousClock.now
            let hold = pacer.holdBack(at: now, urgent: urgent || model.isFinished)
            if hold == .zero {
                let (frame, cursor) = model.frame()
                terminal.draw(frame, cursor: cursor)
                pacer.drew(at: now)
                frameDue = nil
                if model.isFinished { return .finished }
            } else {
                frameDue = clock.now.addingTimeInterval(Double(hold.components.attoseconds) / 1e18 + Double(hold.components.seconds))
            }
            let wake = [model.nextWake(after: clock.now), frameDue].compactMap { $0 }.min()
            // While a frame is held back the network's messages wait for it (they would not
            // show before it anyway): the inbox is heard only when no frame is due.
            let listened = frameDue == nil ? inbox.map { [$0.listen()] } ?? [] : []
            let wakeup = terminal.wait(until: wake, others: listened)
            if wakeup.stop { return .interrupted }
            var effects: [Model.Effect] = []
            for message in inbox?.take() ?? [] { effects += model.update(message) }
            let events = terminal.readEvents()
            for event in events {
                for message in model.messages(for: event, size: terminal.size) { effects += model.update(message) }
            }
            // A key, a click or a resize is drawn at once; what the network brought may wait.
            urgent = !events.isEmpty
            if let message = model.tick(clock.now) { effects += model.update(message) }
            for effect in effects where interpret(effect) == .stop { return .stopped }
        }
    }
}
