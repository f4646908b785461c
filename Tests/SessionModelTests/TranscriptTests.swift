import Foundation
import SessionModel
import Testing

/// The transcript of a scripted room equals a literal file, in Markdown and in plain text,
/// for the expert and for a learner.
@Suite("Transcript")
struct TranscriptTests {
    static let utc = TimeZone(identifier: "UTC")!

    static func at(_ clock: String) -> Date {
        Date(timeIntervalSince1970: 1_795_996_800 + Double(AgendaItem.parseClock(clock)! * 60))  // 2026-11-30, UTC
    }

    /// Sarah leads, Karim and Chloé learn; a message is deleted, a question published, another kept private, a poll closed unrevealed.
    static func scriptedRoom() -> (RoomState, [RoomEvent]) {
        var state = RoomState(
            room: RoomInfo(id: "r1", title: "Les métiers du Web", createdAt: at("08:00")),
            agenda: [
                AgendaItem(id: "a1", title: "Accueil", day: 1, start: "09:00", minutes: 30),
                AgendaItem(id: "a2", title: "UX design", day: 1, start: "09:30", minutes: 60),
            ])
        var events: [RoomEvent] = []
        func add(_ clock: String, _ actor: String?, _ kind: RoomEvent.Kind) {
            let event = RoomEvent(seq: state.seq + 1, at: at(clock), actor: actor, kind: kind)
            events.append(event)
            state.apply(event)
        }
        func say(_ clock: String, _ id: String, _ author: String, _ text: String) {
            add(clock, author, .message(ChatMessage(id: id, seq: state.seq + 1, authorId: author, text: text, at: at(clock))))
        }
        add("09:00", "p0", .joined(Participant(id: "p0", name: "Sarah", role: .expert, joinedAt: at("09:00"))))
        add("09:01", "p1", .joined(Participant(id: "p1", name: "Karim", role: .learner, joinedAt: at("09:01"))))
        add("09:01", "p2", .joined(Participant(id: "p2", name: "Chloé", role: .learner, joinedAt: at("09:01"))))
        add("09:02", "p0", .agenda(itemId: "a1"))
        say("09:03", "m1", "p0", "Bienvenue à tous !")
        say("09:04", "m2", "p1", "Bonjour *tout* le monde\n# pas un titre")
        say("09:05", "m3", "p1", "un message supprimé")
        add("09:06", "p0", .messageDeleted(messageId: "m3"))
        let seo = Question(id: "q1", askerId: "p1", text: "C'est quoi le SEO ?", anonymous: true, askedAt: at("09:10"))
        add("09:10", "p1", .questionAsked(seo))
        add("09:11", "p1", .questionAsked(Question(id: "q2", askerId: "p1", text: "Une question privée", anonymous: false, askedAt: at("09:11"))))
        var answered = seo
        answered.answer = "Le référencement."
        answered.answeredBy = "p0"
        answered.answeredAt = at("09:15")
        answered.published = true
        add("09:15", "p0", .questionAnswered(answered))
        let poll = Poll(id: "v1", question: "Qui a déjà codé ?", options: ["oui", "non"], anonymous: true, openedBy: "p0", openedAt: at("09:20"), counts: [0, 0])
        add("09:20", "p0", .pollOpened(poll))
        var voted = poll
        voted.counts = [1, 0]
        voted.votes = ["p1": 0]
        add("09:21", "p1", .pollVoted(voted))
        var closed = voted
        closed.closed = true
        closed.votes = [:]
        add("09:22", "p0", .pollClosed(closed))
        add("09:30", "p0", .agenda(itemId: "a2"))
        return (state, events)
    }

    static func transcript(for viewer: Viewer, labels: TranscriptLabels = .english) -> Transcript {
        let (state, events) = scriptedRoom()
        return Transcript(state: state, events: events, viewer: viewer, labels: labels, timeZone: utc, exportedAt: at("10:00"))
    }

    @Test func theExpertsMarkdownHasEverything() {
        let expected = ##"""
        # Les métiers du Web

        Exported on 2026-11-30 10:00 (time zone GMT).

        ## Agenda

        - Day 1, 09:00 (30 min): Accueil. Started 2026-11-30 09:02.
        - Day 1, 09:30 (60 min): UX design. Started 2026-11-30 09:30.

        ## Chat

        ### 2026-11-30

        - 09:03 Sarah (expert): Bienvenue à tous !
        - 09:04 Karim: Bonjour \*tout\* le monde
          \# pas un titre

        ## Polls

        ### Qui a déjà codé ? (anonymous, closed)

        - oui: 1
        - non: 0

        ## Questions

        ### Karim, 2026-11-30 09:10 (published)

        > C'est quoi le SEO ?

        Answer (Sarah (expert), 2026-11-30 09:15): Le référencement.

        ### Karim, 2026-11-30 09:11 (private)

        > Une question privée

        Not answered yet.

        """##
        #expect(Self.transcript(for: Viewer(participantId: "p0", role: .expert)).render(.md) == expected)
    }

    @Test func aLearnersPlainTextHasNoPrivateQuestionNorHiddenResults() {
        let expected = ##"""
        Les métiers du Web

        Exported on 2026-11-30 10:00 (time zone GMT).

        Agenda

        Day 1, 09:00 (30 min): Accueil. Started 2026-11-30 09:02.
        Day 1, 09:30 (60 min): UX design. Started 2026-11-30 09:30.

        Chat

        2026-11-30

        09:03 Sarah (expert): Bienvenue à tous !
        09:04 Karim: Bonjour *tout* le monde
          # pas un titre

        Polls

        Qui a déjà codé ? (anonymous, closed)

        oui
        non

        Results not shown to the room.

        Questions

        anonymous, 2026-11-30 09:10 (published)

        C'est quoi le SEO ?

        Answer (Sarah (expert), 2026-11-30 09:15): Le référencement.

        """##
        #expect(Self.transcript(for: Viewer(participantId: "p2", role: .learner)).render(.txt) == expected)
    }

    @Test func frenchLabelsAndNoDeletedMessageInAnyExport() {
        let french = Self.transcript(for: Viewer(participantId: "p1", role: .learner), labels: .french).render(.md)
        #expect(french.contains("## Programme") && french.contains("## Discussion") && french.contains("Résultats non montrés à la salle."))
        for viewer in [Viewer(participantId: "p0", role: .expert), Viewer(participantId: "p1", role: .learner)] {
            for format in Transcript.Format.allCases {
                #expect(!Self.transcript(for: viewer).render(format).contains("supprimé"))
            }
        }
    }

    @Test func searchFindsWholeCharactersIgnoringCaseAndAccents() {
        let text = "L'École et l'ecole"
        let ranges = SearchText.ranges(of: "ÉCOLE", in: text)
        #expect(ranges.map { String(text[$0]) } == ["École", "ecole"])
        #expect(SearchText.matches("Un cafe", folded: SearchText.fold("CAFÉ")))
        #expect(!SearchText.matches("Un thé", folded: SearchText.fold("")))
        #expect(SearchText.ranges(of: "", in: text).isEmpty)
    }
}
