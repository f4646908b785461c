import Foundation
import SessionModel

/// What the demo's simulated participants say, and the names they go by.
///
/// The chat has to fit what the expert is presenting, or the demo looks like a bot farm:
/// `Theme(title:)` guesses what an agenda item is about from keywords in its title, and each
/// theme has its own lines for the chat and for answers given with the floor. Pure data and
/// pure functions, so tests check the choice without a server.
package enum DemoScript {
    /// What an agenda item is about.
    enum Theme: String, CaseIterable, Sendable {
        case welcome, web, design, seo, community, data, security, breakTime, wrapUp, general

        /// Keywords, tried in this order (the first theme with a match wins): a word of the
        /// title, folded to lower case without accents, equals the keyword, or starts with it
        /// when the keyword ends with `*`. Order matters: "maquetter une page d'accueil" is
        /// design, not welcome; "serveurs et bases de données" is web, not data.
        static let keywords: [(Theme, [String])] = [
            (.breakTime, ["pause", "dejeuner", "cafe", "repas"]),
            (.wrapUp, ["bilan", "cloture", "orientation", "conclusion"]),
            (.security, ["cyber*", "securite", "hameconnage", "phishing", "pirat*"]),
            (.seo, ["seo", "referencement", "google"]),
            (.design, ["ux", "ui", "design*", "maquett*", "ergonom*", "accessibilite"]),
            (.community, ["community", "communaute*", "editorial", "reseaux", "sociaux"]),
            (.web, ["web", "html", "css", "javascript", "front", "back", "developpeu*", "serveur*", "navigateur*", "formulaire*", "code", "coder"]),
            (.data, ["data", "donnees", "tableau*", "statistique*", "excel"]),
            (.welcome, ["accueil", "presentation", "bienvenue", "attentes", "tour"]),
        ]

        /// The theme of an agenda item's title; `.general` when nothing matches or there is no item.
        init(title: String?) {
            let words = (title ?? "")
                .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .split { !$0.isLetter && !$0.isNumber }
                .map(String.init)
            for (theme, keys) in Self.keywords {
                let matches = keys.contains { key in
                    key.hasSuffix("*") ? words.contains { $0.hasPrefix(key.dropLast()) } : words.contains(key)
                }
                if matches { self = theme; return }
            }
            self = .general
        }

        /// Breaks and lunch: people chat less, nobody raises a hand, nobody is given the floor.
        var isBreak: Bool { self == .breakTime }
    }

    package static let expertName = "Sarah"

    /// First names for the simulated learners; more than the 15 a room can hold, so that a
    /// few can be left out when the user has the same name.
    static let learnerNames = [
        "Karim", "Chloé", "Dominique", "Florent", "Aïcha", "Mathis", "Léa", "Yanis", "Inès",
        "Thomas", "Camille", "Moussa", "Julie", "Hugo", "Fatou", "Nathan", "Manon", "Rayan",
    ]

    /// `count` learner names, none equal to one of `avoiding` (case and accents ignored, as
    /// the server compares names).
    static func learnerNames(count: Int, avoiding: [String]) -> [String] {
        let taken = Set(avoiding.map(RoomState.nameKey))
        return Array(learnerNames.filter { !taken.contains(RoomState.nameKey($0)) }.prefix(count))
    }

    /// The simulated expert's name, unless the user already goes by it.
    static func expertName(avoiding: [String]) -> String {
        avoiding.map(RoomState.nameKey).contains(RoomState.nameKey(expertName)) ? expertName + " B." : expertName
    }

    /// The line of `lines` for a turn: turns go round the list, so nothing repeats until all were said.
    static func pick(_ lines: [String], turn: Int) -> String {
        lines[((turn % lines.count) + lines.count) % lines.count]
    }

    /// A learner's chat line for the agenda item with this title.
    static func chatLine(forItemTitle title: String?, turn: Int) -> String {
        pick(chat(Theme(title: title)), turn: turn)
    }

    /// What a learner given the floor says, for the agenda item with this title.
    static func answer(forItemTitle title: String?, turn: Int) -> String {
        pick(answers(Theme(title: title)), turn: turn)
    }

    /// Each learner's first message, whatever the item.
    static let greetings = [
        "Bonjour à tous !", "Salut tout le monde 👋", "Bonjour ! Contente d'être là.", "Hello !",
        "Bonjour, je vous lis bien depuis Lyon.", "Coucou !", "Bonjour à toutes et à tous 🙂",
    ]

    static func chat(_ theme: Theme) -> [String] {
        switch theme {
        case .welcome: [
            "Je suis en reconversion, je viens de la restauration.",
            "J'ai hâte de commencer !",
            "On aura les supports après l'atelier ?",
            "Je ne connais rien au numérique, j'espère que ce n'est pas grave 😅",
            "Je vous suis depuis Dakar, la connexion tient bien.",
            "C'est ma première formation à distance.",
        ]
        case .web: [
            "C'est quoi la différence entre front-end et back-end ?",
            "Il faut être fort en maths pour coder ?",
            "J'ai ouvert l'inspecteur du navigateur, il y a tout ça derrière une page !",
            "HTML pour le contenu et CSS pour la mise en forme, c'est bien ça ?",
            "Quel éditeur vous conseillez pour débuter ?",
            "Ma page s'affiche ! 🎉",
            "Combien de temps faut-il pour devenir développeur web ?",
        ]
        case .design: [
            "Est-ce qu'il faut savoir dessiner pour être UX designer ?",
            "Quels logiciels vous utilisez pour faire des maquettes ?",
            "UX et UI, ce n'est donc pas le même métier ?",
            "J'aime l'idée de partir des besoins des utilisateurs.",
            "Le contraste des couleurs, ça compte pour l'accessibilité ?",
            "On peut voir un exemple de maquette ?",
        ]
        case .seo: [
            "SEO, ça veut dire Search Engine Optimization, c'est ça ?",
            "Est-ce qu'il faut payer Google pour être en premier ?",
            "Les mots-clés, on les choisit comment ?",
            "Je ne savais pas que la vitesse d'un site comptait pour le référencement.",
            "Le titre de la page, c'est la balise title ?",
            "Ça prend combien de temps pour voir les résultats ?",
        ]
        case .community: [
            "Community manager, c'est un vrai métier à plein temps ?",
            "Comment on répond à un commentaire méchant ? 😬",
            "On publie combien de fois par semaine, en général ?",
            "Je gère déjà la page de mon association !",
            "Quels outils pour programmer les publications ?",
            "Le calendrier éditorial, on le fait sur un tableur ?",
        ]
        case .data: [
            "Est-ce qu'Excel suffit pour commencer dans la data ?",
            "C'est quoi la différence entre data analyst et data scientist ?",
            "Il faut apprendre SQL ?",
            "Les graphiques, c'est ce que je préfère 📊",
            "D'où viennent les données qu'on analyse ?",
            "Et le RGPD dans tout ça ?",
        ]
        case .security: [
            "J'utilise le même mot de passe partout… c'est grave ? 😅",
            "Un gestionnaire de mots de passe, c'est sûr ?",
            "J'ai déjà reçu un faux message de ma banque !",
            "C'est quoi la double authentification ?",
            "Il faut savoir coder pour travailler en cybersécurité ?",
            "Comment on reconnaît un lien piégé ?",
        ]
        case .breakTime: [
            "Je vais me chercher un café ☕",
            "Bon appétit à tous !",
            "À tout de suite !",
            "Petite pause bien méritée 😊",
            "Je reviens dans cinq minutes.",
        ]
        case .wrapUp: [
            "Merci beaucoup pour cette journée !",
            "J'ai appris plein de choses aujourd'hui 🙏",
            "On reprend à quelle heure demain ?",
            "Je vais refaire l'exercice ce soir.",
            "Est-ce que les ressources seront partagées ?",
            "Merci, c'était passionnant !",
        ]
        case .general: [
            "Quels métiers recrutent le plus en ce moment ?",
            "On peut travailler à distance dans ces métiers ?",
            "Je viens de la vente, est-ce que ça peut servir ?",
            "Il existe des formations financées ?",
            "C'est passionnant !",
            "On peut se reconvertir après 40 ans ?",
        ]
        }
    }

    static func answers(_ theme: Theme) -> [String] {
        switch theme {
        case .welcome: [
            "Bonjour ! J'ai travaillé dix ans dans la vente et j'aimerais découvrir les métiers du Web.",
            "Ce que j'attends surtout, c'est de savoir par où commencer quand on part de zéro.",
            "J'aimerais savoir quels métiers recrutent sans diplôme d'informatique.",
        ]
        case .web: [
            "Si j'ai bien compris, le navigateur demande la page au serveur, qui lui renvoie du HTML.",
            "Je voulais savoir si on peut apprendre JavaScript sans connaître HTML avant.",
            "Pour moi le front-end, c'est ce qu'on voit, et le back-end ce qui travaille derrière.",
        ]
        case .design: [
            "Je me demandais comment tester avec de vrais utilisateurs quand on n'a pas de budget.",
            "Sur ma maquette, j'ai mis le bouton principal en haut, pour qu'on le voie tout de suite.",
            "Je pense que l'UX, c'est l'expérience, et l'UI ce qu'on voit à l'écran.",
        ]
        case .seo: [
            "Ma page n'avait pas de description, c'est pour ça qu'elle sortait mal dans les résultats.",
            "Je voulais demander si les réseaux sociaux aident le référencement naturel.",
            "Pour moi, le plus important c'est d'écrire pour les gens avant d'écrire pour Google.",
        ]
        case .community: [
            "Dans mon association, on publie le week-end, et c'est là qu'on a le plus de réactions.",
            "Je répondrais calmement en public, puis je proposerais d'en parler en message privé.",
            "Comment mesure-t-on qu'une communauté est en bonne santé ?",
        ]
        case .data: [
            "Sur mon tableau de bord, j'ai mis les visiteurs par jour et la page la plus vue.",
            "Je me demandais comment on vérifie que les données ne sont pas fausses.",
            "Pour moi, un bon graphique répond à une seule question à la fois.",
        ]
        case .security: [
            "Dans le faux mail, l'adresse de l'expéditeur n'avait rien à voir avec la banque.",
            "Je regarde toujours où mène un lien avant de cliquer, en passant la souris dessus.",
            "Existe-t-il des formations courtes pour devenir analyste en cybersécurité ?",
        ]
        case .breakTime: [
            "Pardon, je reviens à l'instant : vous pouvez répéter la question ?",
        ]
        case .wrapUp: [
            "Ce que je retiens, c'est qu'on peut commencer sans diplôme si on pratique beaucoup.",
            "Le métier qui m'a le plus parlé aujourd'hui, c'est celui d'UX designer.",
            "J'aimerais bien une séance de plus sur la pratique.",
        ]
        case .general: [
            "Je pense me diriger vers le développement web, mais j'hésite encore avec l'UX.",
            "Vaut-il mieux une formation courte ou un apprentissage ?",
            "Mon projet, c'est de trouver un stage d'ici six mois.",
        ]
        }
    }

    // MARK: The simulated expert

    static func expertGreeting(name: String) -> String {
        "Bonjour à toutes et à tous, et bienvenue ! Je suis \(name), je vous accompagne pendant ces cinq jours. Levez la main (F2 ou /main) pour prendre la parole."
    }

    /// What the expert says when the agenda moves to an item.
    static func expertOpening(title: String) -> String {
        let prompt = switch Theme(title: title) {
        case .welcome: "Présentez-vous en une phrase : votre prénom, et ce que vous attendez de l'atelier."
        case .web: "Qui a déjà ouvert le code source d'une page web ?"
        case .design: "Pensez à un site qui vous a agacés : qu'est-ce qui n'allait pas ?"
        case .seo: "Comment cherchez-vous une information sur Internet ?"
        case .community: "Qui suit des marques ou des associations sur les réseaux sociaux ?"
        case .data: "Les données sont partout : qui peut citer un exemple dans sa vie de tous les jours ?"
        case .security: "Levez la main si vous avez déjà reçu un message suspect !"
        case .breakTime: "On se retrouve dans quelques minutes."
        case .wrapUp: "Faisons le point : qu'avez-vous retenu ?"
        case .general: "N'hésitez pas à lever la main pour poser vos questions."
        }
        return "On passe à : « \(title) ». \(prompt)"
    }

    static func floorGiven(to name: String) -> String { "\(name), je t'écoute !" }

    static func floorThanks(to name: String, turn: Int) -> String {
        pick(["Merci \(name), très bonne question.", "Merci \(name) ! C'est exactement ça.", "Merci \(name), on y revient tout à l'heure."], turn: turn)
    }
}
