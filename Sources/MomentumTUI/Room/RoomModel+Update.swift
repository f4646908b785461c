import Foundation
import SessionClient
import SessionModel
import Widgets

extension RoomModel {
    /// Applies one message; returns what the app must do. No I/O here.
    mutating func update(_ message: RoomMessage) -> [RoomEffect] {
        switch message {
        case .input(let event): return handle(event)
        case .stream(let action): return received(action)
        case .outbox(let outbox):
            let refused = outbox.newlyRefused(since: self.outbox)
            self.outbox = outbox
            refreshPendingLines()
            return moderationRefused(refused)
        case .historyFailed(let reason):
            chat.historyFailed()
            notice = reason
            return []
        case .history(let page):
            prependHistory(page)
            return continueRevealing()
        case .report(let answer):
            return receiveReport(answer)
        case .reportFailed(let failure):
            reportFailed(failure)
            return []
        case .tick(let date):
            now = date
            if hasMessageOnItsWay { refreshPendingLines() }
            return []
        case .resized(let size):
            self.size = size
            return []
        case .notice(let text):
            notice = text
            return []
        }
    }

    // MARK: Network

    /// A moderation waiting for the network is said; a refused one is said in the user's
    /// language, and logged.
    private mutating func moderationRefused(_ items: [Outbox.Item]) -> [RoomEffect] {
        let waiting = outbox.items.filter { item in
            guard item.isAction, item.lastError != nil else { return false }
            return item.status == .pending || item.status == .sending
        }
        if !waiting.isEmpty { notice = strings.actionsWaiting(waiting.count) }
        var effects: [RoomEffect] = []
        for item in items {
            guard item.isAction, case .failed(let reason) = item.status else { continue }
            notice = item.refusal.map { strings.describe($0) } ?? reason
            effects.append(.log("\(item.kindName) refused: \(reason)"))
        }
        return effects
    }

    private mutating func received(_ action: LongPoll.Action) -> [RoomEffect] {
        switch action {
        case .joinedRoom(let response):
            me = response.participant
            return []
        case .update(let state, let events, let reloaded):
            room = state
            if let id = me?.id, let updated = state.participant(id) { me = updated }
            installCompleter()
            if reloaded {
                rebuildChat(from: state)
                if let outcome = claimOutcome {
                    systemLine(outcome)
                    claimOutcome = nil
                }
                return []
            }
            var effects: [RoomEffect] = []
            for event in events { effects += show(event, in: state) }
            return effects + lostAlarm(in: state)
        case .status(let status):
            self.status = status
            if case .ended(let reason) = status { ended = reason }
            return []
        case .seatClaim(let news):
            seatClaim(news)
            return []
        case .join, .poll, .reload, .wait, .pollClaim:
            return []
        }
    }

    /// Tab in the input line completes commands and the names of who is here now.
    private mutating func installCompleter() {
        // Absent people too: the expert may need to name a ghost to remove it.
        let names = (room?.roster ?? []).map(\.name)
        let role = me?.role
        editor.completer = { word in
            if word.hasPrefix("/") { return RoomCommands.completions(of: word, for: role) }
            guard word.hasPrefix("@") else { return [] }
            let key = RoomState.nameKey(String(word.dropFirst()))
            return names.filter { RoomState.nameKey($0).hasPrefix(key) }.map { "@" + $0 }
        }
        editor.placeholder = isReadOnly ? strings.workshop.overPlaceholder : me?.muted == true ? strings.mutedPlaceholder : strings.inputPlaceholder
    }

    // MARK: Keys

