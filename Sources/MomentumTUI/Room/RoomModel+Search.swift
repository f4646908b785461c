import SessionClient
import SessionModel
import Widgets

/// A search of the chat: its words, the matching messages found so far (newest first, from
/// the server, which searches the whole history) and the one shown.
struct ChatSearch: Sendable, Equatable {
    struct Match: Sendable, Equatable {
        var id: String
        var seq: Int64
    }

    var query: String
    var matches: [Match] = []
    /// The match shown, an index into `matches`; nil before the first answer.
    var current: Int?
    /// Where the server's next page starts; nil once the start of the room is reached.
    var nextBefore: Int64?
    /// A request is on its way (the first page, or the next one).
    var waiting = true
    /// The match to show once history has brought its message into the chat.
    var revealing: String?

    /// "3/12", with "+" while the server has older pages.
    var position: String {
        let index = current.map { "\($0 + 1)" } ?? "0"
        return index + "/\(matches.count)" + (nextBefore != nil ? "+" : "")
    }
}

/// Ctrl-F (or /chercher, /search): the words are marked in every line of the chat; n and N
/// on an empty input go to the older and the newer match, fetching history as needed;
/// Escape ends the search.
extension RoomModel {
    /// Ctrl-F: the next Enter searches for what is typed.
    mutating func askSearch() -> [RoomEffect] {
        stopReacting()
        composing = .search
        return []
    }

    mutating func startSearch(_ raw: String) -> [RoomEffect] {
        let query = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty, query.count <= SearchText.queryMaxLength else {
            notice = strings.reports.searchTooLong(SearchText.queryMaxLength)
            return []
        }
        stopReacting()
        focus = .chat
        search = ChatSearch(query: query)
        chat.mark(query)
        chat.highlight(nil)
        return [.fetchReport(.search(query: query, before: nil))]
    }

    mutating func stopSearch() {
        search = nil
        chat.mark(nil)
        chat.highlight(nil)
    }

    /// n, N and Escape while searching, on an empty input; nil for other keys.
    mutating func searchKey(_ event: InputEvent) -> [RoomEffect]? {
        guard search != nil, composing == nil else { return nil }
        switch event {
        case .escape:
            stopSearch()
            return []
        case .text("n") where editor.isEmpty: return moveMatch(by: 1)
        case .text("N") where editor.isEmpty: return moveMatch(by: -1)
        case .text, .enter, .tab, .backTab, .backspace, .delete, .insert, .up, .down, .left, .right, .home, .end,
             .pageUp, .pageDown, .ctrlLeft, .ctrlRight, .function, .ctrl, .alt, .mouse, .resize, .paste:
            return nil
        }
    }

    /// Goes to an older (`step` 1) or newer (-1) match; past the oldest found, asks the server
    /// for its next page.
    private mutating func moveMatch(by step: Int) -> [RoomEffect] {
        guard var search, !search.waiting else { return [] }
        let target = (search.current ?? -1) + step
        if search.matches.indices.contains(target) {
            search.current = target
            self.search = search
            return show(search.matches[target])
        }
        if step > 0, let before = search.nextBefore {
            search.waiting = true
            self.search = search
            return [.fetchReport(.search(query: search.query, before: before))]
        }
        notice = step > 0 ? strings.reports.noOlderMatch : strings.reports.noNewerMatch
        return []
    }

    /// A page of matches from the server: the first one is shown, or the next one after n.
    mutating func receiveMatches(query: String, _ page: SearchResponse) -> [RoomEffect] {
        guard var search, search.query == query, search.waiting else { return [] }
        search.waiting = false
        search.matches += page.messages.map { ChatSearch.Match(id: $0.id, seq: $0.seq) }
        search.nextBefore = page.nextBefore
        let target = (search.current ?? -1) + 1
        guard search.matches.indices.contains(target) else {
            // A long history with no match in this stretch: the next stretch is asked at once.
            if let before = page.nextBefore {
                search.waiting = true
                self.search = search
                return [.fetchReport(.search(query: query, before: before))]
            }
            self.search = search
            notice = search.matches.isEmpty ? strings.reports.noMatch(query) : strings.reports.noOlderMatch
            return []
        }
        search.current = target
        self.search = search
        return show(search.matches[target])
    }

    /// Highlights a match in the chat; one older than the chat holds is fetched first.
    private mutating func show(_ match: ChatSearch.Match) -> [RoomEffect] {
        if chat.contains(match.id) {
            search?.revealing = nil
            chat.highlight(match.id)
            return []
        }
        search?.revealing = match.id
        guard let before = chat.historyBefore() else { return [] }
        return [.fetchHistory(before: before)]
    }

    /// After a page of history: the match waited for is shown, or more history is fetched.
    mutating func continueRevealing() -> [RoomEffect] {
        guard let id = search?.revealing, let match = search?.matches.first(where: { $0.id == id }) else { return [] }
        return show(match)
    }

    /// Above the input while searching: the words, where one is, and the keys.
    var searchLine: String? {
        guard let search, composing == nil else { return nil }
        return strings.reports.searchStatus(search.query, search.position, search.waiting)
    }
}
