/// What the room says about seat claims (someone joining from another machine with the name
/// of an offline learner), to the newcomer and to the experts, in each language.
struct SeatClaimStrings: Sendable {
    /// The newcomer, while the experts are asked: a chat line, then a countdown above the input.
    var waiting: @Sendable (_ name: String) -> String
    var waitingCountdown: @Sendable (_ seconds: Int) -> String
    var granted: @Sendable (_ name: String) -> String
    var refused: @Sendable (_ name: String, _ given: String) -> String
    var expired: @Sendable (_ name: String, _ given: String) -> String
    /// The experts' question, above the input line, with the keys that answer it.
    var prompt: @Sendable (_ name: String, _ accept: String, _ refuse: String) -> String
    /// The same in plain mode, with the commands.
    var plainPrompt: @Sendable (_ name: String, _ accept: String, _ refuse: String) -> String
    /// Chat lines, for the experts only.
    var claimedLine: @Sendable (_ name: String, _ accept: String, _ refuse: String) -> String
    var grantedLine: @Sendable (_ name: String, _ by: String) -> String
    var refusedLine: @Sendable (_ name: String, _ by: String) -> String
    var expiredLine: @Sendable (_ name: String) -> String
    /// Accepting or refusing when no claim is waiting.
    var noClaim: String
    var keyAccept: String
    var keyRefuse: String

    static let french = SeatClaimStrings(
        waiting: { "\($0) est absent·e de la salle : on demande à l'expert·e si c'est bien toi. La réponse vient dans une minute au plus." },
        waitingCountdown: { "En attente de la réponse de l'expert·e… \($0) s" },
        granted: { "L'expert·e t'a rendu ta place : te revoilà, \($0), avec ton historique." },
        refused: { name, given in "L'expert·e n'a pas confirmé que tu es \(name) : dans cette salle, tu es « \(given) »." },
        expired: { _, given in "Pas de réponse de l'expert·e à temps : dans cette salle, tu es « \(given) »." },
        prompt: { name, accept, refuse in "\(name) revient d'un autre ordinateur ? \(accept) rendre sa place · \(refuse) refuser" },
        plainPrompt: { name, accept, refuse in "Quelqu'un revient comme \(name) depuis un autre ordinateur : \(accept) pour lui rendre sa place, \(refuse) pour refuser." },
        claimedLine: { name, accept, refuse in "Quelqu'un demande la place de \(name) (absent·e) depuis un autre ordinateur : \(accept) la lui rend, \(refuse) refuse (un autre nom lui est donné)" },
        grantedLine: { name, by in "\(by) rend sa place à \(name)" },
        refusedLine: { name, by in "\(by) refuse la place de \(name) au nouvel ordinateur" },
        expiredLine: { "La demande de place de \($0) est restée sans réponse" },
        noClaim: "Personne ne demande de place en ce moment.",
        keyAccept: "rendre sa place",
        keyRefuse: "refuser la place")

    static let english = SeatClaimStrings(
        waiting: { "\($0) is away from the room: asking the expert whether it is you. The answer comes within a minute." },
        waitingCountdown: { "Waiting for the expert's answer… \($0) s" },
        granted: { "The expert gave your seat back: welcome back, \($0), with your history." },
        refused: { name, given in "The expert did not confirm that you are \(name): in this room, you are \"\(given)\"." },
        expired: { _, given in "No answer from the expert in time: in this room, you are \"\(given)\"." },
        prompt: { name, accept, refuse in "\(name) back from another computer? \(accept) give the seat back · \(refuse) refuse" },
        plainPrompt: { name, accept, refuse in "Someone is back as \(name) from another computer: \(accept) to give the seat back, \(refuse) to refuse." },
        claimedLine: { name, accept, refuse in "Someone asks for the seat of \(name) (away) from another computer: \(accept) gives it back, \(refuse) refuses (they get another name)" },
        grantedLine: { name, by in "\(by) gives \(name) their seat back" },
        refusedLine: { name, by in "\(by) refuses the seat of \(name) to the other computer" },
        expiredLine: { "Nobody answered the claim on the seat of \($0)" },
        noClaim: "Nobody is asking for a seat right now.",
        keyAccept: "give the seat back",
        keyRefuse: "refuse the seat")
}
