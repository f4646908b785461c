/// How often a screen may be redrawn while input keeps arriving: a flood of chat answers
/// is drawn at most once per `interval`, keys at once. Pure, so that the runner's pacing is
/// tested with made-up instants.
///
/// A frame after a quiet spell is drawn at once (the first message of a burst shows without
/// delay); the ones that follow within `interval` are held back and drawn together.
public struct FramePacer: Sendable {
    /// The shortest time between two frames that no key asked for; zero draws every frame.
    public let interval: Duration
    /// When the last frame was drawn.
    public private(set) var lastFrame: ContinuousClock.Instant?

    public init(interval: Duration) {
        self.interval = interval
    }

    /// How long to hold a frame back at `now`; zero means draw it now. A frame that shows a
    /// key (`urgent`) is never held: typing must echo at once.
    public func holdBack(at now: ContinuousClock.Instant, urgent: Bool) -> Duration {
        guard !urgent, interval > .zero, let lastFrame else { return .zero }
        let due = lastFrame.advanced(by: interval)
        return due > now ? now.duration(to: due) : .zero
    }

    /// Notes that a frame was drawn at `now`.
    public mutating func drew(at now: ContinuousClock.Instant) {
        lastFrame = now
    }
}
