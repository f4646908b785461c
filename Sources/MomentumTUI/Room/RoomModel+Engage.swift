import Foundation
import SessionClient
import SessionModel
import Widgets

/// Questions, polls, pace signals and reactions on the room screen (and in plain mode,
/// which runs the same `submit`). Every change goes out through the outbox.
extension RoomModel {
    /// The open questions as the expert numbers them (`/repondre 2 ...`), oldest first.
    var numberedQuestions: [Question] { room?.openQuestions ?? [] }

    /// What an engagement command does; `run` sends these here.
    mutating func engage(_ command: RoomCommand.ID, argument: String) -> [RoomEffect] {
        let e = strings.engage
        switch command {
        case .ask, .askAnonymous:
            return [.send(.engage(.ask(text: argument, anonymous: command == .askAnonymous)))]
        case .questions:
            let mine = (room?.openQuestions ?? []).filter { isExpert || $0.askerId == me?.id }
            notice = mine.isEmpty ? e.noOpenQuestions : mine.enumerated().map { index, question in
                e.questionListItem(index + 1, askerName(question), question.text)
            }.joined(separator: "  ")
            return []
        case .answer, .publish:
            let parts = argument.split(separator: " ", maxSplits: 1).map(String.init)
            guard let first = parts.first, let number = Int(first), numberedQuestions.indices.contains(number - 1) else {
                notice = e.noSuchQuestion(parts.first ?? "")
                return []
            }
            let question = numberedQuestions[number - 1]
            return [.send(.engage(.answer(questionId: question.id, text: parts.count > 1 ? parts[1] : "", publish: command == .publish)))]
        case .poll:
            let words = Self.quotedWords(argument)
            guard let question = words.first else { return perform(.yesNoPoll) }
            let options = words.count == 1 ? [e.yes, e.no] : Array(words.dropFirst())
            guard Limits.pollOptionsRange.contains(options.count) else {
                notice = e.pollUsage
                return []
            }
            return [.send(.engage(.openPoll(question: question, options: options, anonymous: true)))]
        case .closePoll, .reveal:
            guard let poll = room?.openPoll ?? (command == .reveal ? room?.polls.last : nil) else {
                notice = e.noOpenPoll
                return []
            }
            return [.send(.engage(command == .reveal ? .revealPoll(pollId: poll.id) : .closePoll(pollId: poll.id)))]
        case .slower: return perform(.signal(.slower))
        case .faster: return perform(.signal(.faster))
        case .lost: return perform(.signal(.lost))
        case .ok: return perform(.signal(.ok))
        case .clearSignal: return perform(.signal(nil))
        case .clearSignals:
            guard !argument.isEmpty else { return [.moderate(.clearSignals, ModerationRequest())] }
            guard let person = person(named: argument) else {
                notice = strings.nobodyNamed(argument)
                return []
            }
            return [.moderate(.clearSignals, ModerationRequest(participantId: person.id))]
        case .react:
            return react(argument.isEmpty ? Reaction.thumbsUp.rawValue : argument)
        case .help, .hand, .who, .agenda, .quit, .floor, .lower, .lowerAll, .next, .previous, .mute, .remove, .delete, .lock, .unlock,
             .acceptClaim, .refuseClaim, .search, .presences, .export, .timer, .closeDay:
            return []
        }
    }

    /// Toggles my reaction on the last message someone else wrote.
    mutating func react(_ text: String) -> [RoomEffect] {
        guard let emoji = Reaction(text: text) else {
            notice = strings.engage.notAReaction(text)
            return []
        }
        guard let room, let message = room.messages.last(where: { !$0.deleted && $0.authorId != me?.id }) else {
            notice = strings.engage.noMessageToReact
            return []
        }
        return toggle(emoji, on: message.id)
    }

