import Foundation

/// Why a piece of text typed by someone was refused.
public enum TextProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case tooLong(max: Int)
    case tooManyLines(max: Int)
    /// A character carrying more accents and marks than any language needs (a "Zalgo" pile).
    case tooManyMarks(max: Int)
    /// More bytes than its characters could ever need: kept small so that storage stays bounded.
    case tooHeavy(maxBytes: Int)
    case forbiddenCharacter(Unicode.Scalar)
    /// A name holding a symbol the screen uses as a badge (★, 🎤, ✋...).
    case badge(Character)
    /// A name ending with a marker the screen writes after names ("(expert·e)", "(toi)"...).
    case roleMarker(String)
    /// A name holding a character that draws nothing (U+3164, U+2800...).
    case invisible(Unicode.Scalar)

    public var description: String {
        switch self {
        case .badge(let character): "it contains \"\(character)\", a symbol the screen uses for roles and hands"
        case .roleMarker(let marker): "it ends with \"(\(marker))\", which the screen writes after names"
        case .invisible(let scalar): "it contains \(TextSanitizer.codePoint(scalar)), a character that draws nothing"
        case .empty: "it is empty"
        case .tooLong(let max): "it is longer than \(max) characters"
        case .tooManyLines(let max): "it has more than \(max) lines"
        case .tooManyMarks(let max): "a character in it carries more than \(max) accents or marks"
        case .tooHeavy(let maxBytes): "it takes more than \(maxBytes) bytes"
        case .forbiddenCharacter(let scalar) where TextSanitizer.isTag(scalar):
            "it contains \(TextSanitizer.codePoint(scalar)), an invisible tag character, allowed only inside a flag such as 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"
        case .forbiddenCharacter(let scalar): "it contains the invisible control character \(TextSanitizer.codePoint(scalar))"
        }
    }
}

/// The one place that decides which characters typed by strangers may reach a terminal.
///
/// The server validates and normalises with it; the client passes everything it draws
/// through `displaySafe`, whatever the server did, because escape sequences are to
/// terminals what script injection is to browsers.
public enum TextSanitizer {
    /// "U+001B".
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Bidi embeddings, overrides and isolates: they reorder the text around them.
    public static func isBidiControl(_ s: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
            || s.value == 0x200E || s.value == 0x200F || s.value == 0x061C
    }

