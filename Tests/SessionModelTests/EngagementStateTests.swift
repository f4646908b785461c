import Foundation
import SessionModel
import Testing

@Suite("RoomState.apply: questions, polls, signals, reactions")
struct EngagementStateTests {
    let t = Date(timeIntervalSince1970: 1_800_000_000)

    func room() -> RoomScript {
        var room = RoomScript()
        room.join("e", "Sarah", role: .expert)
        room.join("k", "Karim")
        room.join("c", "Chloé")
        return room
    }

    @Test func aQuestionIsAskedThenAnsweredInPlace() {
        var room = room()
        let asked = Question(id: "q1", askerId: "k", text: "C'est quoi le SEO ?", anonymous: true, askedAt: t)
        room.apply(.questionAsked(asked), actor: "k")
        #expect(room.state.openQuestions.map(\.id) == ["q1"])
        var answered = asked
        answered.answer = "Le référencement."
        answered.answeredBy = "e"
        answered.published = true
        room.apply(.questionAnswered(answered), actor: "e")
        #expect(room.state.questions == [answered])
        #expect(room.state.openQuestions.isEmpty)
    }

    @Test func aVoteIsMergedWithTheOthersAndTheCountsReplaced() {
        var room = room()
        let poll = Poll(id: "v1", question: "Qui a déjà codé ?", options: ["oui", "non"], anonymous: true, openedBy: "e", openedAt: t, counts: [0, 0])
        room.apply(.pollOpened(poll), actor: "e")
        var vote = poll
        vote.votes = ["k": 0]
        vote.counts = [1, 0]
        room.apply(.pollVoted(vote), actor: "k")
        vote.votes = ["c": 1]
        vote.counts = [1, 1]
        room.apply(.pollVoted(vote), actor: "c")
        vote.votes = ["k": 1]
        vote.counts = [0, 2]
        room.apply(.pollVoted(vote), actor: "k")
        #expect(room.state.poll("v1")?.votes == ["k": 1, "c": 1])
        #expect(room.state.poll("v1")?.counts == [0, 2])
        var closed = vote
        closed.votes = [:]
        closed.closed = true
        room.apply(.pollClosed(closed), actor: "e")
        #expect(room.state.poll("v1")?.closed == true)
        #expect(room.state.poll("v1")?.votes == ["k": 1, "c": 1])
        #expect(room.state.openPoll == nil)
    }

    @Test func onlyTheLatestPollsAreKept() {
        var room = room()
        for n in 0...Limits.statePolls {
            room.apply(.pollOpened(Poll(id: "v\(n)", question: "?", options: ["a", "b"], anonymous: true, openedBy: "e", openedAt: t)), actor: "e")
        }
        #expect(room.state.polls.count == Limits.statePolls)
        #expect(room.state.polls.first?.id == "v1")
    }

    @Test func signalsAreSetClearedAndGoWithTheirOwner() {
        var room = room()
        room.apply(.signal(participantId: "k", signal: .lost), actor: "k")
        room.apply(.signal(participantId: "c", signal: .lost), actor: "c")
        #expect(room.state.signalCounts == [.lost: 2])
        room.apply(.signal(participantId: "c", signal: .ok), actor: "c")
        #expect(room.state.signalCounts == [.lost: 1, .ok: 1])
        room.apply(.signalsCleared(participantId: "k"), actor: "e")
        #expect(room.state.signals == ["c": .ok])
        room.apply(.signal(participantId: "k", signal: .slower), actor: "k")
        room.apply(.signalsCleared(participantId: nil), actor: "e")
        #expect(room.state.signals.isEmpty)
        room.apply(.signal(participantId: "k", signal: .faster), actor: "k")
        room.apply(.left(participantId: "k"), actor: "k")
        #expect(room.state.signals.isEmpty)
    }

    @Test func reactionsAreOneOfEachPerPersonAndGoWithTheirMessage() {
        var room = room()
        room.say("k", "Bonjour", messageId: "m1")
        func react(_ who: String, _ emoji: Reaction, _ on: Bool) {
            room.apply(.reaction(ReactionChange(messageId: "m1", emoji: emoji, on: on, participantId: who)), actor: who)
        }
        react("c", .thumbsUp, true)
        react("e", .thumbsUp, true)
        react("c", .thumbsUp, true)
        react("c", .clap, true)
        #expect(room.state.reactions(to: "m1").map { $0.0 } == [.thumbsUp, .clap])
        #expect(room.state.reactions(to: "m1").first?.1 == ["e", "c"])
        react("c", .clap, false)
        #expect(room.state.reactions(to: "m1").map { $0.0 } == [.thumbsUp])
        room.apply(.messageDeleted(messageId: "m1"), actor: "e")
        #expect(room.state.reactions.isEmpty)
        react("c", .heart, true)
        #expect(room.state.reactions.isEmpty, "a deleted message takes no reaction")
    }

    @Test func reactionsLeaveWithTheOldestMessages() {
        var room = room()
        room.say("k", "premier", messageId: "m0")
        room.apply(.reaction(ReactionChange(messageId: "m0", emoji: .heart, on: true, participantId: "c")), actor: "c")
        for n in 1...Limits.stateMessages { room.say("k", "\(n)", messageId: "m\(n)") }
        #expect(room.state.reactions["m0"] == nil)
    }

    @Test func everyNewEventSurvivesTheWire() throws {
        let poll = Poll(id: "v1", question: "Q", options: ["a", "b"], anonymous: false, openedBy: "e", openedAt: t, counts: [1, 0], votes: ["k": 0])
        let question = Question(id: "q1", askerId: "k", text: "?", anonymous: false, askedAt: t)
        let kinds: [RoomEvent.Kind] = [
            .questionAsked(question), .questionAnswered(question), .pollOpened(poll), .pollVoted(poll), .pollClosed(poll),
            .pollRevealed(poll), .signal(participantId: "k", signal: .lost), .signal(participantId: "k", signal: nil),
            .signalsCleared(participantId: nil), .signalsCleared(participantId: "k"),
            .reaction(ReactionChange(messageId: "m1", emoji: .heart, on: true, participantId: "k")), .hidden,
        ]
        for kind in kinds {
            let event = RoomEvent(seq: 7, at: t, actor: "k", kind: kind)
            let back = try WireCoding.decoder().decode(RoomEvent.self, from: try WireCoding.encoder().encode(event))
            #expect(back == event)
        }
    }

    @Test func aStateFromBeforeEngagementStillReads() throws {
        var state = room().state
        let data = try WireCoding.encoder().encode(state)
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["questions", "polls", "signals", "reactions"] { object[key] = nil }
        let old = try JSONSerialization.data(withJSONObject: object)
        state = try WireCoding.decoder().decode(RoomState.self, from: old)
        #expect(state == room().state)
    }

    @Test func reactionsReadTheirEmojiOrWord() {
        #expect(Reaction(text: "❤") == .heart)
        #expect(Reaction(text: "❤️") == .heart)
        #expect(Reaction(text: "+1") == .thumbsUp)
        #expect(Reaction(text: "🙂") == nil)
    }
}
