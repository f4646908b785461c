import Foundation
import SessionModel
import Testing

/// The privacy rule: what each participant is shown of a room's events, and that folding
/// what one was shown gives exactly the state one is shown.
@Suite("Audience")
struct AudienceTests {
    let t = Date(timeIntervalSince1970: 1_800_000_000)
    let expert = Viewer(participantId: "e", role: .expert)
    let karim = Viewer(participantId: "k", role: .learner)
    let chloe = Viewer(participantId: "c", role: .learner)

    /// A morning with every kind of private and partly private event.
    func morning() -> [RoomEvent] {
        var events: [RoomEvent] = []
        func add(_ kind: RoomEvent.Kind, _ actor: String?) {
            events.append(RoomEvent(seq: Int64(events.count + 1), at: t.addingTimeInterval(Double(events.count)), actor: actor, kind: kind))
        }
        add(.joined(Participant(id: "e", name: "Sarah", role: .expert, joinedAt: t)), "e")
        add(.joined(Participant(id: "k", name: "Karim", role: .learner, joinedAt: t)), "k")
        add(.joined(Participant(id: "c", name: "Chloé", role: .learner, joinedAt: t)), "c")
        let secret = Question(id: "q1", askerId: "k", text: "Je suis perdu, c'est grave ?", anonymous: true, askedAt: t)
        add(.questionAsked(secret), "k")
        var privateAnswer = secret
        privateAnswer.answer = "Non, on en parle à la pause."
        privateAnswer.answeredBy = "e"
        add(.questionAnswered(privateAnswer), "e")
        let shared = Question(id: "q2", askerId: "k", text: "C'est quoi un DOM ?", anonymous: true, askedAt: t)
        add(.questionAsked(shared), "k")
        var published = shared
        published.answer = "L'arbre de la page."
        published.published = true
        add(.questionAnswered(published), "e")
        let named = Question(id: "q3", askerId: "c", text: "Et le CSS ?", anonymous: false, askedAt: t)
        add(.questionAsked(named), "c")
        var namedPublished = named
        namedPublished.answer = ""
        namedPublished.published = true
        add(.questionAnswered(namedPublished), "e")
        for anonymous in [true, false] {
            let id = anonymous ? "v1" : "v2"
            var poll = Poll(id: id, question: "Qui a déjà codé ?", options: ["oui", "non", "un peu"], anonymous: anonymous, openedBy: "e", openedAt: t, counts: [0, 0, 0])
            add(.pollOpened(poll), "e")
            poll.votes = ["k": 2]
            poll.counts = [0, 0, 1]
            add(.pollVoted(poll), "k")
            poll.revealed = true
            poll.votes = [:]
            add(.pollRevealed(poll), "e")
            poll.votes = ["c": 0]
            poll.counts = [1, 0, 1]
            add(.pollVoted(poll), "c")
            poll.closed = true
            poll.votes = [:]
            add(.pollClosed(poll), "e")
        }
        var late = Poll(id: "v3", question: "Pause ?", options: ["oui", "non"], anonymous: true, openedBy: "e", openedAt: t, counts: [0, 0])
        add(.pollOpened(late), "e")
        late.votes = ["c": 1]
        late.counts = [0, 1]
        add(.pollVoted(late), "c")
        add(.signal(participantId: "k", signal: .lost), "k")
        // Someone on another machine asks for Chloé's seat; the expert gives it back.
        add(.seatClaimed(SeatClaim(id: "cl1", participantId: "c", at: t, expiresAt: t.addingTimeInterval(60))), nil)
        add(.seatGranted(claimId: "cl1", participantId: "c"), "e")
        return events
    }

    func fold(_ events: [RoomEvent]) -> RoomState {
        var state = RoomState(room: RoomInfo(id: "r", title: "Atelier", createdAt: t), agenda: [])
        for event in events { #expect(state.apply(event) == .applied) }
        return state
    }

    @Test func foldingWhatOneWasShownGivesTheStateOneIsShown() {
        let events = morning()
        let server = fold(events)
        for viewer in [expert, karim, chloe, Viewer(participantId: "late", role: .learner)] {
            let mine = fold(events.map { $0.seen(by: viewer) })
            #expect(mine == server.seen(by: viewer), "viewer \(viewer.participantId)")
        }
    }

    @Test func seatClaimsAreTheExpertsBusinessOnly() {
        let events = morning().filter { if case .seatClaimed = $0.kind { true } else if case .seatGranted = $0.kind { true } else { false } }
        #expect(events.count == 2)
        for event in events {
            #expect(event.seen(by: expert) == event)
            #expect(event.seen(by: chloe).kind == .hidden, "not even the learner whose seat it is: the newcomer hears through the claim")
        }
        let server = fold(morning())
        #expect(server.seen(by: expert).claims.count == 1)
        #expect(server.seen(by: karim).claims.isEmpty)
    }

    @Test func anotherLearnersPrivateQuestionIsOnlyItsSeq() throws {
        let events = morning()
        let shown = events.map { $0.seen(by: chloe) }
        #expect(shown.map(\.seq) == events.map(\.seq), "no gap in the stream")
        let wire = String(decoding: try WireCoding.encoder().encode(shown), as: UTF8.self)
        #expect(!wire.contains("perdu"))
        #expect(!wire.contains("à la pause"))
        #expect(shown[3].kind == .hidden && shown[3].actor == nil)
        let state = fold(events).seen(by: chloe)
        #expect(state.questions.map(\.id) == ["q2", "q3"])
        #expect(state.questions.first?.askerId == nil, "published anonymously")
        #expect(state.questions.last?.askerId == "c")
    }

    @Test func theAskerAndEveryExpertSeeThePrivateQuestion() {
        let server = fold(morning())
        #expect(server.seen(by: karim).questions.map(\.id) == ["q1", "q2", "q3"], "his own, and the published ones")
        #expect(server.seen(by: karim).questions.first?.askerId == "k")
        #expect(server.seen(by: expert).questions.count == 3)
        #expect(server.seen(by: expert).openQuestions.isEmpty)
    }

    @Test func countsShowToLearnersOnceRevealedAndVotersToExpertsOfNamedPollsOnly() {
        let server = fold(morning())
        let learner = server.seen(by: chloe)
        #expect(learner.poll("v1")?.counts == [1, 0, 1])
        #expect(learner.poll("v1")?.votes == ["c": 0], "one's own vote only")
        #expect(learner.poll("v3")?.counts == nil, "not revealed")
        #expect(learner.poll("v3")?.votes == ["c": 1])
        #expect(server.seen(by: expert).poll("v1")?.votes == [:], "anonymous")
        #expect(server.seen(by: expert).poll("v2")?.votes == ["k": 2, "c": 0])
        #expect(server.seen(by: expert).poll("v3")?.counts == [0, 1])
        let vote = morning().first { if case .pollVoted(let p) = $0.kind { p.id == "v1" } else { false } }!
        #expect(vote.seen(by: expert).actor == nil, "an anonymous vote names nobody")
        #expect(vote.seen(by: karim).actor == "k")
    }
}
