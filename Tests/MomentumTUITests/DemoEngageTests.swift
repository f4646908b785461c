import Foundation
import SessionClient
import SessionModel
import Testing
@testable import MomentumTUI

/// The demo room uses questions, polls, signals and reactions, so that `momentum demo`
/// shows them live: checked over a virtual hour of the director.
@Suite("Demo director: engaging the room")
struct DemoEngageTests {
    @Test func theDemoRoomVotesAsksSignalsAndReacts() throws {
        let (day, director) = DemoDirectorTests.day(seed: 42, hours: 1)
        let sarah = try #require(director.bots.first(where: \.isExpert)?.participantId)
        let poll = try #require(day.state.polls.first)
        #expect(poll.openedBy == sarah)
        #expect(poll.closed && poll.revealed, "the expert reveals and closes it")
        #expect((poll.counts ?? []).reduce(0, +) >= 3, "learners answered: \(poll.counts ?? [])")
        let question = try #require(day.state.questions.first)
        #expect(question.askerId != sarah && question.published && question.answer?.isEmpty == false)
        #expect(day.events.contains { if case .signal(_, .lost) = $0.kind { true } else { false } })
        #expect(day.events.contains { if case .signal(_, .slower) = $0.kind { true } else { false } })
        #expect(day.events.contains { if case .reaction = $0.kind { true } else { false } }, "the expert's messages get reactions")
        #expect(day.events.contains { if case .timer(.started, let timer) = $0.kind { timer.total == DemoDirector.exerciseSeconds && $0.actor == sarah } else { false } },
                "the expert starts a short exercise timer after the poll")
    }
}

extension DemoDirectorTests {
    /// The event the server would append for a bot's engagement, if any.
    static func event(for change: Engagement, by id: String, in state: RoomState, at now: Date) -> RoomEvent.Kind? {
        let seq = state.seq + 1
        switch change {
        case .ask(let text, let anonymous):
            return .questionAsked(Question(id: "q\(seq)", askerId: id, text: text, anonymous: anonymous, askedAt: now))
        case .answer(let questionId, let text, let publish):
            guard var question = state.questions.first(where: { $0.id == questionId }) else { return nil }
            (question.answer, question.answeredBy, question.published) = (text, id, publish)
            return .questionAnswered(question)
        case .openPoll(let question, let options, let anonymous):
            return .pollOpened(Poll(id: "v\(seq)", question: question, options: options, anonymous: anonymous, openedBy: id, openedAt: now, counts: options.map { _ in 0 }))
        case .vote(let pollId, let option):
            guard var poll = state.poll(pollId), !poll.closed else { return nil }
            poll.votes[id] = option
            poll.counts = poll.options.indices.map { index in poll.votes.values.filter { $0 == index }.count }
            return .pollVoted(poll)
        case .closePoll(let pollId):
            guard var poll = state.poll(pollId) else { return nil }
            poll.closed = true
            return .pollClosed(poll)
        case .revealPoll(let pollId):
            guard var poll = state.poll(pollId) else { return nil }
            poll.revealed = true
            return .pollRevealed(poll)
        case .signal(let signal):
            return .signal(participantId: id, signal: signal)
        case .react(let messageId, let emoji, let on):
            return .reaction(ReactionChange(messageId: messageId, emoji: emoji, on: on, participantId: id))
        case .timer(.start, let seconds?):
            return .timer(.started, ExerciseTimer(total: seconds, endsAt: now.addingTimeInterval(TimeInterval(seconds)), startedBy: id))
        case .timer, .closeDay:
            return nil
        }
    }
}
