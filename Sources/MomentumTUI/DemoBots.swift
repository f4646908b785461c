import Foundation
import SessionClient
import SessionModel

/// Simulated participants for `momentum demo`: they join over the first seconds, chat from
/// a script, and raise hands, through the same API and libcurl engine as a real client.
struct DemoBots {
    let url: String
    let code: String
    let engine: CurlEngine
    var moderatorKey: String? = nil

    static let names = ["Karim", "Chloé", "Dominique", "Florent", "Aïcha", "Mathis", "Léa", "Yanis"]
    static let lines = [
        "Bonjour à tous !",
        "Est-ce qu'il faut savoir coder pour devenir UX designer ?",
        "Je découvre, c'est passionnant.",
        "On peut voir un exemple de maquette ?",
        "Merci pour les explications 🙏",
        "Combien de temps dure une formation de développeur web ?",
        "Je viens de la vente, est-ce que ça peut servir ?",
        "C'est quoi la différence entre front-end et back-end ?",
    ]

    func run() async {
        let api = SessionAPI(baseURL: url, transport: engine)
        var joined: [RoomCredentials] = []
        for name in Self.names.prefix(5) {
            try? await Task.sleep(for: .milliseconds(700))
            if Task.isCancelled { return }
            if let response = try? await api.join(JoinRequest(code: code, name: name)) {
                joined.append(RoomCredentials(roomId: response.room.id, token: response.token))
            }
        }
        var turn = 0
        while !Task.isCancelled, !joined.isEmpty {
            try? await Task.sleep(for: .seconds(Double.random(in: 4...8)))
            let bot = joined[turn % joined.count]
            if turn % 4 == 3 {
                _ = try? await api.setHand(bot, HandRequest(raised: true, clientId: UUID().uuidString))
            } else {
                let text = Self.lines[turn % Self.lines.count]
                _ = try? await api.postMessage(bot, PostMessageRequest(text: text, clientId: UUID().uuidString))
            }
            turn += 1
        }
    }
}
