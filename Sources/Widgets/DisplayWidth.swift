import Foundation

/// How many terminal columns text takes: the one width function every widget uses, so wide
/// and combined characters never break a border.
///
/// A grapheme cluster is measured as a whole: the terminal's own `wcwidth` for its first
/// scalar (through the ncurses seam), 2 for emoji sequences (ZWJ, VS16, flags, skin tones),
/// and 1 for anything drawn as a placeholder (controls, format characters, a lone mark).
public enum DisplayWidth {
    /// The columns one cluster takes: 0 only for the empty string, else 1 or 2.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if CellText.isPlainNarrow(first) && scalars.count == 1 { return 1 }
        if first.value >= 0x20 && first.value < 0x7F && scalars.count == 1 { return 1 }
        if CellText.needsPlaceholder(character) { return 1 }
        if scalars.count > 1 && isEmojiSequence(scalars) { return 2 }
        let width = ScalarWidth.of(first)
        return width >= 2 ? 2 : 1
    }

    /// The columns a string takes, cluster by cluster (after display sanitising).
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        forEachCluster(in: Substring(text)) { _, _, width, _ in
            total += width
            return true
        }
        return total
    }

    /// Walks `text` cluster by cluster with each cluster's width, until `body` returns false.
    /// Latin text takes a fast path: a narrow scalar that nothing combines with is a cluster
    /// of its own, so most clusters need no grapheme breaking and no property lookup.
    @inline(__always)
    static func forEachCluster(in text: Substring, _ body: (_ start: String.Index, _ end: String.Index, _ width: Int, _ first: Unicode.Scalar) -> Bool) {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let after = scalars.index(after: index)
            if CellText.isPlainNarrow(scalar), after == scalars.endIndex || scalars[after].value < 0x300 {
                if !body(index, after, 1, scalar) { return }
                index = after
                continue
            }
            let character = text[index]
            let end = text.index(after: index)
            if !body(index, end, of(character), scalar) { return }
            index = end
        }
    }

    private static func isEmojiSequence(_ scalars: Character.UnicodeScalarView) -> Bool {
        var sawEmoji = false
        for scalar in scalars {
            switch scalar.value {
            case 0xFE0F, 0x200D: if sawEmoji { return true }
            case 0x1F1E6...0x1F1FF: return scalars.count == 2 && scalars.allSatisfy { (0x1F1E6...0x1F1FF).contains($0.value) }
            case 0x1F3FB...0x1F3FF: if sawEmoji { return true }
            default: break
            }
            if scalar.properties.isEmoji { sawEmoji = true }
        }
        return false
    }
}

/// What may be written into a cell: one cluster, made safe.
public enum CellText {
    /// Printable ASCII, precomposed Latin letters and signs (U+00A0-U+02FF, not the soft
    /// hyphen), punctuation and box drawing: one column and safe when nothing combines with them.
    @inline(__always)
    static func isPlainNarrow(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x300 { return (v >= 0x20 && v < 0x7F) || (v >= 0xA0 && v != 0xAD) }
        // Dashes, quotes, bullets and the ellipsis; box drawing and blocks (borders).
        return (v >= 0x2010 && v <= 0x2027) || (v >= 0x2500 && v < 0x25A0)
    }

    /// Whether a cluster must not reach the terminal as it is: controls, format and bidi
    /// characters, separators, or a combining mark with nothing to combine with.
    public static func needsPlaceholder(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return false }
        if first.value >= 0x20 && first.value < 0x7F && scalars.count == 1 { return false }
        let emoji = first.properties.isEmoji && scalars.count > 1
        for scalar in scalars {
            if isUnsafe(scalar) && !(emoji && (scalar.value == 0x200D || (0xE0020...0xE007F).contains(scalar.value))) { return true }
        }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return true
        default: return false
        }
    }

    static func isMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: true
        default: false
        }
    }

    static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return true }
        switch s.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse: return v != 0xFE0F
        default: return false
        }
    }

    /// The cluster as it may be drawn: itself, or a visible stand-in of width 1 (a control
    /// picture for C0 and DEL, a dotted circle under a lone mark, U+FFFD for the rest).
    public static func safe(_ character: Character) -> Character {
        guard needsPlaceholder(character) else { return character }
        let scalars = character.unicodeScalars
        let first = scalars.first!
        if first.value < 0x20 { return Character(Unicode.Scalar(0x2400 + first.value)!) }
        if first.value == 0x7F { return "\u{2421}" }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark:
            // Only marks go on the dotted circle: a skin tone or an emoji after a lone mark
            // would make it an emoji sequence two columns wide, while the cluster was measured
            // as a one-column placeholder.
            if scalars.allSatisfy(isMark) {
                var dotted = "\u{25CC}"
                dotted.unicodeScalars.append(contentsOf: scalars)
                return Character(dotted)
            }
        default: break
        }
        return "\u{FFFD}"
    }

    /// The scalars a cell hands to ncurses, which stores one spacing character and a few
    /// combining marks per cell: an emoji sequence (ZWJ, flag, skin tone) is shown by its
    /// first emoji. See docs/DECISIONS.md.
    public static func terminalScalars(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if out.isEmpty {
                out.append(scalar)
                continue
            }
            let combining: Bool
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark: combining = true
            default: combining = scalar.value == 0xFE0E || scalar.value == 0xFE0F
            }
            guard combining, out.count < 5 else { break }
            out.append(scalar)
        }
        return out
    }

    /// Whether a wide cell's terminal form is only one column wide (a lone regional
    /// indicator, a text-style symbol with VS16), so the terminal must pad it with a space.
    public static func needsPadding(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count > 1 else { return false }
        return ScalarWidth.of(first) < 2 && DisplayWidth.of(Character(text)) == 2
    }

    /// A cell's text for a terminal without UTF-8: accents dropped (é → e), anything else
    /// non-ASCII shown as "?", one per column, so the layout stays in place.
    public static func asciiFallback(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII }) { return text }
        let folded = text.applyingTransform(.stripDiacritics, reverse: false) ?? text
        if folded.count == 1, folded.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) { return folded }
        if let symbol = asciiSymbols[text] { return symbol }
        switch text {
        case "\u{2026}": return "."
        case "─", "━", "═": return "-"
        case "│", "┃", "║": return "|"
        case "┌", "┐", "└", "┘", "╭", "╮", "╯", "╰", "├", "┤", "┬", "┴", "┼": return "+"
        default: return String(repeating: "?", count: DisplayWidth.of(Character(text)))
        }
    }

    /// The symbols the screen draws, in ASCII of the same width: the expert's badge is "*",
    /// which no name may hold.
    static let asciiSymbols: [String: String] = [
        "★": "*", "☆": "*", "●": "o", "◐": "o", "○": ".", "▶": ">", "▲": "^", "▼": "v", "✓": "v", "✗": "x",
        "→": ">", "←": "<", "‹": "<", "›": ">", "·": ".", "«": "\"", "»": "\"", "’": "'",
        "✋": "o/", "🎤": ">>", "🔒": "#L", "🔓": "#U", "␊": "|",
    ]

    /// A whole string made safe cluster by cluster (newlines become ␊).
    public static func safe(_ text: some StringProtocol) -> String {
        var out = ""
        for character in text { out.append(safe(character)) }
        return out
    }
}
