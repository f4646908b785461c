import Foundation
import SessionClient
import SessionModel
import Testing
import Widgets
@testable import MomentumTUI

/// The one command table: what completion offers, what dispatch obeys and what help lists
/// are the same commands, for exactly the roles the table allows.
@Suite("Command table")
struct CommandTableTests {
    let screen = RoomScreenTests()

    func joined(as role: Role, language: Language = .fr) -> RoomModel {
        var model = screen.joined(as: role == .expert ? screen.sarah : screen.karim, language: language)
        _ = screen.apply(.message(ChatMessage(id: "m1", seq: 5, authorId: screen.karim.id, text: "oups", at: RoomScreenTests.at)), to: &model)
        return model
    }

    func typed(_ command: RoomCommand, _ name: String) -> String {
        switch command.argument {
        case .none, .optionalPerson, .optionalText: name
        case .person: name + " Karim"
        case .text: name + " 1 Bonjour"
        }
    }

    @Test(arguments: Role.allCases, Language.allCases)
    func everyCommandIsCompletableDispatchableAndInHelpForExactlyItsRoles(role: Role, language: Language) {
        let strings = language.strings
        let unknown = strings.unknownCommand("")
        for command in RoomCommands.all {
            let allowed = command.roles.contains(role)
            for name in command.names {
                var model = joined(as: role, language: language)
                _ = model.submit(typed(command, name))
                let refused = model.notice?.hasPrefix(String(unknown.prefix(while: { $0 != ":" }))) == true
                #expect(refused != allowed, "\(name) for a \(role): \(model.notice ?? "no notice")")
            }
            let model = joined(as: role, language: language)
            let offered = model.editor.completer?("/") ?? []
            #expect(offered.contains("/" + command.french) == allowed, "Tab offers \(command.french) to a \(role)")
            #expect(offered.contains("/" + command.english) == allowed)
            let help = model.helpOverlay.sections.flatMap(\.hints).map(\.key)
            #expect(help.contains(RoomCommands.usage(command, strings)) == allowed, "help lists \(command.french) to a \(role)")
        }
    }

    @Test func aLearnersTabNeverOffersAnExpertCommand() {
        let model = joined(as: .learner)
        let expertNames = Set(RoomCommands.all.filter { !$0.roles.contains(.learner) }.flatMap(\.names))
        for letter in "/abcdefghijklmnopqrstuvwxyz" {
            let prefix = letter == "/" ? "/" : "/" + String(letter)
            let offered = model.editor.completer?(prefix) ?? []
            #expect(offered.allSatisfy { !expertNames.contains($0) }, "\(prefix) offers \(offered)")
        }
        var typing = joined(as: .learner)
        for character in "/verr" { _ = typing.update(.input(.text(character))) }
        _ = typing.update(.input(.tab))
        #expect(typing.editor.text == "/verr", "nothing to complete: the learner has no /verrouiller")
    }

    @Test func commandsDoWhatTheirKeysDo() {
        var expert = joined(as: .expert)
        for command in RoomCommands.all where command.argument == .none {
            guard let action = command.key else { continue }
            var byKey = joined(as: .expert)
            var byCommand = joined(as: .expert)
            let keyEffects = byKey.perform(action)
            let commandEffects = byCommand.submit(command.names[0])
            if command.id == .lock {
                #expect(commandEffects == [.moderate(.lock, ModerationRequest(locked: true))])
            } else {
                #expect(keyEffects == commandEffects, "\(command.names[0]) and its key")
            }
        }
        #expect(expert.submit("/q") == [.quit], "/q quits")
        #expect(expert.submit("/QUIT") == [.quit])
    }

    @Test func aMissingNameIsSaidInTheUsersLanguage() {
        var french = joined(as: .expert)
        #expect(french.submit("/baisser") == [])
        #expect(french.notice == "Il manque un nom : /baisser NOM")
        var english = joined(as: .expert, language: .en)
        #expect(english.submit("/mute") == [])
        #expect(english.notice == "A name is missing: /mute NAME")
    }

    @Test func helpListsKeysAndCommandsForMyRoleOnly() {
        var learner = joined(as: .learner)
        _ = learner.update(.input(.function(1)))
        let text = RoomView.render(&learner).0.rows.joined(separator: "\n")
        #expect(text.contains("Commandes"))
        #expect(text.contains("/main") && text.contains("lever ou baisser la main (F2, Alt-H)"))
        #expect(!text.contains("/verrouiller") && !text.contains("/parole"))
        #expect(RoomCommands.summary(Language.fr.strings, role: .learner) == ["Commandes : /main, /qui, /programme, /aide, /quitter, /question TEXTE, /anonyme TEXTE, /questions, /lent, /vite, /perdu, /ok, /sans-signal, /reagir [TEXTE], /chercher [TEXTE], /export [TEXTE]"])
        #expect(RoomCommands.summary(Language.en.strings, role: .expert).count == 2)
    }
}
