/// Truncating and wrapping by display width, never splitting a grapheme cluster.
public enum Text {
    /// `text` cut to at most `width` columns, ending with `ellipsis` when it was cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        let room = width - DisplayWidth.of(ellipsis)
        guard room >= 0 else { return String(ellipsis.prefix(width)) }
        var out = "", used = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > room { break }
            out.append(character)
            used += w
        }
        return out + ellipsis
    }

    /// `text` padded with spaces (or cut) to exactly `width` columns.
    public static func pad(_ text: String, to width: Int) -> String {
        let cut = truncate(text, to: width, ellipsis: "")
        return cut + String(repeating: " ", count: max(0, width - DisplayWidth.of(cut)))
    }

    /// Word-wraps `text` into lines of at most `width` columns. Words longer than a line are
    /// broken between clusters; "\n" starts a new line; spaces at a break are dropped.
    /// Each line is returned as the range of `text` it shows, so joining the lines with the
    /// dropped separators gives back the text.
    public static func wrap(_ text: String, width: Int) -> [Substring] {
        guard width > 0 else { return [] }
        var lines: [Substring] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            wrapParagraph(paragraph, width: width, into: &lines)
        }
        return lines
    }

    private static func wrapParagraph(_ paragraph: Substring, width: Int, into lines: inout [Substring]) {
        if paragraph.isEmpty {
            lines.append(paragraph)
            return
        }
        var lineStart = paragraph.startIndex
        var used = 0
        var lastBreak: String.Index?   // index of a space where the line may end
        var index = paragraph.startIndex
        while index < paragraph.endIndex {
            var clusterEnd = index, w = 0, isSpace = false
            DisplayWidth.forEachCluster(in: paragraph[index...]) { _, end, width, first in
                clusterEnd = end
                w = width
                isSpace = first == " " && paragraph.unicodeScalars.index(after: index) == end
                return false
            }
            if isSpace { lastBreak = index }
            if used + w > width {
                if isSpace {
                    // The line ends here; the space is dropped.
                    lines.append(paragraph[lineStart..<index])
                    index = clusterEnd
                    lineStart = index
                    used = 0
                    lastBreak = nil
                    continue
                }
                if index == lineStart {
                    // A cluster wider than the whole line: it gets a line of its own.
                    index = clusterEnd
                    lines.append(paragraph[lineStart..<index])
                    lineStart = index
                    used = 0
                    continue
                }
                if let spot = lastBreak, spot > lineStart {
                    lines.append(paragraph[lineStart..<spot])
                    lineStart = paragraph.index(after: spot)
                } else {
                    lines.append(paragraph[lineStart..<index])
                    lineStart = index
                }
                lastBreak = nil
                used = DisplayWidth.of(paragraph[lineStart..<index])
                continue
            }
            used += w
            index = clusterEnd
        }
        lines.append(paragraph[lineStart..<paragraph.endIndex])
    }
}
