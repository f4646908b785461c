import SessionModel
import Widgets

/// The room's one key table: the dispatcher, the status bar and the help overlay read it.
/// Every action on a function key also has a Ctrl or Alt key, because many terminals keep
/// F1, F10 or F11 for themselves, and a slash command.
enum RoomKeys {
    /// In the order of importance: the status bar drops hints from the end when narrow,
    /// so quitting stays visible.
    static func table(_ s: Strings, expert: Bool) -> KeyTable<RoomAction> {
        var bindings: [KeyBinding<RoomAction>] = [
            KeyBinding([.function(1)], action: .help, label: s.keyHelp, inStatusBar: true, section: s.sectionEveryone),
            KeyBinding([.function(2), .alt("h")], action: .hand, label: s.keyHand, inStatusBar: true, section: s.sectionEveryone),
            KeyBinding([.function(10), .ctrl("c"), .ctrl("q")], action: .quit, label: s.keyQuit, inStatusBar: true, section: s.sectionEveryone),
            KeyBinding([.tab], action: .nextPane, label: s.keyPane, inStatusBar: true, section: s.sectionEveryone),
            KeyBinding([.backTab], action: .previousPane, label: s.keyPane, section: s.sectionEveryone),
            KeyBinding([.pageUp], action: .historyUp, label: s.keyHistory, inStatusBar: true, section: s.sectionEveryone),
            KeyBinding([.pageDown], action: .historyDown, label: s.keyHistory, section: s.sectionEveryone),
            KeyBinding([.ctrl("r")], action: .retry, label: s.keyRetry, section: s.sectionEveryone),
            KeyBinding([.ctrl("x")], action: .dismissFailed, label: s.keyDismiss, section: s.sectionEveryone),
            KeyBinding([.alt("e")], action: .react, label: s.engageView.keyReact, section: s.sectionEveryone),
            KeyBinding([.ctrl("f")], action: .search, label: s.reports.keySearch, section: s.sectionEveryone),
        ]
        if !expert {
            bindings.append(KeyBinding([.alt("q")], action: .ask, label: s.engageView.keyAsk, section: s.sectionEveryone))
            // Alt and a digit: a signal from anywhere, like the hand; plain digits answer a poll.
            let signals: [(Character, PaceSignal?)] = [("1", .slower), ("2", .faster), ("3", .lost), ("4", .ok), ("0", nil)]
            bindings += signals.map { key, signal in
                KeyBinding([.alt(key)], action: .signal(signal), label: s.engage.keySignal(signal), section: s.sectionEveryone)
            }
        }
        if expert {
            bindings += [
                KeyBinding([.alt("y")], action: .yesNoPoll, label: s.engage.keyYesNo, section: s.sectionExpert),
                KeyBinding([.alt("u")], action: .publishSelected, label: s.engageView.keyPublish, section: s.sectionExpert),
                KeyBinding([.function(3), .alt("n")], action: .floorNext, label: s.keyFloorNext, inStatusBar: true, section: s.sectionExpert),
                KeyBinding([.alt("g")], action: .floorSelected, label: s.keyFloorSelected, section: s.sectionExpert),
                KeyBinding([.function(4), .alt("l")], action: .lowerSelectedHand, label: s.keyLowerHand, section: s.sectionExpert),
                KeyBinding([.function(5), .alt("a")], action: .lowerAllHands, label: s.keyLowerAll, section: s.sectionExpert),
                KeyBinding([.function(6), .alt("p")], action: .agendaPrevious, label: s.keyAgendaPrevious, section: s.sectionExpert),
                KeyBinding([.function(7), .alt("s")], action: .agendaNext, label: s.keyAgendaNext, inStatusBar: true, section: s.sectionExpert),
                KeyBinding([.function(8), .alt("m")], action: .muteSelected, label: s.keyMute, section: s.sectionExpert),
                KeyBinding([.alt("x")], action: .removeSelected, label: s.keyRemove, section: s.sectionExpert),
                KeyBinding([.function(9), .alt("k")], action: .lock, label: s.keyLock, section: s.sectionExpert),
                // One key answers a seat claim either way; the question above the input names them.
                KeyBinding([.function(11), .alt("o")], action: .acceptClaim, label: s.claims.keyAccept, section: s.sectionExpert),
                KeyBinding([.function(12), .alt("r")], action: .refuseClaim, label: s.claims.keyRefuse, section: s.sectionExpert),
            ]
        }
        return KeyTable(bindings)
    }
}
