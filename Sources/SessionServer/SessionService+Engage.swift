import Foundation
import SessionModel

/// Private questions, quick polls, pace signals and reactions. Each is one `commit` whose
/// `decide` checks the caller's role against the room's state: a refusal appends nothing.
/// A muted learner may do all of these (muting is about the public chat).
extension SessionService {
    func askQuestion(_ request: AskQuestionRequest, by caller: Credential) async throws -> Data {
        let text = try Self.validText(request.text, field: "text")
        let questionId = Secrets.id(prefix: "q_")
        return try await engage(caller, "question", request.clientId, limited: true) { me, state, at in
            guard me.role == .learner else {
                throw APIError.forbidden("Questions go from learners to the experts; an expert answers them.")
            }
            if state.questions.count >= Limits.roomQuestionsMax || state.questions.filter({ $0.askerId == me.id && $0.isOpen }).count >= Limits.openQuestionsPerLearner {
                throw APIError(
                    status: 409, code: "too_many_questions",
                    message: "You already have \(Limits.openQuestionsPerLearner) questions waiting for an answer (or the room has too many): wait for an answer.")
            }
            return [.questionAsked(Question(id: questionId, askerId: me.id, text: text, anonymous: request.anonymous ?? false, askedAt: at))]
        }
    }

    func answerQuestion(_ questionId: String, _ request: AnswerQuestionRequest, by caller: Credential) async throws -> Data {
        let text = request.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "" : try Self.validText(request.text, field: "text")
        return try await engage(caller, "answer", request.clientId, limited: false) { me, state, at in
            // A learner is refused before the question is looked up: whether it exists is not theirs to know.
            guard me.role == .expert else { throw APIError.expertOnly }
            guard var question = state.questions.first(where: { $0.id == questionId }) else {
                throw APIError.notFound("No question \(TextSanitizer.displaySafe(questionId)) in this room.")
            }
            guard question.isOpen else {
                throw APIError(status: 409, code: "already_answered", message: "This question was already answered or closed.")
            }
            question.answer = text
            question.answeredBy = me.id
            question.answeredAt = at
            question.published = request.publish
            return [.questionAnswered(question)]
        }
    }

    func openPoll(_ request: OpenPollRequest, by caller: Credential) async throws -> Data {
        let question = try Self.validLine(request.question, field: "question", max: Limits.pollQuestionMaxLength)
        guard Limits.pollOptionsRange.contains(request.options.count) else {
            throw APIError.invalidField("options", "a poll has 2 to 6 answers, not \(request.options.count)")
        }
        let options = try request.options.map { try Self.validLine($0, field: "options", max: Limits.pollOptionMaxLength) }
        let pollId = Secrets.id(prefix: "v_")
        return try await engage(caller, "poll", request.clientId, limited: false) { me, state, at in
            guard me.role == .expert else { throw APIError.expertOnly }
            // One poll at a time: one key (1-6) answers "the" poll, wherever the learner is.
            var kinds: [RoomEvent.Kind] = []
            if var open = state.openPoll {
                open.closed = true
                open.votes = [:]
                kinds.append(.pollClosed(open))
            }
            let poll = Poll(
                id: pollId, question: question, options: options, anonymous: request.anonymous ?? true,
                openedBy: me.id, openedAt: at, counts: Array(repeating: 0, count: options.count))
            return kinds + [.pollOpened(poll)]
        }
    }

    func vote(_ pollId: String, _ request: VoteRequest, by caller: Credential) async throws -> Data {
        try await engage(caller, "vote", request.clientId, limited: true) { me, state, _ in
            var poll = try Self.poll(pollId, in: state)
            guard !poll.closed else { throw APIError(status: 409, code: "poll_closed", message: "This poll is closed: votes are final.") }
            guard poll.options.indices.contains(request.option) else {
                throw APIError.invalidField("option", "this poll's answers go from 0 to \(poll.options.count - 1)")
            }
            if poll.votes[me.id] == request.option { return [] }
            poll.votes[me.id] = request.option
            poll.counts = Poll.tally(poll.votes, options: poll.options.count)
            // The event carries the voter's vote only; the reducer merges it into the others.
            poll.votes = [me.id: request.option]
            return [.pollVoted(poll)]
        }
    }

