public import Foundation

/// A quick poll opened by an expert: a question and 2 to 6 answers.
///
/// The server's copy holds every vote; what a participant is shown comes from
/// `seen(by:)`: their own vote always, the counts when they may see them, and who voted
/// what only to experts and only when the poll was opened as not anonymous.
public struct Poll: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var question: String
    public var options: [String]
    /// Anonymous polls never show experts who voted what.
    public var anonymous: Bool
    public var openedBy: String
    public var openedAt: Date
    public var closed: Bool
    /// The expert showed the results to learners.
    public var revealed: Bool
    /// Votes per option, in the order of `options`; nil when the viewer may not see them yet.
    public var counts: [Int]?
    /// Participant id → chosen option (0-based), as far as the viewer may see.
    public var votes: [String: Int]

    public init(
        id: String, question: String, options: [String], anonymous: Bool, openedBy: String, openedAt: Date,
        closed: Bool = false, revealed: Bool = false, counts: [Int]? = nil, votes: [String: Int] = [:]
    ) {
        self.id = id
        self.question = question
        self.options = options
        self.anonymous = anonymous
        self.openedBy = openedBy
        self.openedAt = openedAt
        self.closed = closed
        self.revealed = revealed
        self.counts = counts
        self.votes = votes
    }

    /// Whether `viewer` may see the counts: experts always, learners once revealed.
    public func showsCounts(to viewer: Viewer) -> Bool {
        viewer.isExpert || revealed
    }

    /// Whether `viewer` may see who cast each vote (their own vote is always theirs to see).
    public func showsVoters(to viewer: Viewer) -> Bool {
        viewer.isExpert && !anonymous
    }

    /// The poll as `viewer` may see it: the anonymity and reveal rules, in one place.
    public func seen(by viewer: Viewer) -> Poll {
        var shown = self
        if !showsCounts(to: viewer) { shown.counts = nil }
        if !showsVoters(to: viewer) { shown.votes = votes.filter { $0.key == viewer.participantId } }
        return shown
    }

    /// The total of the counts, when known.
    public var voteCount: Int? { counts.map { $0.reduce(0, +) } }

    /// Counts per option from the votes.
    public static func tally(_ votes: [String: Int], options: Int) -> [Int] {
        var counts = Array(repeating: 0, count: options)
        for option in votes.values where counts.indices.contains(option) { counts[option] += 1 }
        return counts
    }
}
