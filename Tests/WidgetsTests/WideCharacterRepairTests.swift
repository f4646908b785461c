import PropertyBased
import Testing
import Widgets

/// Writing over wide characters that are already on screen (the "N new" indicator over CJK
/// text, a dialog over the chat) must leave whole characters only.
@Suite("Overwriting wide characters")
struct WideCharacterRepairTests {
    @Test func aWideCharacterWrittenAcrossTwoOldOnesStaysWhole() {
        var buffer = CellBuffer(width: 6, height: 1)
        buffer.write("a語語", x: 0, y: 0)
        buffer.write("日b", x: 2, y: 0)
        #expect(buffer.rows == ["a 日b "])
        #expect(buffer[3, 0].isContinuation && !buffer[4, 0].isContinuation)
    }

    @Test func noOrphanHalfIsLeftAfterTheLastCharacter() {
        var buffer = CellBuffer(width: 5, height: 1)
        buffer.write("a語語", x: 0, y: 0)
        buffer.write("日", x: 2, y: 0)
        #expect(buffer.rows == ["a 日 "])
        #expect(!buffer[4, 0].isContinuation)
    }

    @Test func aPlaceholderIsAsWideAsTheClusterItStandsFor() async {
        #expect(DisplayWidth.of(CellText.safe(Character("\u{301}\u{1F3FD}\u{1F3FD}"))) == 1)
        await propertyCheck(count: 200, input: MixedText.line()) { text in
            for character in text {
                #expect(DisplayWidth.of(CellText.safe(character)) == DisplayWidth.of(character), "\(character.unicodeScalars.map(\.value))")
            }
        }
    }
}