    private mutating func handle(_ event: InputEvent) -> [RoomEffect] {
        if case .resize = event { return [] }
        if keys.action(for: event) == .quit {
            // Ctrl-C leaves at once, as everywhere; F10 and Ctrl-Q ask, since leaving gives the
            // seat up; a second press confirms.
            if event == .ctrl("c") || quitting != nil { return [.quit] }
            quitting = DialogState(buttonCount: 2, selected: 0)
            return []
        }
        if quitting != nil { return confirmQuit(event) }
        if removal != nil { return confirmRemoval(event) }
        if presencesKey(event) { return [] }
        if showHelp {
            // "?" again closes help and writes a "?": so a lone "?" can be sent ("??" then Enter).
            if case .text("?") = event {
                showHelp = false
                editor.insert("?")
                return []
            }
            let lines = helpOverlay.lineCount
            if help.handle(event, lineCount: lines, pageHeight: max(1, size.height - 6)) != nil { showHelp = false }
            return []
        }
        notice = nil
        if case .mouse(let mouse) = event { return click(mouse) }
        if let effects = reactingKey(event) { return effects }
        if let effects = composingKey(event) { return effects }
        if let effects = searchKey(event) { return effects }
        if case .text("?") = event, editor.isEmpty, focus == .chat, composing == nil {
            showHelp = true
            help = HelpState()
            return []
        }
        // A digit on an empty input answers the open poll, whatever pane has the focus.
        if let option = voteKey(event) { return perform(.vote(option)) }
        // Keys for the focused list come before the editor's.
        if focus != .chat, let effects = listKey(event) { return effects }
        // Tab completes a /command or an @name being typed; otherwise it moves between panes.
        if event == .tab, let word = editor.text.split(separator: " ", omittingEmptySubsequences: false).last,
           word.hasPrefix("/") || word.hasPrefix("@"), editor.handle(event) == .handled {
            return []
        }
        if let action = keys.action(for: event) { return perform(action) }
        let outcome = editor.handle(event)
        if editor.lastInsertWasCut { notice = strings.inputCut(Limits.messageMaxLength) }
        switch outcome {
        case .submitted(let text): return submit(text)
        case .handled, .notHandled: return []
        }
    }

    /// Keys for the focused list; nil for keys the list has no use for.
    private mutating func listKey(_ event: InputEvent) -> [RoomEffect]? {
        switch focus {
        case .chat: return nil
        case .people: return peopleKey(event)
        case .agenda: return agendaKey(event)
        case .questions: return questionsKey(event)
        }
    }

    private mutating func peopleKey(_ event: InputEvent) -> [RoomEffect]? {
        switch event {
        case .up: selectPerson(.previous)
        case .down: selectPerson(.next)
        case .enter where editor.isEmpty && absentGroupSelected: absentOpen.toggle()
        // With text in the input, Enter sends it and Delete edits it: the pane's action
        // needs the pane's own key on an empty input.
        case .enter where isExpert && editor.isEmpty: return perform(.floorSelected)
        case .delete where isExpert && editor.isEmpty: return perform(.removeSelected)
        case .text, .enter, .tab, .backTab, .backspace, .delete, .escape, .insert, .left, .right, .home, .end,
             .pageUp, .pageDown, .ctrlLeft, .ctrlRight, .function, .ctrl, .alt, .mouse, .resize, .paste:
            return nil
        }
        return []
    }

    private mutating func agendaKey(_ event: InputEvent) -> [RoomEffect]? {
        switch event {
        case .up: agendaList.select(.previous, count: room?.agenda.count ?? 0, height: 10)
        case .down: agendaList.select(.next, count: room?.agenda.count ?? 0, height: 10)
        case .enter where isExpert && editor.isEmpty:
            guard let agenda = room?.agenda, let index = agendaList.selection(count: agenda.count) else { return [] }
            return [.moderate(.agenda, ModerationRequest(itemId: agenda[index].id))]
        case .text, .enter, .tab, .backTab, .backspace, .delete, .escape, .insert, .left, .right, .home, .end,
             .pageUp, .pageDown, .ctrlLeft, .ctrlRight, .function, .ctrl, .alt, .mouse, .resize, .paste:
            return nil
        }
        return []
    }

