extension LineEditor {
    /// Replaces the clusters in `range` with `text` and puts the cursor after it. Over
    /// `maxLength`, keeps the part of `text` that fits when `partial`, else changes nothing;
    /// either way `lastInsertWasCut` is set. Editing ends history browsing.
    ///
    /// The text is re-segmented after the edit, since joining strings can merge clusters
    /// (a combining mark typed after a letter, two flag halves); the cursor then moves to the
    /// next cluster boundary, never inside a cluster.
    mutating func replace(_ range: Range<Int>, with text: String, partial: Bool) {
        let range = range.clamped(to: 0..<clusters.count)
        var inserted = Array(text)
        if let maxLength {
            let room = max(0, maxLength - (clusters.count - range.count))
            if inserted.count > room {
                lastInsertWasCut = true
                guard partial else { return }
                inserted.removeLast(inserted.count - room)
            }
        }
        let before = String(clusters[..<range.lowerBound]) + String(inserted)
        let edited = Array(before + String(clusters[range.upperBound...]))
        if let maxLength, edited.count > maxLength, edited.count > clusters.count {
            // Re-segmenting never adds clusters in practice; refuse rather than exceed.
            lastInsertWasCut = true
            return
        }
        clusters = edited
        cursor = clusterIndex(atScalarOffset: before.unicodeScalars.count)
        browsing = nil
    }

    /// The index of the first cluster boundary at or after `offset` scalars.
    func clusterIndex(atScalarOffset offset: Int) -> Int {
        var scalars = 0
        for (index, character) in clusters.enumerated() {
            if scalars >= offset { return index }
            scalars += character.unicodeScalars.count
        }
        return clusters.count
    }

    /// Deletes `range`, keeping its text for Ctrl-Y.
    mutating func kill(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        killed = String(clusters[range])
        replace(range, with: "", partial: true)
    }

    /// The start of the word before `index` (skipping spaces first), for Alt-B and Ctrl-W.
    func wordStart(before index: Int) -> Int {
        var start = min(index, clusters.count)
        while start > 0 && clusters[start - 1].isWhitespace { start -= 1 }
        while start > 0 && !clusters[start - 1].isWhitespace { start -= 1 }
        return start
    }

    /// The end of the word after `index` (skipping spaces first), for Alt-F and Alt-D.
    func wordEnd(after index: Int) -> Int {
        var end = max(0, index)
        while end < clusters.count && clusters[end].isWhitespace { end += 1 }
        while end < clusters.count && !clusters[end].isWhitespace { end += 1 }
        return end
    }

    /// Enter: the trimmed text, unless it is blank (then nothing happens).
    mutating func submit() -> Outcome {
        guard let first = clusters.firstIndex(where: { !$0.isWhitespace }),
            let last = clusters.lastIndex(where: { !$0.isWhitespace })
        else { return .handled }
        let line = String(clusters[first...last])
        if history.last != line { history.append(line) }
        if history.count > historyLimit { history.removeFirst(history.count - max(0, historyLimit)) }
        clusters = []
        cursor = 0
        browsing = nil
        draft = ""
        scrollStart = 0
        return .submitted(line)
    }

    /// Up: the previous history entry (saving what was typed). Not handled with no history.
    mutating func recallOlder() -> Outcome {
        guard !history.isEmpty else { return .notHandled }
        let entry: Int
        if let browsing {
            guard browsing > 0 else { return .handled }
            entry = browsing - 1
        } else {
            draft = text
            entry = history.count - 1
        }
        show(history[entry])
        browsing = entry
        return .handled
    }

    /// Down: the next history entry, or back to what was typed. Not handled when not browsing.
    mutating func recallNewer() -> Outcome {
        guard let browsing else { return .notHandled }
        if browsing + 1 < history.count {
            show(history[browsing + 1])
            self.browsing = browsing + 1
        } else {
            show(draft)
            self.browsing = nil
        }
        return .handled
    }

    private mutating func show(_ text: String) {
        clusters = Array(text)
        cursor = clusters.count
    }

    /// Tab (step 1) or Shift-Tab (step -1). A first Tab asks `completer` for the word before
    /// the cursor: one answer is inserted with a space after it, several are cycled through
    /// by the next Tabs. Not handled when there is nothing to complete (so Tab can change pane).
    mutating func complete(step: Int, cycling: Completion?) -> Outcome {
        if var cycle = cycling, cycle.candidates.count > 1 {
            cycle.index = (cycle.index + step + cycle.candidates.count) % cycle.candidates.count
            let start = min(cycle.wordStart, cursor)
            replace(start..<cursor, with: cycle.candidates[cycle.index], partial: false)
            completion = cycle
            return .handled
        }
        guard step > 0, let completer else { return .notHandled }
        var start = cursor
        while start > 0 && !clusters[start - 1].isWhitespace { start -= 1 }
        guard start < cursor else { return .notHandled }
        let candidates = completer(String(clusters[start..<cursor])).map(Self.singleLine).filter { !$0.isEmpty }
        guard let first = candidates.first else { return .notHandled }
        if candidates.count == 1 {
            let spaced = cursor < clusters.count && clusters[cursor].isWhitespace ? first : first + " "
            replace(start..<cursor, with: spaced, partial: false)
        } else {
            replace(start..<cursor, with: first, partial: false)
            completion = Completion(wordStart: start, candidates: candidates, index: 0)
        }
        return .handled
    }
}
