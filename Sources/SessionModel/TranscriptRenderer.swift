/// A piece of a transcript, before it is written as Markdown or plain text.
enum TranscriptBlock: Equatable {
    case heading(Int, String)
    case paragraph(String)
    /// A list item; lines after the first continue it.
    case item([String])
    case quote([String])
}

/// Writes transcript blocks as Markdown (every text from participants escaped, so that a
/// message never becomes a heading, a link or a table) or as plain text (no markup, for
/// screen readers: headings are their own lines, items one per line).
struct TranscriptRenderer {
    var format: Transcript.Format

    func render(_ blocks: [TranscriptBlock]) -> String {
        var out: [String] = []
        var previousWasItem = false
        for block in blocks {
            let isItem: Bool
            if case .item = block { isItem = true } else { isItem = false }
            // Consecutive items make one list; every other block stands apart.
            if !out.isEmpty && !(isItem && previousWasItem) { out.append("") }
            out += lines(block)
            previousWasItem = isItem
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func lines(_ block: TranscriptBlock) -> [String] {
        switch (format, block) {
        case (.md, .heading(let level, let text)): [String(repeating: "#", count: level) + " " + escape(text)]
        case (.md, .paragraph(let text)): [escape(text)]
        case (.md, .item(let lines)): ["- " + escape(lines[0])] + lines.dropFirst().map { "  " + escape($0) }
        case (.md, .quote(let lines)): lines.map { "> " + escape($0) }
        case (.txt, .heading(_, let text)), (.txt, .paragraph(let text)): [text]
        case (.txt, .item(let lines)), (.txt, .quote(let lines)): [lines[0]] + lines.dropFirst().map { "  " + $0 }
        }
    }

    /// Backslashes before Markdown's inline markup, and before a line's first character when
    /// it would start a block (a list, a quote, a heading, a numbered item).
    func escape(_ text: String) -> String {
        var out = Markdown.escapeInline(text)
        if let first = out.first, "-+=>".contains(first) { out = "\\" + out }
        if let dot = out.firstIndex(where: { !$0.isNumber }), dot != out.startIndex, ".)".contains(out[dot]) {
            out.insert("\\", at: dot)
        }
        return out
    }
}

/// Text from participants in Markdown.
public enum Markdown {
    /// Backslashes before the characters of Markdown's inline markup and table cells, so
    /// that a name or a message is shown as typed: never a link, a heading or a new cell.
    public static func escapeInline(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>#|~".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
