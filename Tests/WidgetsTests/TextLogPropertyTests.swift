import PropertyBased
import Testing

@testable import Widgets

/// The text rows `lines` wrapped by `Text.wrap` make once drawn: what a log should show.
private func expectedRows(_ lines: [String], width: Int, height: Int) -> [String] {
    let rows = lines.flatMap { Text.wrap($0, width: width) }.suffix(height)
    var buffer = CellBuffer(width: width, height: height)
    for (y, row) in rows.enumerated() { buffer.write(row, x: 0, y: y) }
    return buffer.rows
}

@Suite("Wrapping and the text log, for any text")
struct WrapPropertyTests {
    @Test func wrapFitsTheWidthAndDropsOnlySeparators() async {
        await propertyCheck(count: 200, input: MixedText.paragraphs(), Gen.int(in: 1...40)) { text, width in
            let lines = Text.wrap(text, width: width)
            for line in lines {
                #expect(DisplayWidth.of(line) <= width || (line.count == 1 && width < 2), "\(line.debugDescription) at \(width)")
            }
            guard let first = lines.first, let last = lines.last else {
                Issue.record("no line for \(text.debugDescription)")
                return
            }
            #expect(first.startIndex == text.startIndex && last.endIndex == text.endIndex)
            var rebuilt = String(first)
            for (before, after) in zip(lines, lines.dropFirst()) {
                guard before.endIndex <= after.startIndex else {
                    Issue.record("lines overlap in \(text.debugDescription)")
                    return
                }
                let gap = text[before.endIndex..<after.startIndex]
                #expect(gap == "" || gap == " " || gap == "\n", "dropped \(gap.debugDescription)")
                rebuilt += gap + after
            }
            #expect(Array(rebuilt.unicodeScalars) == Array(text.unicodeScalars))
        }
    }

    @Test func hangingWrapIndentsContinuationRowsAndLosesNothing() async {
        await propertyCheck(count: 200, input: MixedText.paragraphs(), Gen.int(in: 1...40), Gen.int(in: 0...20)) { text, width, indent in
            let rows = HangingWrap.rows(of: text, width: width, indent: indent).map { LogEntry.slice(text, $0) }
            let rest = width - min(indent, width / 2)
            for (number, row) in rows.enumerated() {
                let room = number == 0 ? width : rest
                #expect(DisplayWidth.of(row) <= room || (row.count == 1 && room < 2), "row \(number) \(row.debugDescription)")
            }
            var rebuilt = rows.first.map(String.init) ?? ""
            for (before, after) in zip(rows, rows.dropFirst()) {
                let gap = LogEntry.slice(text, text.utf8.distance(from: text.startIndex, to: before.endIndex)..<text.utf8.distance(from: text.startIndex, to: after.startIndex))
                #expect(gap == "" || gap == " " || gap == "\n", "dropped \(gap.debugDescription)")
                rebuilt += gap + after
            }
            #expect(Array(rebuilt.unicodeScalars) == Array(text.unicodeScalars))
            if indent == 0 { #expect(rows == Text.wrap(text, width: width)) }
        }
    }

    @Test func theLogDrawsInsideItsAreaWhateverItHoldsAndWhereverItIsScrolled() async {
        let texts = MixedText.paragraphs(pieces: 0...20).array(of: 0...12)
        let moves = Gen.int(in: 0...34).array(of: 0...8)
        await propertyCheck(count: 200, input: texts, Gen.int(in: 1...24), Gen.int(in: 1...7), moves) { texts, width, height, moves in
            var log = TextLog(newLinesLabel: { "\($0) nouveaux 👩‍💻" })
            for (number, text) in texts.enumerated() {
                log.append(LogLine([Span("\(number) ", style: .dim), Span(text)], id: "m\(number)", hangingIndent: number % 9))
            }
            if texts.count > 2 { log.setUnreadMarker(beforeLineID: "m1", label: "non lus 日本") }
            let area = Rect(x: 2, y: 1, width: width, height: height)
            var buffer = sentinelBuffer(width: width + 4, height: height + 2)
            for move in [0] + moves {
                switch move % 7 {
                case 0: log.append(LogLine("nouveau \u{1B}[2J é 🇫🇷 \(move)", id: "n\(move)"))
                case 1: log.scrollUp(move / 7 + 1)
                case 2: log.scrollDown(move / 7 + 1)
                case 3: log.pageUp()
                case 4: log.pageDown()
                case 5: log.prepend([LogLine("ancien שלום \(move)")])
                default: if move > 20 { log.scrollToTop() } else { log.remove(id: "m\(move % 5)") }
                }
                log.render(in: area, buffer: &buffer, theme: .color)
                #expect(cellsChanged(outside: area, in: buffer) == [])
                #expect(rowsFitTheArea(buffer, area), "\(buffer.rows)")
                #expect(buffer.cells.filter(isUnsafe).map(\.text) == [])
                if log.isAtBottom { #expect(log.newLineCount == 0) }
            }
        }
    }

    @Test func followingTheBottomShowsTheLastWrappedRows() async {
        await propertyCheck(count: 200, input: MixedText.paragraphs(pieces: 0...20).array(of: 1...10), Gen.int(in: 1...24), Gen.int(in: 1...8)) { texts, width, height in
            var log = TextLog(newLinesLabel: { "\($0)" })
            var buffer = CellBuffer(width: 30, height: height)
            // Drawn once narrower, so the cache must notice the width change.
            log.append(contentsOf: texts.prefix(3).map { LogLine($0) })
            log.render(in: Rect(x: 0, y: 0, width: width + 3, height: height), buffer: &buffer, theme: .monochrome)
            log.append(contentsOf: texts.dropFirst(3).map { LogLine($0) })
            buffer = CellBuffer(width: width, height: height)
            log.render(in: buffer.area, buffer: &buffer, theme: .monochrome)
            let total = texts.reduce(0) { $0 + Text.wrap($1, width: width).count }
            #expect(buffer.rows == expectedRows(texts, width: width, height: height))
            #expect(log.isTopReached == (total <= height))
            let rows = log.totalRows(width: width)
            #expect(rows == total)
        }
    }
}
