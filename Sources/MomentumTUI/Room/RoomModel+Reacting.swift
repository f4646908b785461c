import SessionClient
import SessionModel
import Widgets

/// Reacting to a chosen message: Alt-E selects the last message, the arrows move, a digit
/// from 1 to 5 (or Enter for 👍) reacts; `+1` and `/reagir` react to the last one.
extension RoomModel {
    /// The messages one can react to, oldest first: the state keeps the last 100 with their reactions.
    var reactableMessages: [ChatMessage] { (room?.messages ?? []).filter { !$0.deleted } }

    /// Starts selecting (the last message from someone else), or stops.
    mutating func startReacting() -> [RoomEffect] {
        guard reactingTo == nil else {
            stopReacting()
            return []
        }
        let messages = reactableMessages
        guard let last = messages.last(where: { $0.authorId != me?.id }) ?? messages.last else {
            notice = strings.engage.noMessageToReact
            return []
        }
        // On a narrow screen the chat is a tab: it must be the one shown.
        focus = .chat
        reactingTo = last.id
        chat.highlight(last.id)
        return []
    }

    mutating func stopReacting() {
        reactingTo = nil
        chat.highlight(nil)
    }

    /// Keys while a message is selected; nil for any other key, which ends the selection
    /// and is then handled as usual.
    mutating func reactingKey(_ event: InputEvent) -> [RoomEffect]? {
        guard let id = reactingTo else { return nil }
        let messages = reactableMessages
        switch event {
        case .up, .down:
            guard let index = messages.firstIndex(where: { $0.id == id }) else { break }
            let next = messages[min(max(0, index + (event == .up ? -1 : 1)), messages.count - 1)]
            reactingTo = next.id
            chat.highlight(next.id)
            return []
        case .text(let character):
            guard let digit = character.wholeNumberValue, Reaction.allCases.indices.contains(digit - 1) else { break }
            stopReacting()
            return toggle(Reaction.allCases[digit - 1], on: id)
        case .enter:
            stopReacting()
            return toggle(.thumbsUp, on: id)
        case .escape:
            stopReacting()
            return []
        case .tab, .backTab, .backspace, .delete, .insert, .left, .right, .home, .end,
             .pageUp, .pageDown, .ctrlLeft, .ctrlRight, .function, .ctrl, .alt, .mouse, .resize, .paste:
            break
        }
        stopReacting()
        return nil
    }

    /// My reaction `emoji` on the message: added, or taken back if it was there.
    func toggle(_ emoji: Reaction, on messageId: String) -> [RoomEffect] {
        let mine = room?.reactions[messageId]?[emoji.rawValue]?.contains(me?.id ?? "") ?? false
        return [.send(.engage(.react(messageId: messageId, emoji: emoji, on: !mine)))]
    }

    /// Above the input while a message is selected: whose it is, and the keys of each reaction.
    var reactionPicker: String? {
        guard let id = reactingTo, let message = room?.messages.first(where: { $0.id == id }) else { return nil }
        let ascii = theme.asciiOnly
        let choices = Reaction.allCases.enumerated().map { index, emoji in
            "\(index + 1) " + (ascii ? strings.engage.reactionWord(emoji) : emoji.rawValue)
        }.joined(separator: "  ")
        return strings.engageView.picker(room?.participant(message.authorId)?.name ?? "?", choices)
    }
}