    /// Closes (`reveal` false) or reveals the results of a poll; an expert's action.
    func pollAction(_ pollId: String, reveal: Bool, _ request: PollActionRequest, by caller: Credential) async throws -> Data {
        try await engage(caller, reveal ? "reveal" : "close", request.clientId, limited: false) { me, state, _ in
            guard me.role == .expert else { throw APIError.expertOnly }
            var poll = try Self.poll(pollId, in: state)
            poll.votes = [:]
            if reveal {
                if poll.revealed { return [] }
                poll.revealed = true
                return [.pollRevealed(poll)]
            }
            if poll.closed { return [] }
            poll.closed = true
            return [.pollClosed(poll)]
        }
    }

    func setSignal(_ request: SignalRequest, by caller: Credential) async throws -> Data {
        try await engage(caller, "signal", request.clientId, limited: true) { me, state, _ in
            state.signals[me.id] == request.signal ? [] : [.signal(participantId: me.id, signal: request.signal)]
        }
    }

    func react(_ messageId: String, _ request: ReactionRequest, by caller: Credential) async throws -> Data {
        guard let emoji = Reaction(text: request.emoji) else {
            throw APIError.invalidField("emoji", "the reactions are " + Reaction.allCases.map(\.rawValue).joined(separator: " "))
        }
        return try await engage(caller, "reaction", request.clientId, limited: true) { me, state, _ in
            guard let message = state.messages.first(where: { $0.id == messageId }), !message.deleted else {
                throw APIError.notFound("No recent message \(TextSanitizer.displaySafe(messageId)) in this room to react to.")
            }
            let mine = state.reactions[message.id]?[emoji.rawValue]?.contains(me.id) ?? false
            return mine == request.on ? [] : [.reaction(ReactionChange(messageId: message.id, emoji: emoji, on: request.on, participantId: me.id))]
        }
    }

    // MARK: Shared

    /// Commits what `decide` says for a present caller, keyed by `endpoint:clientId`, and
    /// answers the committed events as the caller may see them. `limited` takes from the
    /// caller's bucket for this endpoint after the idempotency check (a retry is never 429).
    func engage(
        _ caller: Credential, _ endpoint: String, _ rawClientId: String, limited: Bool,
        decide: @escaping @Sendable (Participant, RoomState, Date) throws -> [RoomEvent.Kind]
    ) async throws -> Data {
        let clientId = try validClientId(rawClientId)
        let at = time
        let limit = limited
            ? CommitLimit(key: endpoint + ":" + caller.participantId, burst: config.engageBurst, refillSeconds: config.engageRefillSeconds, now: at)
            : expertLimit(caller, at: at)
        let result = try await ledger.commit(
            roomId: caller.roomId, idempotency: IdempotencyKey(participantId: caller.participantId, key: endpoint + ":" + clientId), limit: limit
        ) { state in
            let me = try Self.presentMember(caller, in: state)
            let events = try decide(me, state, at).enumerated().map { index, kind in
                RoomEvent(seq: state.seq + 1 + Int64(index), at: at, actor: me.id, kind: kind)
            }
            let viewer = Viewer(participantId: me.id, role: me.role)
            let answer = CommittedResponse(events: events.map { $0.seen(by: viewer) }, seq: events.last?.seq ?? state.seq)
            return Decision(events: events, response: try WireCoding.encoder().encode(answer))
        }
        return result.response
    }

    private static func poll(_ id: String, in state: RoomState) throws -> Poll {
        guard let poll = state.poll(id) else { throw APIError.notFound("No poll \(TextSanitizer.displaySafe(id)) in this room.") }
        return poll
    }

    /// A question or an answer: the rules of a chat message.
    private static func validText(_ raw: String, field: String) throws -> String {
        switch TextSanitizer.normalizeMessage(raw) {
        case .success(let text): return text
        case .failure(let problem): throw APIError.invalidField(field, problem.description)
        }
    }

    /// A poll's question or answer: one line of text, at most `max` characters.
    private static func validLine(_ raw: String, field: String, max: Int) throws -> String {
        let text = try validText(raw, field: field)
        guard !text.contains("\n"), text.count <= max else {
            throw APIError.invalidField(field, "\"\(TextSanitizer.displaySafe(String(raw.prefix(40))))\" must be one line of at most \(max) characters")
        }
        return text
    }
}