    mutating func perform(_ action: RoomAction) -> [RoomEffect] {
        switch action {
        case .help:
            showHelp = true
            help = HelpState()
        case .hand:
            let raised = me.map { room?.hands.contains($0.id) ?? false } ?? false
            return [.send(.hand(raised: !raised))]
        case .nextPane: focus = Pane.allCases[(Pane.allCases.firstIndex(of: focus)! + 1) % Pane.allCases.count]
        case .previousPane: focus = Pane.allCases[(Pane.allCases.firstIndex(of: focus)! + Pane.allCases.count - 1) % Pane.allCases.count]
        case .historyUp:
            if let oldest = chat.pageUp() { return [.fetchHistory(before: oldest)] }
        case .historyDown: chat.pageDown()
        case .quit: return [.quit]
        case .retry:
            guard let failed = firstFailed else { return [] }
            // The server refused it: sent again as it is, it would be refused again. A message
            // comes back to the input line to be changed; other changes are tried once more.
            guard case .message(let text) = failed.kind else { return [.retry(failed.id)] }
            guard editor.isEmpty else {
                notice = strings.emptyInputFirst
                return []
            }
            editor.setText(text)
            notice = strings.backToInput
            return dismiss(failed.id)
        case .dismissFailed:
            guard let failed = firstFailed else { return [] }
            return dismiss(failed.id)
        case .floorNext, .floorSelected, .lowerSelectedHand, .lowerAllHands, .agendaNext, .agendaPrevious,
             .muteSelected, .removeSelected, .lock:
            return isExpert ? moderation(action) : []
        case .acceptClaim, .refuseClaim:
            return isExpert ? answerClaim(accept: action == .acceptClaim) : []
        case .vote, .signal, .yesNoPoll:
            return performEngagement(action)
        case .ask: return startQuestion()
        case .publishSelected: return startAnswer(publish: true)
        case .react: return startReacting()
        case .search: return askSearch()
        }
        return []
    }

    private mutating func moderation(_ action: RoomAction) -> [RoomEffect] {
        guard let room else { return [] }
        switch action {
        case .floorNext:
            guard let next = room.hands.first else { return [.moderate(.floor, ModerationRequest())] }
            return [.moderate(.floor, ModerationRequest(participantId: next))]
        case .floorSelected:
            guard let person = selectedPerson else { return [] }
            return [.moderate(.floor, ModerationRequest(participantId: person.id))]
        case .lowerSelectedHand:
            guard let person = selectedPerson else { return [] }
            return [.moderate(.lowerHand, ModerationRequest(participantId: person.id))]
        case .lowerAllHands:
            return [.moderate(.lowerAllHands, ModerationRequest())]
        case .agendaNext, .agendaPrevious:
            let index = room.agenda.firstIndex { $0.id == room.currentItemId }
            let target = action == .agendaNext ? (index.map { $0 + 1 } ?? 0) : (index.map { $0 - 1 } ?? 0)
            guard room.agenda.indices.contains(target) else { return [] }
            return [.moderate(.agenda, ModerationRequest(itemId: room.agenda[target].id))]
        case .muteSelected:
            guard let person = selectedPerson, person.role == .learner else { return [] }
            return [.moderate(.mute, ModerationRequest(participantId: person.id, muted: !person.muted))]
        case .removeSelected:
            guard let person = selectedPerson, person.role == .learner else { return [] }
            removal = (person, DialogState(buttonCount: 2, selected: 1))
        case .lock:
            return [.moderate(.lock, ModerationRequest(locked: !room.locked))]
        case .help, .hand, .nextPane, .previousPane, .historyUp, .historyDown, .quit, .retry, .dismissFailed,
             .acceptClaim, .refuseClaim, .vote, .signal, .yesNoPoll, .ask, .publishSelected, .react, .search:
            break
        }
        return []
    }

    private mutating func click(_ mouse: MouseEvent) -> [RoomEffect] {
        switch mouse.kind {
        case .wheelUp: chat.scrollUp(3)
        case .wheelDown: chat.scrollDown(3)
        case .press:
            let point = Point(x: mouse.x, y: mouse.y)
            guard let (pane, rect) = RoomView.paneRect(at: point, in: self) else { return [] }
            focus = pane
            // A click on a person selects them (the expert then acts on the selection).
            if pane == .people, let row = ListView(rows: rosterRows.map { ListView.Row($0.id) }, state: people).row(at: point, in: rect) {
                selectPerson(nil, index: row)
                if absentGroupSelected { absentOpen.toggle() }
            }
        case .release: break
        }
        return []
    }
}
