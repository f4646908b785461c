import Foundation
import SessionClient
import SessionModel
import Testing
import Widgets
@testable import MomentumTUI

/// Search, the register and the export in plain mode: each answer said as sentences.
@Suite("Plain mode: search and reports")
struct PlainReportsTests {
    let base = RoomScreenTests()

    func joined(as me: Participant) -> PlainModel {
        var model = PlainModel(strings: Language.fr.strings)
        let room = base.state()
        _ = model.update(.stream(.joinedRoom(JoinResponse(token: "t", participant: me, room: room.room, state: room, cursor: "c4", pollTimeout: 25))))
        _ = model.update(.stream(.update(state: room, events: [], reloaded: true)))
        return model
    }

    func type(_ line: String, into model: inout PlainModel) -> [PlainModel.Effect] {
        for character in line { _ = model.update(.input(.text(character))) }
        return model.update(.input(.enter))
    }

    func lines(_ effects: [PlainModel.Effect]) -> [String] {
        effects.compactMap { if case .out(let line) = $0 { line } else { nil } }
    }

    func requests(_ effects: [PlainModel.Effect]) -> [RoomEffect] {
        effects.compactMap { if case .room(let effect) = $0 { effect } else { nil } }
    }

    @Test func searchResultsAreSaidNewestFirst() {
        var model = joined(as: base.karim)
        #expect(requests(type("/chercher ecole", into: &model)) == [.fetchReport(.search(query: "ecole", before: nil))])
        let found = ChatMessage(id: "m9", seq: 9, authorId: base.chloe.id, text: "l'École du web", at: RoomScreenTests.at)
        let said = lines(model.update(.report(.search(query: "ecole", SearchResponse(messages: [found], nextBefore: nil)))))
        #expect(said.first == "1 message(s) contiennent « ecole », du plus récent au plus ancien :", "\(said)")
        #expect(said.count == 2 && said[1].contains("Chloé") && said[1].contains("l'École du web"), "\(said)")
    }

    /// A result's author who left long ago is named from the page's authors (the state sent
    /// to a client no longer names them), and a result out of the chat's order says no day.
    @Test func aSearchResultNamesItsDepartedAuthorAndSaysNoDay() {
        var model = joined(as: base.karim)
        _ = type("/chercher ecole", into: &model)
        let gone = Participant(id: "p_gone", name: "Dominique", role: .learner, presence: .offline, joinedAt: RoomScreenTests.at)
        let found = ChatMessage(id: "m3", seq: 3, authorId: gone.id, text: "Ma première école", at: RoomScreenTests.at)
        let said = lines(model.update(.report(.search(query: "ecole", SearchResponse(messages: [found], nextBefore: nil, authors: [gone])))))
        #expect(said.count == 2 && said[1].contains("Dominique : Ma première école"), "\(said)")
        #expect(!said.joined().contains("Jour"), "\(said)")
    }

    @Test func theRegisterAndTheExportAreSentences() {
        var model = joined(as: base.sarah)
        #expect(requests(type("/presences", into: &model)) == [.fetchReport(.attendance)])
        let row = AttendanceRow(
            participantId: base.karim.id, name: "Karim", role: .learner, date: "2027-01-15", period: "morning", from: "08:00", to: "12:30",
            firstSeen: RoomScreenTests.at, lastSeen: RoomScreenTests.at.addingTimeInterval(3600), minutes: 60, present: false)
        let register = AttendanceRegister(roomId: "r1", title: "Les métiers du Web", timeZone: "UTC", rules: AttendanceRules(), rows: [row])
        let said = lines(model.update(.report(.attendance(register))))
        #expect(said == ["Karim, matin : absent·e, de 08:00 à 09:00, 60 minutes."], "\(said)")
        #expect(lines(model.update(.report(.saved(path: "/tmp/atelier.md")))) == ["Compte rendu écrit dans /tmp/atelier.md"])
        #expect(lines(model.update(.reportFailed(.file(path: "/ro/x.md", reason: "Permission denied")))) == ["Le fichier /ro/x.md ne peut pas être écrit : Permission denied."])
    }
}
