/// A learner's lasting signal about the pace, shown next to their name like a hand.
public enum PaceSignal: String, Codable, Sendable, CaseIterable {
    case slower
    case faster
    case lost
    case ok
}
