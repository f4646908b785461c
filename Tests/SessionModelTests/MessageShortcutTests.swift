import Testing
@testable import SessionModel

/// Most messages skip Foundation's normalisation (`TextSanitizer.isPlainLatin`): the shortcut
/// must answer exactly what the long way answers, for every text.
@Suite("Message normalisation shortcut")
struct MessageShortcutTests {
    /// Boundary scalars on both sides of the shortcut's range, with spaces and newlines that
    /// trimming acts on.
    static let alphabet: [String] = [
        "a", "Z", " ", " ", "\n", "\n", "é", "ÿ", "Ā", "ɏ", "\u{2FF}", "\u{A0}", "~",
        "\u{300}", "e\u{301}", "\u{AD}", "\t", "\r", "\r\n", "\u{7F}", "\u{9F}", "\u{85}", "\u{1B}",
        "\u{2028}", "Ω", "\u{2126}", "👍🏽", "\u{200D}", "日",
    ]

    /// Every text of up to three pieces of the alphabet (about 25,000).
    @Test func theShortcutAnswersWhatTheLongWayAnswers() {
        var texts: Set<String> = [""]
        for _ in 0..<3 { texts.formUnion(texts.flatMap { prefix in Self.alphabet.map { prefix + $0 } }) }
        for text in texts {
            #expect(TextSanitizer.normalizeMessage(text, plainLatinShortcut: true) == TextSanitizer.normalizeMessage(text, plainLatinShortcut: false),
                    "\(text.unicodeScalars.map { TextSanitizer.codePoint($0) })")
        }
    }

    @Test func whatTakesTheShortcut() {
        #expect(TextSanitizer.isPlainLatin("Bonjour à tous, ça va ? Oui !\nDeuxième ligne"))
        #expect(TextSanitizer.isPlainLatin("Mañana, Ångström, Œuvre, ł"))
        // A combining mark, a soft hyphen, a tab, a carriage return, a C1 control, another script.
        for text in ["e\u{301}", "co\u{AD}de", "a\tb", "a\rb", "a\u{85}b", "Ω", "日本"] {
            #expect(!TextSanitizer.isPlainLatin(text), "\(text.unicodeScalars.map { TextSanitizer.codePoint($0) })")
        }
    }
}
