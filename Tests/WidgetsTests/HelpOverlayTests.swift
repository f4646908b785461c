import Testing
import Widgets

@Suite("Help overlay and help state")
struct HelpOverlayTests {
    func render(_ help: HelpOverlay, width: Int, height: Int, theme: Theme = .color) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        help.render(in: buffer.area, buffer: &buffer, theme: theme)
        return buffer
    }

    @Test func theTableIsListedWithAnAlignedKeyColumnUnderSectionHeadings() {
        let buffer = render(HelpOverlay(title: "Aide", table: sampleKeys), width: 37, height: 12)
        #expect(buffer.rows == [
            "                                     ",
            "  ┌ Aide ─────────────────────────┐  ",
            "  │ F1           aide             │  ",
            "  │ F2, Ctrl-R   main             │  ",
            "  │ Tab          panneau          │  ",
            "  │ PgUp         historique       │  ",
            "  │ F10, Ctrl-Q  quitter          │  ",
            "  │                               │  ",
            "  │ Modération                    │  ",
            "  │ Ctrl-G       donner la parole │  ",
            "  └───────────────────────────────┘  ",
            "                                     ",
        ])
        let yellow: (Character, (Style) -> Bool) = ("K", { $0.foreground == .yellow })
        let styles = buffer.styleRows([yellow, ClipCheck.bold])
        #expect(styles[2] == "..B.KK............................B..", "keys in the hint style, bold cyan border")
        #expect(styles[8] == "..B.BBBBBBBBBB....................B..", "headings in the title style")
    }

    @Test func aTallListScrollsWithMarksInThePaddingColumn() {
        var help = HelpOverlay(title: "Aide", table: sampleKeys)
        let area = Rect(x: 0, y: 0, width: 37, height: 6)
        #expect(help.lineCount == 8)
        #expect(help.pageHeight(in: area) == 4)
        #expect(render(help, width: 37, height: 6).rows == [
            "  ┌ Aide ─────────────────────────┐  ",
            "  │ F1           aide             │  ",
            "  │ F2, Ctrl-R   main             │  ",
            "  │ Tab          panneau          │  ",
            "  │ PgUp         historique      ▼│  ",
            "  └───────────────────────────────┘  ",
        ])
        #expect(help.state.handle(.pageDown, lineCount: help.lineCount, pageHeight: help.pageHeight(in: area)) == nil)
        #expect(help.state.offset == 4)
        #expect(render(help, width: 37, height: 6).rows == [
            "  ┌ Aide ─────────────────────────┐  ",
            "  │ F10, Ctrl-Q  quitter         ▲│  ",
            "  │                               │  ",
            "  │ Modération                    │  ",
            "  │ Ctrl-G       donner la parole │  ",
            "  └───────────────────────────────┘  ",
        ])
    }

    @Test func narrowScreensCutKeysAndLabelsWithTheEllipsis() {
        let help = HelpOverlay(title: "Aide", table: sampleKeys)
        #expect(render(help, width: 20, height: 12).rows == [
            "                    ",
            "┌ Aide ────────────┐",
            "│ F1        aide   │",
            "│ F2, Ctr…  main   │",
            "│ Tab       panne… │",
            "│ PgUp      histo… │",
            "│ F10, Ct…  quitt… │",
            "│                  │",
            "│ Modération       │",
            "│ Ctrl-G    donne… │",
            "└──────────────────┘",
            "                    ",
        ])
        #expect(render(help, width: 20, height: 12, theme: Theme.color.ascii).rows == [
            "                    ",
            "+ Aide ------------+",
            "| F1        aide   |",
            "| F2, C...  main   |",
            "| Tab       pan... |",
            "| PgUp      his... |",
            "| F10, ...  qui... |",
            "|                  |",
            "| Modération       |",
            "| Ctrl-G    don... |",
            "+------------------+",
            "                    ",
        ])
    }

    @Test func foreignTextInHintsIsSanitisedAndAligned() {
        let help = HelpOverlay(title: "Aide 日本語", sections: [
            HelpOverlay.Section(title: "", hints: [
                KeyHint(key: "F3", label: "👩‍💻 🇫🇷"), KeyHint(key: "F4", label: "שלום"),
                KeyHint(key: "F5", label: "a\u{1B}[2Jb"), KeyHint(key: "F6", label: "Chloe\u{301}"),
            ]),
        ])
        #expect(render(help, width: 26, height: 6).rows == [
            " ┌ Aide 日本語 ─────────┐ ",
            " │ F3  👩‍💻 🇫🇷            │ ",
            " │ F4  שלום             │ ",
            " │ F5  a␛[2Jb           │ ",
            " │ F6  Chloé            │ ",
            " └──────────────────────┘ ",
        ])
    }

    @Test func closingKeysCloseAndOthersScroll() {
        for key: InputEvent in [.escape, .function(1), .text("?"), .text("q")] {
            var state = HelpState(offset: 2)
            #expect(state.handle(key, lineCount: 8, pageHeight: 4) == .close, "\(key)")
        }
        var state = HelpState()
        let steps: [(InputEvent, Int)] = [
            (.down, 1), (.end, 4), (.down, 4), (.up, 3), (.home, 0), (.up, 0), (.pageDown, 4),
            (.pageUp, 0), (.mouse(MouseEvent(.wheelDown, x: 0, y: 0)), 3), (.mouse(MouseEvent(.wheelUp, x: 0, y: 0)), 0),
        ]
        for (key, offset) in steps {
            #expect(state.handle(key, lineCount: 8, pageHeight: 4) == nil)
            #expect(state.offset == offset, "after \(key)")
        }
        #expect(state.handle(.text("x"), lineCount: 8, pageHeight: 4) == nil && state.offset == 0)
        #expect(state.handle(.end, lineCount: 3, pageHeight: 4) == nil && state.offset == 0, "nothing to scroll")
    }

    @Test func aStaleOffsetIsClampedWhenDrawn() {
        let help = HelpOverlay(title: "Aide", table: sampleKeys, state: HelpState(offset: 99))
        let rows = render(help, width: 37, height: 6).rows
        #expect(rows[4] == "  │ Ctrl-G       donner la parole │  ")
    }

    @Test(arguments: ClipCheck.themeNames)
    func nothingIsDrawnOutsideTheArea(themeName: String) {
        let theme = ClipCheck.theme(themeName)
        for offset in [0, 3, 99] {
            let help = HelpOverlay(title: "Aide", table: sampleKeys, state: HelpState(offset: offset))
            #expect(ClipCheck.cellsChangedOutside(maxWidth: 36, maxHeight: 11) { help.render(in: $0, buffer: &$1, theme: theme) } == [])
        }
        let empty = HelpOverlay(title: "", sections: [])
        #expect(ClipCheck.cellsChangedOutside(maxWidth: 26, maxHeight: 3) { empty.render(in: $0, buffer: &$1, theme: theme) } == [])
    }
}