    /// C0, DEL and C1 controls: what terminals interpret as commands.
    public static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value)
    }

    /// Characters that are never drawn as themselves: controls, format characters, bidi
    /// controls, line and paragraph separators. Joiners inside emoji are handled by the caller.
    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        if isControl(s) || isBidiControl(s) || isNoncharacter(s) { return true }
        switch s.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .surrogate: return true
        default: return false
        }
    }

    private static func isNoncharacter(_ s: Unicode.Scalar) -> Bool {
        (0xFDD0...0xFDEF).contains(s.value) || (s.value & 0xFFFE) == 0xFFFE
    }

    /// Zero-width joiners are safe inside an emoji sequence (👩‍💻), and tag characters inside a
    /// flag's tag sequence (🏴󠁧󠁢󠁳󠁣󠁴󠁿), nowhere else: a run of tags after any emoji would carry
    /// invisible text (a hidden message, a prompt for a machine) past every reader.
    private static func isSafeInside(_ character: Character, _ s: Unicode.Scalar) -> Bool {
        if isTag(s) { return isFlagTagSequence(character) }
        guard s.value == 0x200D || s.value == 0xFE0F else { return false }
        guard let first = character.unicodeScalars.first else { return false }
        return first.properties.isEmoji && character.unicodeScalars.count > 1
    }

    /// The tag characters, U+E0000 to U+E007F: invisible copies of ASCII.
    public static func isTag(_ s: Unicode.Scalar) -> Bool { (0xE0000...0xE007F).contains(s.value) }

    /// A flag tag sequence as Unicode defines it (UTS #51, ED-14a): 🏴 U+1F3F4, a subdivision
    /// id in tag letters and digits (two letters, then one to four letters or digits, as
    /// "gbsct"), then the cancel tag U+E007F; nothing else in the character.
    public static func isFlagTagSequence(_ character: Character) -> Bool {
        let scalars = Array(character.unicodeScalars)
        guard scalars.count >= 5, scalars.count <= 8, scalars.first?.value == 0x1F3F4, scalars.last?.value == 0xE007F else { return false }
        let spec = scalars.dropFirst().dropLast().map { $0.value }
        let letter: ClosedRange<UInt32> = 0xE0061...0xE007A, digit: ClosedRange<UInt32> = 0xE0030...0xE0039
        return spec.prefix(2).allSatisfy { letter.contains($0) } && spec.dropFirst(2).allSatisfy { letter.contains($0) || digit.contains($0) }
    }

    /// The text without any tag character, for plain mode: a screen reader or a braille line
    /// has no use for them (a flag reads as 🏴), and invisible text must never reach it.
    public static func withoutTags(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isTag) else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.filter { !isTag($0) })
        return String(out)
    }

    /// The visible stand-in for an unsafe scalar: control pictures for C0 and DEL, U+FFFD otherwise.
    public static func placeholder(for s: Unicode.Scalar) -> Character {
        if s.value < 0x20 { return Character(Unicode.Scalar(0x2400 + s.value)!) }
        if s.value == 0x7F { return "\u{2421}" }
        return "\u{FFFD}"
    }

    /// Text that can be written to a terminal: every unsafe character replaced by a visible
    /// placeholder. With `keepNewlines`, "\n" stays (for multi-line messages drawn line by line).
    public static func displaySafe(_ text: String, keepNewlines: Bool = false) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) { return text }
        var out = String()
        out.reserveCapacity(text.utf8.count)
        for character in text {
            if !character.unicodeScalars.contains(where: { isUnsafe($0) }) {
                out.append(character)
                continue
            }
            if keepNewlines && character == "\n" {
                out.append(character)
                continue
            }
            for scalar in character.unicodeScalars {
                if isUnsafe(scalar) && !isSafeInside(character, scalar) {
                    out.append(placeholder(for: scalar))
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// The first scalar that `displaySafe` would replace, if any.
    public static func firstUnsafe(in text: String, allowNewlines: Bool) -> Unicode.Scalar? {
        for character in text {
            for scalar in character.unicodeScalars where isUnsafe(scalar) {
                if allowNewlines && scalar == "\n" { continue }
                if isSafeInside(character, scalar) { continue }
                return scalar
            }
        }
        return nil
    }

    /// A display name as the server stores it: NFC, spaces collapsed, no control or format
    /// character, 1 to `Limits.nameMaxLength` characters.
    public static func validateName(_ raw: String) -> Result<String, TextProblem> {
        let line = validateLine(raw, maxLength: Limits.nameMaxLength)
        if case .success(let name) = line, let problem = NameRules.problem(in: name) { return .failure(problem) }
        return line
    }

    /// A workshop or agenda title: the same rules as a name, longer.
    public static func validateTitle(_ raw: String) -> Result<String, TextProblem> {
        validateLine(raw, maxLength: Limits.titleMaxLength)
    }

    private static func validateLine(_ raw: String, maxLength: Int) -> Result<String, TextProblem> {
        let text = raw.precomposedStringWithCanonicalMapping
        if let bad = firstUnsafe(in: text, allowNewlines: false) { return .failure(.forbiddenCharacter(bad)) }
        let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        if collapsed.isEmpty { return .failure(.empty) }
        if collapsed.count > maxLength { return .failure(.tooLong(max: maxLength)) }
        return .success(collapsed)
    }

    /// A chat message as the server stores it: NFC, line ends as "\n", tabs as spaces, trailing
    /// spaces and blank edges trimmed; refused when empty, too long, or carrying a control character.
    public static func normalizeMessage(_ raw: String) -> Result<String, TextProblem> {
        normalizeMessage(raw, plainLatinShortcut: true)
    }

    /// `plainLatinShortcut: false` takes the long way for every text (tests compare the two).
    static func normalizeMessage(_ raw: String, plainLatinShortcut: Bool) -> Result<String, TextProblem> {
        let plain = plainLatinShortcut && isPlainLatin(raw)
        var text = raw
        if !plain {
            text = raw.precomposedStringWithCanonicalMapping
            text = text.replacingOccurrences(of: "\r\n", with: "\n")
                .replacingOccurrences(of: "\r", with: "\n")
                .replacingOccurrences(of: "\u{2028}", with: "\n")
                .replacingOccurrences(of: "\u{2029}", with: "\n")
                .replacingOccurrences(of: "\t", with: "    ")
            if let bad = firstUnsafe(in: text, allowNewlines: true) { return .failure(.forbiddenCharacter(bad)) }
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.reversed().drop(while: { $0.isWhitespace }).reversed())
        }
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        if lines.isEmpty { return .failure(.empty) }
        if lines.count > Limits.messageMaxLines { return .failure(.tooManyLines(max: Limits.messageMaxLines)) }
        let joined = lines.joined(separator: "\n")
        if joined.count > Limits.messageMaxLength { return .failure(.tooLong(max: Limits.messageMaxLength)) }
        // One "character" may be a letter under 32,000 combining marks (64 KB): cap the marks
        // per character and the bytes per message, so a short message is a small one.
        // Emoji sequences (families, flags, skin tones) use up to ten scalars; marks pile higher.
        if !plain, joined.contains(where: { $0.unicodeScalars.count > Limits.scalarsPerCharacterMax }) {
            return .failure(.tooManyMarks(max: Limits.scalarsPerCharacterMax - 1))
        }
        if joined.utf8.count > Limits.messageMaxBytes { return .failure(.tooHeavy(maxBytes: Limits.messageMaxBytes)) }
        return .success(joined)
    }

    /// Text made only of newlines and printable scalars below U+0300 (ASCII, Latin-1 and
    /// Latin Extended-A and -B: French, Spanish, most European text) is already in NFC (the
    /// first combining mark and the first NFC_QC=No scalar are U+0300 and above) and holds no
    /// control, format character, carriage return or tab: such a message skips Foundation's
    /// normalisation, the replacements and the walk over graphemes, about 70 µs each, which
    /// was the dearest step of posting a message.
    static func isPlainLatin(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            let value = scalar.value
            return value == 0x0A || (0x20..<0x7F).contains(value) || ((0xA0..<0x300).contains(value) && value != 0xAD)
        }
    }
}
