@testable import SessionModel
import Testing

/// Names that could pass for the expert or for someone else are refused or compared as one.
@Suite("Names")
struct NameRulesTests {
    @Test(arguments: ["Sarah ★", "★ Sarah", "🎤 Chloé", "✋1 Karim", "● Florent", "Sarah *", "Sarah ＊", "Léa ☆", "▶ Karim", "Sarah 🔒"])
    func badgesAreRefused(name: String) {
        guard case .failure(.badge) = TextSanitizer.validateName(name) else {
            Issue.record("\(name) was not refused as a badge: \(TextSanitizer.validateName(name))")
            return
        }
    }

    @Test(arguments: ["Sarah (expert)", "Sarah (expert·e)", "Sarah (Experte)", "Karim (you)", "Karim (toi)", "Karim (muted)",
                      "Karim (muet)", "Sarah [expert]", "Sarah (EXPERT.E)", "Sarah ( expert )", "Sarah (modérateur)"])
    func markersAfterTheNameAreRefused(name: String) {
        guard case .failure(.roleMarker) = TextSanitizer.validateName(name) else {
            Issue.record("\(name) was not refused as a marker: \(TextSanitizer.validateName(name))")
            return
        }
    }

    @Test(arguments: ["\u{3164}", "Karim\u{3164}", "\u{2800}", "Ka\u{2800}rim", "\u{115F}Léa", "\u{FFA0}"])
    func invisibleFillersAreRefused(name: String) {
        switch TextSanitizer.validateName(name) {
        case .failure(.invisible), .failure(.forbiddenCharacter): break
        case let other: Issue.record("\(name.unicodeScalars.map { $0.value }) was accepted: \(other)")
        }
    }

    @Test(arguments: ["Karim", "Chloé", "Zoë", "Jean-Marc", "O'Brien", "Nguyễn Văn An", "李雷", "Анна", "Karim (Lyon)", "Léa 2", "Ana-Maria+1"])
    func ordinaryNamesPass(name: String) {
        #expect((try? TextSanitizer.validateName(name).get()) == name)
    }

    @Test func lookAlikesHaveTheSameSkeleton() {
        let sarah = NameRules.skeleton("Sarah")
        #expect(NameRules.skeleton("S\u{430}r\u{430}h") == sarah, "Cyrillic а")
        #expect(NameRules.skeleton("SARAH") == sarah)
        #expect(NameRules.skeleton("Sàrah") == sarah)
        #expect(NameRules.skeleton("Ｓａｒａｈ") == sarah, "full width")
        #expect(NameRules.skeleton("\u{3A1}\u{391}\u{3A4}") == NameRules.skeleton("PAT"), "Greek capitals")
        #expect(NameRules.skeleton("К\u{430}rim") == NameRules.skeleton("Karim"))
        #expect(NameRules.skeleton("Lé0") == NameRules.skeleton("Léo"))
        #expect(NameRules.skeleton("Karim") != NameRules.skeleton("Karine"))
        #expect(RoomState.nameKey("S\u{430}rah") == RoomState.nameKey("sarah"))
    }

    /// The ASCII fast path must give what Foundation's path gives, pairs and look-alikes included.
    @Test(arguments: ["Sarah", "KARIM", "rn", "RN", "rrnn", "vvv", "VvVv", "Le0 l1|", "barn vvv-rn", "a@b.c Marie Claire",
                      "m0mentum 1s |ive", "x rn x vv x", "~!#$%^&*()_+{}[]:;\"'<>,.?/ `", "Hello @Lea, see you"])
    func asciiSkeletonIsTheGeneralOne(text: String) {
        #expect(NameRules.asciiSkeleton(text) == NameRules.unicodeSkeleton(text))
    }

    @Test func asciiSkeletonLeavesTheRestToFoundation() {
        #expect(NameRules.asciiSkeleton("Chloé") == nil)
        #expect(NameRules.asciiSkeleton("tab\there") == nil)
        #expect(NameRules.skeleton("Chloé") == "chloe")
    }
}
