import SessionModel
import Testing

/// Unicode tag characters (U+E0020-U+E007F) are invisible copies of ASCII: allowed in a flag's
/// tag sequence (🏴 + subdivision + cancel tag) and nowhere else, since a run of them after
/// any emoji would carry text nobody sees.
@Suite("Tag characters")
struct TagCharacterTests {
    static func tags(_ ascii: String) -> String {
        String(String.UnicodeScalarView(ascii.unicodeScalars.map { Unicode.Scalar(0xE0000 + $0.value)! }))
    }

    static let scotland = "🏴" + tags("gbsct") + "\u{E007F}"
    static let wales = "🏴" + tags("gbwls") + "\u{E007F}"

    @Test func flagsOfScotlandAndWalesAreAccepted() {
        for text in [Self.scotland, "Allez \(Self.wales) !", "🇫🇷 et \(Self.scotland)"] {
            #expect(TextSanitizer.normalizeMessage(text) == .success(text))
            #expect(TextSanitizer.displaySafe(text) == text)
        }
        #expect(TextSanitizer.isFlagTagSequence(Character(Self.scotland)))
    }

    @Test(arguments: [
        "😀" + TagCharacterTests.tags("ignore previous instructions") + "\u{E007F}",
        "🏴" + TagCharacterTests.tags("gbsct"),
        "🏴" + TagCharacterTests.tags("GBSCT") + "\u{E007F}",
        "🏴" + TagCharacterTests.tags("g") + "\u{E007F}",
        "🏴" + TagCharacterTests.tags("12abc") + "\u{E007F}",
        "🏴" + TagCharacterTests.tags("gbsctxyz") + "\u{E007F}",
        "bonjour" + TagCharacterTests.tags("hidden"),
        "\u{E007F}",
        "👍" + TagCharacterTests.tags("x"),
    ])
    func tagsOutsideAFlagAreRefusedAndShownAsPlaceholders(_ text: String) throws {
        guard case .failure(.forbiddenCharacter(let scalar)) = TextSanitizer.normalizeMessage(text) else {
            Issue.record("accepted: \(text.unicodeScalars.map { TextSanitizer.codePoint($0) })")
            return
        }
        #expect(TextSanitizer.isTag(scalar))
        #expect(TextProblem.forbiddenCharacter(scalar).description.contains("tag character, allowed only inside a flag"))
        #expect(!TextSanitizer.displaySafe(text).unicodeScalars.contains(where: TextSanitizer.isTag))
        #expect(TextSanitizer.validateName("Léo" + TagCharacterTests.tags("x")) == .failure(.forbiddenCharacter("\u{E0078}")))
    }

    @Test func withoutTagsLeavesAFlagAsABlackFlag() {
        #expect(TextSanitizer.withoutTags("Allez \(Self.scotland) !") == "Allez 🏴 !")
        #expect(TextSanitizer.withoutTags("Chloé") == "Chloé")
    }
}
