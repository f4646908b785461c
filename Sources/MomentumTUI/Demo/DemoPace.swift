/// How fast the demo room lives, in seconds; tests run the same script at `.fast`.
package struct DemoPace: Sendable {
    /// Between two arrivals.
    var joinGap: ClosedRange<Double>
    /// From arriving to saying hello.
    var greetDelay: ClosedRange<Double>
    /// Between two moves of the learners (a line, a raised hand).
    var chatGap: ClosedRange<Double>
    /// The chance that a move is a raised hand rather than a line.
    var handChance: Double
    /// A hand nobody answered is lowered after this long.
    var handPatience: Double
    /// From being given the floor to answering.
    var answerDelay: ClosedRange<Double>
    /// Between two times the expert gives the floor.
    var floorGap: ClosedRange<Double>
    /// The expert takes the floor back this long after the answer ...
    var floorHold: Double
    /// ... or this long after giving it, when no answer comes.
    var floorTimeout: Double
    /// The expert moves to the next agenda item this often.
    var agendaEvery: Double
    /// From the start to the first private question and pace signals.
    var engageDelay: ClosedRange<Double>
    /// From a poll opening (or a message) to a learner's vote (or reaction).
    var voteDelay: ClosedRange<Double>
    /// The simulated expert opens a poll this long after starting, and reveals it this long later.
    var pollAfter: Double
    var pollOpenFor: Double

    package static let live = DemoPace(
        joinGap: 0.4...1.5, greetDelay: 1...4, chatGap: 4...10, handChance: 0.2, handPatience: 90,
        answerDelay: 1.5...4, floorGap: 20...45, floorHold: 8, floorTimeout: 60, agendaEvery: 180,
        engageDelay: 15...35, voteDelay: 2...8, pollAfter: 25, pollOpenFor: 30)
    static let fast = DemoPace(
        joinGap: 0.05...0.15, greetDelay: 0.05...0.2, chatGap: 0.1...0.3, handChance: 0.4, handPatience: 5,
        answerDelay: 0.1...0.3, floorGap: 0.3...0.6, floorHold: 0.3, floorTimeout: 3, agendaEvery: 2,
        engageDelay: 0.3...0.6, voteDelay: 0.05...0.2, pollAfter: 0.5, pollOpenFor: 0.6)
}
