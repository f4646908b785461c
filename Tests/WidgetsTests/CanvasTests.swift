import Testing
import Widgets

@Suite("Cells, width and layout")
struct CanvasTests {
    @Test func widthIsPerClusterAndAgreesWithTheTerminal() {
        #expect(DisplayWidth.of("Bonjour") == 7)
        #expect(DisplayWidth.of("Chloé") == 5)
        #expect(DisplayWidth.of("Chloe\u{301}") == 5)
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("👩‍💻") == 2)
        #expect(DisplayWidth.of("🇫🇷") == 2)
        #expect(DisplayWidth.of("👍🏽") == 2)
        #expect(DisplayWidth.of("❤️") == 2)
        #expect(DisplayWidth.of("\u{1B}[31m") == 5, "ESC is drawn as one placeholder cell")
        #expect(DisplayWidth.of("שלום") == 4)
    }

    @Test func controlsNeverReachTheBuffer() {
        var buffer = CellBuffer(width: 12, height: 1)
        buffer.write("a\u{1B}]0;x\u{07}\u{202E}b", x: 0, y: 0)
        #expect(buffer.rows == ["a\u{241B}]0;x\u{2407}\u{FFFD}b   "])
        for cell in buffer.cells {
            #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) })
        }
    }

    @Test func aWideCharacterIsNeverSplit() {
        var buffer = CellBuffer(width: 5, height: 1)
        let end = buffer.write("ab日本", x: 0, y: 0)
        #expect(end == 5)
        #expect(buffer.rows == ["ab日 "])
        buffer.write("x", x: 3, y: 0)
        #expect(buffer.rows == ["ab x "], "overwriting half a wide character blanks the other half")
    }

    @Test func writingIsClipped() {
        var buffer = CellBuffer(width: 10, height: 2)
        buffer.write("Bonjour à tous", x: 2, y: 1, clip: Rect(x: 2, y: 1, width: 5, height: 1))
        #expect(buffer.rows == ["          ", "  Bonjo   "])
        buffer.write("hors champ", x: 0, y: 5)
        #expect(buffer.trimmedRows == ["", "  Bonjo"])
    }

    @Test func aLoneCombiningMarkGetsADottedCircle() {
        var buffer = CellBuffer(width: 3, height: 1)
        buffer.write("\u{301}x", x: 0, y: 0)
        #expect(buffer.rows == ["\u{25CC}\u{301}x "])
    }

    @Test func layoutCoversTheAreaExactly() {
        let area = Rect(x: 0, y: 0, width: 100, height: 10)
        let columns = Layout.split(area, .horizontal, [.fixed(22), .fill(1), .ratio(1, 5)])
        #expect(columns.map(\.width) == [22, 58, 20])
        #expect(columns.map(\.x) == [0, 22, 80])
        let rows = Layout.split(area, .vertical, [.fixed(1), .min(3), .fixed(1), .fixed(1)])
        #expect(rows.map(\.height) == [1, 7, 1, 1])
        let cramped = Layout.split(Rect(x: 0, y: 0, width: 10, height: 1), .horizontal, [.fixed(8), .fixed(8)])
        #expect(cramped.map(\.width) == [8, 2])
    }
}

@Suite("Key decoding")
struct KeyDecoderTests {
    func decode(_ text: String, _ extra: [RawInput] = []) -> [InputEvent] {
        var decoder = KeyDecoder()
        return decoder.decode(text.unicodeScalars.map(RawInput.character) + extra)
    }

    @Test func textControlAndAlt() {
        #expect(decode("é\u{01}\r\t\u{7F}") == [.text("é"), .ctrl("a"), .enter, .tab, .backspace])
        #expect(decode("\u{1B}b") == [.alt("b")])
        #expect(decode("\u{1B}") == [.escape])
        #expect(decode("👩‍💻") == [.text("👩‍💻")])
        #expect(decode("", [.key(.up), .key(.function(2))]) == [.up, .function(2)])
    }

    @Test func ctrlArrowsTerminfoDoesNotNameAreDecoded() {
        #expect(decode("a\u{1B}[1;5Db\u{1B}[1;5C") == [.text("a"), .ctrlLeft, .text("b"), .ctrlRight])
    }

    @Test func aBracketedPasteIsOneEventAndTriggersNothing() {
        #expect(decode("\u{1B}[200~/quit\r\nF2\u{1B}[201~x") == [.paste("/quit\nF2"), .text("x")])
    }

    @Test func aPasteCutAcrossReadsIsStillOnePaste() {
        var decoder = KeyDecoder()
        let first = decoder.decode("\u{1B}[20".unicodeScalars.map(RawInput.character))
        let second = decoder.decode("0~abc\u{1B}[2".unicodeScalars.map(RawInput.character))
        let third = decoder.decode("01~".unicodeScalars.map(RawInput.character))
        #expect(first == [])
        #expect(second == [])
        #expect(third == [.paste("abc")])
    }
}

@Suite("Colours and fallbacks")
struct ColorMappingTests {
    @Test func coloursAreDowngradedToWhatTheTerminalShows() {
        #expect(ColorMapping.number(for: .rgb(255, 0, 0), depth: .truecolor) == 0xFF0000)
        #expect(ColorMapping.number(for: .rgb(255, 0, 0), depth: .indexed256) == 196)
        #expect(ColorMapping.number(for: .rgb(255, 0, 0), depth: .sixteen) == 9)
        #expect(ColorMapping.number(for: .rgb(255, 0, 0), depth: .eight) == 1)
        #expect(ColorMapping.number(for: .indexed(244), depth: .sixteen) == 8)
        #expect(ColorMapping.number(for: .brightCyan, depth: .eight) == 6)
        #expect(ColorMapping.number(for: .cyan, depth: .indexed256) == 6)
    }

    @Test func asciiTerminalsGetFoldedText() {
        #expect(CellText.asciiFallback("é") == "e")
        #expect(CellText.asciiFallback("Ç") == "C")
        #expect(CellText.asciiFallback("日") == "??")
        #expect(CellText.asciiFallback("─") == "-")
        #expect(CellText.asciiFallback("a") == "a")
    }

    @Test func emojiSequencesReachNcursesAsTheirFirstEmoji() {
        #expect(CellText.terminalScalars("👩‍💻") == ["👩"])
        #expect(CellText.terminalScalars("e\u{301}") == ["e", "\u{301}"])
        #expect(CellText.terminalScalars("❤️") == ["❤", "\u{FE0F}"])
    }
}

@Suite("ASCII symbols")
struct AsciiSymbolTests {
    @Test func everySymbolTheRoomDrawsFoldsToASCIIOfTheSameWidth() {
        for symbol in ["★", "●", "◐", "○", "▶", "✓", "✗", "→", "←", "✋", "🎤", "🔒", "🔓", "·", "▲", "▼"] {
            let folded = CellText.asciiFallback(symbol)
            #expect(folded.unicodeScalars.allSatisfy { $0.isASCII } && !folded.contains("?"), "\(symbol) → \(folded)")
            #expect(folded.count == DisplayWidth.of(Character(symbol)), "\(symbol) keeps its width")
        }
        #expect(CellText.asciiFallback("★") == "*", "the expert's badge, which no name may hold")
    }
}
