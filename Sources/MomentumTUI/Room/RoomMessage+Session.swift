import SessionClient

extension RoomMessage {
    /// What the room session tells the screen, as a message for `update`.
    init(_ update: RoomSession.Update, strings: Strings) {
        switch update {
        case .stream(let action): self = .stream(action)
        case .outbox(let outbox): self = .outbox(outbox)
        case .history(let page): self = .history(page)
        case .historyFailed(let error): self = .historyFailed(strings.describe(error))
        case .report(let answer): self = .report(answer)
        case .reportFailed(let failure): self = .reportFailed(failure)
        }
    }
}
