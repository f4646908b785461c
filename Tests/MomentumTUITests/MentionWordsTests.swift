import SessionModel
import Testing
@testable import MomentumTUI

/// ASCII messages are split into words between bytes (`RoomModel.asciiWords`), the others
/// between characters (`RoomModel.words`): on ASCII text both must find the same mentions.
@Suite struct MentionWordsTests {
    static let names = ["Karim", "Jean-Luc", "Lea", "Al", "M", "Marie Claire", "Chloé", "rn", "Bob2"]

    @Test func bytesAndCharactersFindTheSameWords() {
        var generator = SeededGenerator(seed: 13)
        let pieces = ["karim", "KARIM", "Karim-", "-karim", "jean-luc", "Jean Luc", "lea", "LEA.", "al", "m", "rn", "bob2", "bob",
                      " ", "  ", "\t", "\r\n", "\n", ",", ".", "!", "?", "@", "'", "_", "-", "--", "0", "9", "x", "Lorem", "ipsum"]
        var mentions = 0
        for _ in 0..<5_000 {
            let count = Int.random(in: 0...12, using: &generator)
            let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            for name in Self.names {
                let key = RoomState.nameKey(name)
                let byCharacters = RoomModel.words(of: text, mention: key)
                #expect(RoomModel.asciiWords(of: text, mention: key) == byCharacters, "\(text.debugDescription) for \(name)")
                if byCharacters { mentions += 1 }
            }
        }
        // The texts did mention the names, often: the comparison covered both answers.
        #expect(mentions > 1_000)
    }

    @Test func anAsciiWordIsFoundWhereverItStands() {
        let key = RoomState.nameKey("Karim")
        #expect(RoomModel.asciiWords(of: "karim", mention: key))
        #expect(RoomModel.asciiWords(of: "ok karim!", mention: key))
        #expect(RoomModel.asciiWords(of: "salut\r\nKARIM", mention: key))
        #expect(!RoomModel.asciiWords(of: "karima", mention: key))
        #expect(!RoomModel.asciiWords(of: "karim-a", mention: key))
        #expect(!RoomModel.asciiWords(of: "", mention: key))
    }
}
