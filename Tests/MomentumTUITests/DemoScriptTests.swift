import SessionModel
import Testing
@testable import MomentumTUI

/// The demo's script: the chat fits the agenda item, the lines are fit to send, the names
/// never clash with the user's.
@Suite("Demo script")
struct DemoScriptTests {
    typealias Theme = DemoScript.Theme

    @Test(arguments: [
        ("Accueil et présentation du programme", Theme.welcome),
        ("Tour de table : vos attentes", .welcome),
        ("Comment fonctionne le Web ?", .web),
        ("Développeur back-end : serveurs et bases de données", .web),
        ("Atelier pratique : maquetter une page d’accueil", .design),
        ("Rencontre avec une designer UX/UI", .design),
        ("Le référencement naturel (SEO) : les bases", .seo),
        ("Community manager : animer une communauté en ligne", .community),
        ("Atelier pratique : bâtir un calendrier éditorial", .community),
        ("Data analyst : donner du sens aux données", .data),
        ("Atelier pratique : un tableau de bord simple", .data),
        ("Cybersécurité : les bons réflexes", .security),
        ("Atelier pratique : déjouer l’hameçonnage", .security),
        ("Pause", .breakTime),
        ("Déjeuner", .breakTime),
        ("Questions et bilan de la journée", .wrapUp),
        ("Clôture de l’atelier", .wrapUp),
        ("Panorama des métiers du numérique", .general),
    ])
    func anItemsThemeComesFromKeywordsInItsTitle(title: String, theme: Theme) {
        #expect(Theme(title: title) == theme)
    }

    @Test func noTitleAndWordsThatOnlyContainAKeywordAreGeneral() {
        #expect(Theme(title: nil) == .general)
        // "ui" is a keyword as a word, not inside "puis" or "aujourd'hui".
        #expect(Theme(title: "Et puis aujourd'hui") == .general)
    }

    @Test func everyItemOfTheDemoWorkshopHasAThemeOfItsOwnButAFew() {
        let general = DemoWorkshop.request.agenda.map(\.title).filter { Theme(title: $0) == .general }
        #expect(Set(general) == ["Panorama des métiers du numérique", "Formations et parcours pour se lancer", "Atelier : construire son projet professionnel"])
    }

    @Test func chatAndAnswersComeFromTheCurrentItemsTheme() {
        let seo = "Le référencement naturel (SEO) : les bases"
        for turn in 0..<10 {
            #expect(DemoScript.chat(.seo).contains(DemoScript.chatLine(forItemTitle: seo, turn: turn)))
            #expect(DemoScript.answers(.seo).contains(DemoScript.answer(forItemTitle: seo, turn: turn)))
        }
        #expect(DemoScript.chatLine(forItemTitle: "Pause", turn: 0) == DemoScript.chat(.breakTime)[0])
    }

    @Test func turnsGoRoundEveryLineBeforeRepeating() {
        let lines = DemoScript.chat(.web)
        let said = (0..<lines.count).map { DemoScript.pick(lines, turn: $0) }
        #expect(Set(said).count == lines.count)
        #expect(DemoScript.pick(lines, turn: lines.count) == said[0])
        #expect(DemoScript.pick(lines, turn: -1) == lines.last)
    }

    @Test func everyLineIsSendable() {
        var all = DemoScript.greetings + [DemoScript.expertGreeting(name: "Sarah"), DemoScript.floorGiven(to: "Karim")]
        for theme in Theme.allCases {
            #expect(DemoScript.chat(theme).count >= 5, "\(theme)")
            #expect(!DemoScript.answers(theme).isEmpty, "\(theme)")
            all += DemoScript.chat(theme) + DemoScript.answers(theme)
        }
        all += DemoWorkshop.request.agenda.map { DemoScript.expertOpening(title: $0.title) }
        for line in all {
            #expect(!line.isEmpty && line.count <= Limits.messageMaxLength)
            #expect((try? TextSanitizer.normalizeMessage(line).get()) == line, "\(line)")
        }
    }

    @Test func botNamesNeverClashWithTheUsersName() {
        let names = DemoScript.learnerNames(count: 15, avoiding: ["LEA", "karim"])
        #expect(names.count == 15)
        #expect(!names.contains("Léa") && !names.contains("Karim"))
        #expect(Set(names.map(RoomState.nameKey)).count == 15)
        #expect(DemoScript.expertName(avoiding: ["Invité"]) == "Sarah")
        #expect(DemoScript.expertName(avoiding: ["sarah"]) != "Sarah")
    }
}
