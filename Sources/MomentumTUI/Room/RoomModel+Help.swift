import SessionModel
import Widgets

/// The room's keys and its help overlay, both read from the one key table.
extension RoomModel {
    var keys: KeyTable<RoomAction> { RoomKeys.table(strings, expert: isExpert) }

    /// Help: the keys, then the commands, for my role only.
    var helpOverlay: HelpOverlay {
        let keys = self.keys
        var sections = keys.helpSections + [RoomCommands.helpSection(strings, role: me?.role, keys: keys)]
        // Keys the table cannot hold: "?" is text as well, and line breaks are the editor's.
        let v = strings.engageView
        if !sections.isEmpty {
            sections[0].hints += [KeyHint(key: "??", label: strings.keyQuestionMark), KeyHint(key: "Alt-Enter, Ctrl-J", label: strings.keyNewLine),
                                  KeyHint(key: "1-6", label: v.keyDigits)]
        }
        // The Questions view's own keys, in the experts' section.
        if isExpert, let index = sections.firstIndex(where: { $0.title == strings.sectionExpert }) {
            sections[index].hints += [KeyHint(key: InputEvent.enter.keyName + v.inQuestionsView, label: v.keyAnswerEnter),
                                      KeyHint(key: InputEvent.delete.keyName + v.inQuestionsView, label: v.keyCloseDelete)]
        }
        return HelpOverlay(title: strings.helpTitle, sections: sections, state: help)
    }
}
