import Testing
import Widgets

/// A stand-in for the app's action type: Widgets knows nothing of the real one.
enum SampleAction: Sendable, Hashable {
    case help, raiseHand, nextPanel, history, giveFloor, quit, scroll
}

/// A table shaped like the app's, shared by the status bar and help overlay tests.
let sampleKeys = KeyTable<SampleAction>([
    KeyBinding(.function(1), action: .help, label: "aide", inStatusBar: true),
    KeyBinding(.function(2), .ctrl("r"), action: .raiseHand, label: "main", inStatusBar: true),
    KeyBinding(.tab, action: .nextPanel, label: "panneau", inStatusBar: true),
    KeyBinding(.pageUp, action: .history, label: "historique"),
    KeyBinding(.function(10), .ctrl("q"), action: .quit, label: "quitter", inStatusBar: true),
    KeyBinding(.ctrl("g"), action: .giveFloor, label: "donner la parole", section: "Modération"),
])

@Suite("Key bindings")
struct KeyBindingTests {
    @Test func theDispatcherFindsTheActionForEachOfItsKeys() {
        #expect(sampleKeys.action(for: .function(2)) == .raiseHand)
        #expect(sampleKeys.action(for: .ctrl("r")) == .raiseHand)
        #expect(sampleKeys.action(for: .function(10)) == .quit)
        #expect(sampleKeys.action(for: .ctrl("q")) == .quit)
        #expect(sampleKeys.action(for: .text("r")) == nil)
        #expect(sampleKeys.action(for: .function(3)) == nil)
        #expect(sampleKeys.binding(for: .ctrl("g"))?.section == "Modération")
    }

    @Test func pastesMouseAndResizeNeverTriggerABinding() {
        let table = KeyTable<SampleAction>([KeyBinding(.text("q"), action: .quit, label: "quitter")])
        #expect(table.action(for: .text("q")) == .quit)
        #expect(table.action(for: .paste("q")) == nil)
        #expect(table.action(for: .mouse(MouseEvent(.press, x: 0, y: 0))) == nil)
        #expect(table.action(for: .resize) == nil)
        let odd = KeyBinding<SampleAction>([.resize, .paste("q")], action: .quit, label: "x")
        #expect(!odd.matches(.resize) && !odd.matches(.paste("q")), "even when listed, they are not keys")
    }

    @Test func theStatusBarShowsTheFirstKeyAndHelpShowsThemAll() {
        #expect(sampleKeys.statusHints == [
            KeyHint(key: "F1", label: "aide"), KeyHint(key: "F2", label: "main"),
            KeyHint(key: "Tab", label: "panneau"), KeyHint(key: "F10", label: "quitter"),
        ])
        #expect(sampleKeys.helpSections == [
            HelpOverlay.Section(title: "", hints: [
                KeyHint(key: "F1", label: "aide"), KeyHint(key: "F2, Ctrl-R", label: "main"),
                KeyHint(key: "Tab", label: "panneau"), KeyHint(key: "PgUp", label: "historique"),
                KeyHint(key: "F10, Ctrl-Q", label: "quitter"),
            ]),
            HelpOverlay.Section(title: "Modération", hints: [KeyHint(key: "Ctrl-G", label: "donner la parole")]),
        ])
        #expect(sampleKeys.hint(for: .raiseHand) == KeyHint(key: "F2, Ctrl-R", label: "main"))
        #expect(sampleKeys.hint(for: .scroll) == nil)
    }

    @Test func theStatusBarDrawsTheTable() {
        var buffer = CellBuffer(width: 44, height: 1)
        StatusBar(hints: sampleKeys.statusHints).render(in: buffer.area, buffer: &buffer, theme: .color)
        #expect(buffer.rows == [" F1 aide  F2 main  Tab panneau  F10 quitter "])
    }

    @Test func keyTextOverridesTheKeyNames() {
        let binding = KeyBinding<SampleAction>(.up, .down, action: .scroll, label: "défiler", keyText: "↑↓")
        #expect(binding.statusHint == KeyHint(key: "↑↓", label: "défiler"))
        #expect(binding.helpHint == KeyHint(key: "↑↓", label: "défiler"))
        #expect(binding.matches(.down))
    }

    @Test func keysAreNamedAsOnAKeyboard() {
        let names: [(InputEvent, String)] = [
            (.function(1), "F1"), (.ctrl("r"), "Ctrl-R"), (.alt("x"), "Alt-X"), (.alt("\u{7F}"), "Alt-Backspace"),
            (.text(" "), "Space"), (.text("?"), "?"), (.text("é"), "é"), (.backTab, "Shift-Tab"), (.enter, "Enter"),
            (.escape, "Esc"), (.pageUp, "PgUp"), (.pageDown, "PgDn"), (.delete, "Del"), (.home, "Home"),
            (.paste("x"), ""), (.resize, ""),
        ]
        for (event, name) in names {
            #expect(event.keyName == name)
        }
    }

    @Test func aKeyBoundTwiceIsReportedOnce() {
        #expect(sampleKeys.conflicts == [])
        var bindings = sampleKeys.bindings
        bindings.append(KeyBinding(.ctrl("r"), .function(1), action: .history, label: "historique"))
        bindings.append(KeyBinding(.ctrl("r"), action: .scroll, label: "défiler"))
        let table = KeyTable(bindings)
        #expect(table.conflicts == [.ctrl("r"), .function(1)])
        #expect(table.action(for: .ctrl("r")) == .raiseHand, "the first binding wins")
    }

    @Test func aModeKeepsOnlyTheBindingsItNeeds() {
        let learner = sampleKeys.filter { $0.section.isEmpty }
        #expect(learner.bindings.map(\.action) == [.help, .raiseHand, .nextPanel, .history, .quit])
        #expect(learner.action(for: .ctrl("g")) == nil)
    }
}
