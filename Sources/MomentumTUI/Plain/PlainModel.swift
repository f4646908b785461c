import Foundation
import SessionClient
import SessionModel
import Widgets

/// Plain mode as a screen for the runner: lines in, sentences out. The commands and their
/// rules are the full screen's (`RoomModel.submit` and the command table); the sentences
/// come from `PlainTranscript`.
struct PlainModel: RunnerModel {
    enum Effect {
        /// A line for standard output.
        case out(String)
        /// A line for standard error.
        case err(String)
        case room(RoomEffect)
    }

    private(set) var transcript: PlainTranscript
    /// The full screen's model, for what a typed line does and who may do it.
    private var rules: RoomModel
    private var typed = ""
    /// Lines typed before the room is joined: they wait, and run once it is.
    private var early: [String] = []
    private var inputClosed = false
    private var outbox = Outbox()
    private(set) var ended: EndReason?

    init(strings: Strings) {
        transcript = PlainTranscript(strings: strings)
        rules = RoomModel(strings: strings, theme: .monochrome, size: Size(width: 80, height: 24), now: Date(), bellEnabled: false)
    }

    mutating func update(_ message: RoomMessage) -> [Effect] {
        var effects: [Effect]
        switch message {
        case .input(let event): effects = input(event)
        case .stream(let action): effects = stream(action)
        case .outbox(let outbox):
            effects = refusals(outbox.newlyRefused(since: self.outbox))
            self.outbox = outbox
        case .notice(let text): effects = [.out(text)]
        case .report(let answer): effects = transcript.report(answer).map(Effect.out)
        case .reportFailed(let failure): effects = [.out(transcript.reportFailed(failure))]
        case .history, .historyFailed, .tick, .resized: effects = []
        }
        // Standard input closed (a pipe ran dry): once in the room, send what is queued and leave.
        if inputClosed, transcript.me != nil { effects.append(.room(.quit)) }
        return effects
    }

    private mutating func input(_ event: InputEvent) -> [Effect] {
        switch event {
        case .paste(let text): typed += text
        case .text(let character): typed.append(character)
        case .enter:
            defer { typed = "" }
            let line = typed.trimmingCharacters(in: .whitespaces)
            guard transcript.me != nil else {
                early.append(line)
                return []
            }
            return submit(line)
        case .ctrl("d"): inputClosed = true
        case .tab, .backTab, .backspace, .delete, .escape, .insert, .up, .down, .left, .right, .home, .end,
             .pageUp, .pageDown, .ctrlLeft, .ctrlRight, .function, .ctrl, .alt, .mouse, .resize:
            break
        }
        return []
    }

    private mutating func submit(_ text: String) -> [Effect] {
        guard !text.isEmpty else { return [] }
        // Three commands read better as lines than as the screen's one-line notice.
        switch text.hasPrefix("/") ? RoomModel.parseCommand(text).typed?.command.id : nil {
        case .who?: return transcript.who().map(Effect.out)
        case .agenda?: return transcript.agenda().map(Effect.out)
        case .help?: return RoomCommands.summary(transcript.strings, role: transcript.me?.role).map(Effect.out)
        case .hand?, .quit?, .floor?, .lower?, .lowerAll?, .next?, .previous?, .mute?, .remove?, .delete?, .lock?, .unlock?,
             .acceptClaim?, .refuseClaim?,
             .ask?, .askAnonymous?, .questions?, .answer?, .publish?, .poll?, .closePoll?, .reveal?, .slower?, .faster?, .lost?,
             .ok?, .clearSignal?, .clearSignals?, .react?, .search?, .presences?, .export?, .timer?, .closeDay?, nil:
            break
        }
        rules.me = transcript.me
        rules.room = transcript.state
        rules.notice = nil
        var effects = rules.submit(text)
        if let removal = rules.removal {
            // Typing "/retirer Karim" is the confirmation in plain mode.
            rules.removal = nil
            effects.append(.moderate(.remove, ModerationRequest(participantId: removal.participant.id)))
        }
        return (rules.notice.map { [Effect.out($0)] } ?? []) + effects.map(Effect.room)
    }

    private mutating func stream(_ action: LongPoll.Action) -> [Effect] {
        switch action {
        case .joinedRoom(let response):
            let lines = transcript.joined(response).map(Effect.out)
            defer { early.removeAll() }
            return lines + early.flatMap { submit($0) }
        case .update(let state, let events, let reloaded):
            return (reloaded ? transcript.reloaded(state) : transcript.show(events, in: state)).map(Effect.out)
        case .status(let status):
            if case .ended(let reason) = status { ended = reason }
            let (out, err) = transcript.status(status)
            return [out.map(Effect.out), err.map(Effect.err)].compactMap { $0 }
        case .seatClaim(let news): return [.out(plainClaim(news))]
        case .join, .poll, .reload, .wait, .pollClaim: return []
        }
    }

    /// My own seat claim, said in a sentence.
    private func plainClaim(_ news: SeatClaimNews) -> String {
        let s = transcript.strings.claims
        switch news {
        case .waiting(let name, _): return s.waiting(name)
        case .granted(let name): return s.granted(name)
        case .refused(let name, let given): return s.refused(name, given)
        case .expired(let name, let given): return s.expired(name, given)
        }
    }

    /// A refusal is said once: a message not sent, a moderation refused.
    private func refusals(_ items: [Outbox.Item]) -> [Effect] {
        let strings = transcript.strings
        return items.compactMap { item in
            guard case .failed(let reason) = item.status else { return nil }
            switch item.kind {
            case .message, .hand: return .out(strings.notSent(reason))
            case .moderation, .engage: return .out(item.refusal.map { strings.describe($0) } ?? reason)
            }
        }
    }

    mutating func frame() -> (CellBuffer, Point?) { (CellBuffer(width: 0, height: 0), nil) }
    func messages(for event: InputEvent, size: Size) -> [RoomMessage] { [.input(event)] }
    func tick(_ now: Date) -> RoomMessage? { nil }
    func nextWake(after now: Date) -> Date? { nil }
    var isFinished: Bool { ended != nil }
}
