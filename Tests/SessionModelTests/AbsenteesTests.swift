import Foundation
import SessionModel
import Testing

/// States sent to clients leave out departed participants nobody refers to; folding events
/// on such a state keeps every name the client needs.
@Suite("Absentees")
struct AbsenteesTests {
    @Test func aSentStateNamesThePresentAndThoseItRefersToOnly() {
        var script = RoomScript()
        script.join("sarah", "Sarah", role: .expert)
        script.join("karim", "Karim")
        script.say("karim", "Bonjour", messageId: "m1")
        script.apply(.left(participantId: "karim"), actor: "karim")
        for n in 0..<50 {
            script.join("v\(n)", "Visiteur \(n)")
            script.apply(.left(participantId: "v\(n)"), actor: "v\(n)")
        }
        script.join("lea", "Léa")
        script.apply(.signal(participantId: "lea", signal: .lost), actor: "lea")
        let sent = script.state.withoutAbsentees()
        // Karim left but wrote a message in the window: he stays, with his name.
        #expect(sent.participants.map(\.id) == ["sarah", "karim", "lea"])
        #expect(script.state.participants.count == 53)
        #expect(sent.messages == script.state.messages)
    }

    @Test func foldingOnASentStateKeepsTheSameRoomAndEveryNameItNeeds() {
        var server = RoomScript()
        server.join("sarah", "Sarah", role: .expert)
        for n in 0..<20 {
            server.join("v\(n)", "Visiteur \(n)")
            server.apply(.left(participantId: "v\(n)"), actor: "v\(n)")
        }
        var client = server.state.withoutAbsentees()
        // After the client's join: a visitor comes back under a new id, talks, raises a hand
        // and leaves; someone departed long ago is muted, another goes away (no one in the
        // client's copy).
        let kinds: [(RoomEvent.Kind, String?)] = [
            (.joined(Participant(id: "v3b", name: "Visiteur 3", role: .learner, joinedAt: server.start)), "v3b"),
            (.message(ChatMessage(id: "m1", seq: server.state.seq + 2, authorId: "v3b", text: "Me revoilà", at: server.start)), "v3b"),
            (.handRaised(participantId: "v3b"), "v3b"),
            (.left(participantId: "v3b"), "v3b"),
            (.muted(participantId: "v7", muted: true), "sarah"),
            (.presence(participantId: "v8", presence: .away), nil),
        ]
        for (kind, actor) in kinds {
            let event = server.event(kind, actor: actor)
            #expect(server.state.apply(event) == .applied)
            #expect(client.apply(event) == .applied)
        }
        var withoutParticipants = client
        withoutParticipants.participants = []
        var serverWithout = server.state
        serverWithout.participants = []
        #expect(withoutParticipants == serverWithout)
        // Every participant the client knows is as the server knows them, and every one the
        // state refers to is known.
        for participant in client.participants { #expect(server.state.participant(participant.id) == participant) }
        for id in client.referencedParticipantIds { #expect(client.participant(id) != nil) }
        #expect(client.participant("v7") == nil)
    }
}
