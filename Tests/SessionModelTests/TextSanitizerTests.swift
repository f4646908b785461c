import SessionModel
import Testing

@Suite("TextSanitizer")
struct TextSanitizerTests {
    @Test func escapeSequencesBecomeVisiblePlaceholders() {
        let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J hello\u{9B}31m"
        let safe = TextSanitizer.displaySafe(hostile)
        #expect(!safe.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(safe.contains("\u{241B}"))
        #expect(safe.contains("hello"))
    }

    @Test func bidiControlsAreReplaced() {
        let safe = TextSanitizer.displaySafe("abc\u{202E}def\u{2066}g\u{200B}")
        #expect(safe == "abc\u{FFFD}def\u{FFFD}g\u{FFFD}")
    }

    @Test func emojiSequencesAndAccentsStayWhole() {
        for text in ["👩‍💻 codeuse", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "Chloé", "e\u{301}", "日本語", "❤️", "👍🏽", "🇫🇷"] {
            #expect(TextSanitizer.displaySafe(text) == text)
        }
    }

    @Test func aLoneJoinerIsReplaced() {
        #expect(TextSanitizer.displaySafe("a\u{200D}b") == "a\u{FFFD}b")
    }

    @Test func newlinesAreKeptOnlyWhenAsked() {
        #expect(TextSanitizer.displaySafe("a\nb", keepNewlines: true) == "a\nb")
        #expect(TextSanitizer.displaySafe("a\nb") == "a\u{240A}b")
    }

    @Test func namesAreTrimmedAndChecked() {
        #expect(TextSanitizer.validateName("  Karim   B. ") == .success("Karim B."))
        #expect(TextSanitizer.validateName("   ") == .failure(.empty))
        #expect(TextSanitizer.validateName("\u{1B}[31mX") == .failure(.forbiddenCharacter("\u{1B}")))
        #expect(TextSanitizer.validateName("Eve\u{202E}") == .failure(.forbiddenCharacter("\u{202E}")))
        #expect(TextSanitizer.validateName(String(repeating: "é", count: Limits.nameMaxLength + 1)) == .failure(.tooLong(max: Limits.nameMaxLength)))
        #expect(TextSanitizer.validateName("Chloe\u{301}") == .success("Chloé"))
    }

    @Test func messagesAreNormalised() {
        #expect(TextSanitizer.normalizeMessage("\n\nBonjour  \r\n\tà tous\n\n") == .success("Bonjour\n    à tous"))
        #expect(TextSanitizer.normalizeMessage(" \n ") == .failure(.empty))
        #expect(TextSanitizer.normalizeMessage("x\u{1B}[2J") == .failure(.forbiddenCharacter("\u{1B}")))
        #expect(TextSanitizer.normalizeMessage(String(repeating: "a", count: Limits.messageMaxLength)) == .success(String(repeating: "a", count: Limits.messageMaxLength)))
        #expect(TextSanitizer.normalizeMessage(String(repeating: "a", count: Limits.messageMaxLength + 1)) == .failure(.tooLong(max: Limits.messageMaxLength)))
        #expect(TextSanitizer.normalizeMessage(Array(repeating: "x", count: Limits.messageMaxLines + 1).joined(separator: "\n")) == .failure(.tooManyLines(max: Limits.messageMaxLines)))
    }

    @Test func problemsReadAsSentences() {
        #expect(TextProblem.forbiddenCharacter("\u{1B}").description == "it contains the invisible control character U+001B")
    }
}

@Suite("Heavy messages")
struct HeavyMessageTests {
    @Test func aLetterUnderAPileOfMarksIsRefusedButRealAccentsAndEmojiPass() {
        let zalgo = "a" + String(repeating: "\u{0301}", count: 32_000)
        #expect(TextSanitizer.normalizeMessage(zalgo) == .failure(.tooManyMarks(max: Limits.scalarsPerCharacterMax - 1)))
        #expect(TextSanitizer.normalizeMessage("e" + String(repeating: "\u{0300}", count: 13)) == .failure(.tooManyMarks(max: 11)))
        // Vietnamese stacks two marks; a family emoji is seven scalars; a Scottish flag is seven.
        for fine in ["Tiếng Việt", "ệ̃", "👨‍👩‍👧‍👦 la famille", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "👍🏽"] {
            #expect((try? TextSanitizer.normalizeMessage(fine).get()) != nil, "\(fine)")
        }
    }

    @Test func aMessageIsAtMostAFewKilobytes() {
        // 1,000 characters of four-byte emoji are 4,000 bytes: fine. 700 five-scalar flags are not.
        #expect((try? TextSanitizer.normalizeMessage(String(repeating: "😀", count: 1_000)).get()) != nil)
        let flags = String(repeating: "🏴󠁧󠁢󠁥󠁮󠁧󠁿", count: 400)
        #expect(TextSanitizer.normalizeMessage(flags) == .failure(.tooHeavy(maxBytes: Limits.messageMaxBytes)))
    }
}
