import Foundation
import SessionClient
import SessionModel

/// What the simulated room does with questions, polls, signals and reactions, so that the
/// demo shows them live: learners answer any poll that opens, one asks the experts privately,
/// two set pace signals, some react to the expert's and the user's messages. A simulated
/// expert opens a poll, reveals and closes it, starts a two-minute exercise timer, and
/// publishes the private question's answer.
struct DemoEngaged: Sendable {
    /// A move due at a time, by one bot.
    struct Due: Sendable, Equatable {
        var bot: Int
        var at: Date
        var change: Engagement
    }

    var due: [Due] = []
    /// "pollId bot": votes already planned, each once.
    var planned: Set<String> = []
    /// Messages already considered for reactions.
    var considered: Set<String> = []
    var questionAt: Date
    var signalsAt: Date
    var pollAt: Date
    /// The poll the simulated expert opened, and when it reveals and closes it.
    var expertPoll: (id: String, revealAt: Date)?
    /// The bots' private question once seen, and whether the expert answered it.
    var questionId: String?
    var answerAt: Date?

    init(start: Date, pace: DemoPace, rng: inout SeededGenerator) {
        questionAt = start + Double.random(in: pace.engageDelay, using: &rng)
        signalsAt = start + Double.random(in: pace.engageDelay, using: &rng) * 1.5
        pollAt = start + pace.pollAfter
    }

    var wakes: [Date] { due.map(\.at) + [questionAt, signalsAt, pollAt, expertPoll?.revealAt, answerAt].compactMap { $0 } }
}

extension DemoDirector {
    static let question = "Est-ce qu'on peut faire ce métier sans diplôme d'informatique ?"
    static let answer = "Oui : beaucoup viennent d'ailleurs. Ce qui compte, c'est ce que tu montres de tes projets."
    /// The simulated expert's exercise after the poll.
    static let exerciseSeconds = 120
    static let poll = (question: "Qui a déjà écrit une ligne de code ?", options: ["oui", "non", "un peu"])

    /// What a bot's own state shows: an open poll to vote in, the bots' private question,
    /// messages to react to.
    mutating func noticeEngagement(in state: RoomState, at now: Date) {
        let learners = bots.indices.filter { !bots[$0].isExpert && bots[$0].participantId != nil }
        if let poll = state.openPoll {
            for bot in learners {
                guard engaged.planned.insert("\(poll.id) \(bot)").inserted, Double.random(in: 0..<1, using: &rng) < 0.85 else { continue }
                let option = Int.random(in: 0..<poll.options.count, using: &rng)
                engaged.due.append(DemoEngaged.Due(bot: bot, at: now + Double.random(in: pace.voteDelay, using: &rng), change: .vote(pollId: poll.id, option: option)))
            }
            if engaged.expertPoll == nil, poll.openedBy == expertIndex.flatMap({ bots[$0].participantId }) {
                engaged.expertPoll = (poll.id, now + pace.pollOpenFor)
            }
        }
        if engaged.questionId == nil, expertIndex != nil,
           let question = state.openQuestions.first(where: { $0.askerId.flatMap(bot(withId:)) != nil }) {
            engaged.questionId = question.id
            engaged.answerAt = now + pace.pollOpenFor / 2
        }
        // Messages from the expert or from the user (not a bot learner) get a reaction now and then.
        for message in state.messages.suffix(3) {
            guard engaged.considered.insert(message.id).inserted, let author = state.participant(message.authorId), author.role == .expert || bot(withId: author.id) == nil,
                  Double.random(in: 0..<1, using: &rng) < 0.5, let bot = learners.randomElement(using: &rng) else { continue }
            let emoji = [Reaction.thumbsUp, .clap, .heart, .laugh].randomElement(using: &rng) ?? .thumbsUp
            engaged.due.append(DemoEngaged.Due(bot: bot, at: now + Double.random(in: pace.voteDelay, using: &rng), change: .react(messageId: message.id, emoji: emoji, on: true)))
        }
    }

    /// The moves due at `now`.
    mutating func engage(in room: RoomState, at now: Date) -> [Action] {
        var actions: [Action] = []
        let learners = bots.indices.filter { !bots[$0].isExpert && bots[$0].greeted }
        if now >= engaged.questionAt, let asker = learners.last {
            engaged.questionAt = .distantFuture
            actions.append(.engage(bot: asker, .ask(text: Self.question, anonymous: true)))
        }
        if now >= engaged.signalsAt, learners.count >= 2 {
            engaged.signalsAt = .distantFuture
            actions += [.engage(bot: learners[0], .signal(.slower)), .engage(bot: learners[1], .signal(.lost))]
        }
        if let expert = expertIndex, bots[expert].participantId != nil {
            if now >= engaged.pollAt {
                engaged.pollAt = .distantFuture
                actions.append(.engage(bot: expert, .openPoll(question: Self.poll.question, options: Self.poll.options, anonymous: true)))
            }
            if let poll = engaged.expertPoll, now >= poll.revealAt {
                engaged.expertPoll = (poll.id, .distantFuture)
                actions += [.engage(bot: expert, .revealPoll(pollId: poll.id)), .engage(bot: expert, .closePoll(pollId: poll.id))]
                // Then a short exercise: the header counts it down, everyone's bell rings at zero.
                actions.append(.engage(bot: expert, .timer(.start, seconds: Self.exerciseSeconds)))
            }
            if let id = engaged.questionId, let at = engaged.answerAt, now >= at {
                engaged.answerAt = nil
                actions.append(.engage(bot: expert, .answer(questionId: id, text: Self.answer, publish: true)))
            }
        }
        let ready = engaged.due.filter { $0.at <= now }
        engaged.due.removeAll { $0.at <= now }
        return actions + ready.map { .engage(bot: $0.bot, $0.change) }
    }
}