    /// The keys of engagement: a vote, a signal, the expert's yes/no poll.
    mutating func performEngagement(_ action: RoomAction) -> [RoomEffect] {
        switch action {
        case .vote(let option):
            guard let poll = room?.openPoll, poll.options.indices.contains(option) else { return [] }
            if poll.votes[me?.id ?? ""] == option { return [] }
            return [.send(.engage(.vote(pollId: poll.id, option: option)))]
        case .signal(let signal):
            // Signals tell the expert the pace: the table gives them to learners only.
            guard !isExpert, let id = me?.id, room?.signals[id] != signal else { return [] }
            return [.send(.engage(.signal(signal)))]
        case .yesNoPoll:
            let e = strings.engage
            return isExpert ? [.send(.engage(.openPoll(question: e.yesNoQuestion, options: [e.yes, e.no], anonymous: true)))] : []
        case .help, .hand, .nextPane, .previousPane, .historyUp, .historyDown, .quit, .retry, .floorNext, .floorSelected,
             .lowerSelectedHand, .lowerAllHands, .agendaNext, .agendaPrevious, .muteSelected, .removeSelected, .lock, .dismissFailed,
             .acceptClaim, .refuseClaim, .ask, .publishSelected, .react, .search:
            return []
        }
    }

    /// A digit from 1 to the open poll's answers, typed on an empty input: my vote.
    func voteKey(_ event: InputEvent) -> Int? {
        guard case .text(let character) = event, editor.isEmpty, composing == nil, let digit = character.wholeNumberValue,
              let poll = room?.openPoll, (1...poll.options.count).contains(digit) else { return nil }
        return digit - 1
    }

    /// A whole line that is a vote ("2") while a poll is open, or "+1": plain mode types these.
    mutating func quickLine(_ text: String) -> [RoomEffect]? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "+1" { return react(Reaction.thumbsUp.rawValue) }
        if let digit = Int(trimmed), let poll = room?.openPoll, (1...poll.options.count).contains(digit) {
            return performEngagement(.vote(digit - 1))
        }
        return nil
    }

    /// "\"Qui a déjà codé ?\" oui non \"un peu\"" → the words, quotes grouping.
    static func quotedWords(_ text: String) -> [String] {
        var words: [String] = [], current = "", quoted = false
        for character in text {
            if character == "\"" || character == "«" || character == "»" {
                if quoted || !current.isEmpty { words.append(current.trimmingCharacters(in: .whitespaces)) }
                current = ""
                quoted = character != "»" && !quoted
            } else if character == " " && !quoted {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.filter { !$0.isEmpty }
    }

    func askerName(_ question: Question) -> String {
        question.askerId.flatMap { room?.participant($0)?.name } ?? "?"
    }

    /// The bell rings once for the expert when a third of the present learners or more are lost.
    mutating func lostAlarm(in state: RoomState) -> [RoomEffect] {
        guard isExpert else { return [] }
        let learners = state.present.filter { $0.role == .learner }.count
        let lost = state.signalCounts[.lost] ?? 0
        let alarming = learners > 0 && lost * 3 >= learners
        defer { lostAlarmRung = alarming }
        guard alarming, !lostAlarmRung else { return [] }
        notice = strings.engage.lostAlarm(lost, learners)
        return bellEnabled ? [.bell] : []
    }
}

extension RoomModel {
    /// The chat lines of an engagement event, as the full screen shows them.
    func engagementLines(_ event: RoomEvent, in state: RoomState) -> [String] {
        EngagementSentences(strings: strings.engage, me: me, state: state).lines(for: event)
    }
}

extension Outbox.Item {
    /// A change that is not a chat message or the hand: refusals are said as a notice.
    var isAction: Bool {
        switch kind {
        case .moderation, .engage: true
        case .message, .hand: false
        }
    }

    /// For `--log-file`: "moderation mute", "engage vote".
    var kindName: String {
        switch kind {
        case .moderation(let action, _): "moderation \(action.rawValue)"
        case .engage(let change): "engage \(change)".prefix(60).description
        case .message: "message"
        case .hand: "hand"
        }
    }
}
