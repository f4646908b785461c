import Foundation

/// What a display name may not be, so that nobody can pass for the expert or for someone
/// else: no badge the screen draws (★, 🎤, ✋, ●...), no marker the screen writes after a
/// name ("(expert·e)", "(toi)", "(muted)"...), no invisible filler (U+3164, U+2800...), and
/// names compared by a confusable skeleton ("Sаrаh" in Cyrillic is "Sarah").
///
/// The skeleton is a subset of Unicode's UTS #39: NFKC, a table of the Latin, Cyrillic and
/// Greek look-alikes that matter for first names, a few digit and letter pairs ("0"/"o",
/// "1"/"l", "rn"/"m"), then case, accents and width folded.
public enum NameRules {
    /// Why a name is refused, or nil.
    public static func problem(in name: String) -> TextProblem? {
        let compatible = name.precomposedStringWithCompatibilityMapping
        for scalar in name.unicodeScalars where isInvisible(scalar) {
            return .invisible(scalar)
        }
        for scalar in compatible.unicodeScalars where isBadge(scalar) {
            return .badge(Character(scalar))
        }
        if let marker = trailingMarker(compatible) { return .roleMarker(marker) }
        return nil
    }

    /// Fillers that draw nothing: default-ignorable code points (U+3164 HANGUL FILLER, U+115F,
    /// U+FFA0, zero-width characters, variation selectors) and the blank braille pattern.
    static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        s.properties.isDefaultIgnorableCodePoint || s.value == 0x2800 || s.value == 0x115F || s.value == 0x1160
    }

    /// Symbols, emoji and private-use characters: the screen draws role, hand and presence
    /// badges with such characters, and "*" is the expert's badge in ASCII.
    static func isBadge(_ s: Unicode.Scalar) -> Bool {
        if s == "*" || [0x066D, 0x204E, 0x2055, 0x2217, 0x22C6].contains(s.value) { return true }
        if s.properties.isEmojiPresentation { return true }
        switch s.properties.generalCategory {
        case .otherSymbol, .privateUse: return true
        case .mathSymbol: return !s.isASCII
        default: return false
        }
    }

    /// Words the screen writes in brackets after a name, letters only, folded.
    static let markers: Set<String> = [
        "expert", "experte", "experts", "expertes", "you", "me", "toi", "moi", "muted", "mute", "muet", "muette", "muete",
        "sourdine", "absent", "absente", "away", "offline", "online", "host", "moderator", "moderateur", "moderatrice",
        "animateur", "animatrice", "formateur", "formatrice", "organisateur", "organisatrice", "admin", "staff", "hand", "main",
        "avant", "earlier", "parti", "partie", "left",
    ]

    /// The marker in brackets that ends the name ("Sarah (expert·e)" → "experte"), if any.
    static func trailingMarker(_ name: String) -> String? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard let last = trimmed.last, last == ")" || last == "]" else { return nil }
        let open: Character = last == ")" ? "(" : "["
        guard let start = trimmed.lastIndex(of: open) else { return nil }
        let inside = trimmed[trimmed.index(after: start)..<trimmed.index(before: trimmed.endIndex)]
        let letters = String(inside.filter(\.isLetter))
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        return markers.contains(letters) ? String(inside) : nil
    }

    /// The form in which two names count as the same: look-alikes mapped, then case,
    /// accents and width folded, invisible characters dropped.
    public static func skeleton(_ name: String) -> String {
        asciiSkeleton(name) ?? unicodeSkeleton(name)
    }

    /// The general path, through Foundation's normalisation and folding.
    static func unicodeSkeleton(_ name: String) -> String {
        var mapped = String.UnicodeScalarView()
        for scalar in name.precomposedStringWithCompatibilityMapping.decomposedStringWithCanonicalMapping.unicodeScalars {
            if isInvisible(scalar) { continue }
            if let latin = lookAlikes[scalar.value] {
                mapped.append(contentsOf: latin.unicodeScalars)
            } else {
                mapped.append(scalar)
            }
        }
        var folded = String(mapped).folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        // Second pass for what folding produced (a Cyrillic capital lowered to a small letter).
        folded = String(String.UnicodeScalarView(folded.unicodeScalars.flatMap { lookAlikes[$0.value].map { Array($0.unicodeScalars) } ?? [$0] }))
        return folded.replacingOccurrences(of: "rn", with: "m").replacingOccurrences(of: "vv", with: "w")
    }

    /// The skeleton of printable ASCII without Foundation, the same as the general path gives
    /// (normalisation changes no ASCII, folding only lowers case, the look-alikes of ASCII are
    /// "0", "1" and "|"); nil for anything else. Chat text is mostly ASCII and the client
    /// matches every word of every message against the user's name.
    static func asciiSkeleton(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            guard byte >= 0x20 && byte < 0x7F else { return nil }
            let folded: UInt8 = switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte + 0x20
            case UInt8(ascii: "0"): UInt8(ascii: "o")
            case UInt8(ascii: "1"), UInt8(ascii: "|"): UInt8(ascii: "l")
            default: byte
            }
            // "rn" reads "m" and "vv" reads "w"; a replaced pair is never the first half of
            // another, as with replacingOccurrences from the left.
            if folded == UInt8(ascii: "n") && bytes.last == UInt8(ascii: "r") {
                bytes[bytes.count - 1] = UInt8(ascii: "m")
            } else if folded == UInt8(ascii: "v") && bytes.last == UInt8(ascii: "v") {
                bytes[bytes.count - 1] = UInt8(ascii: "w")
            } else {
                bytes.append(folded)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Scalars that look like Latin letters or digits, and the Latin letter they look like.
    static let lookAlikes: [UInt32: String] = {
        var table: [UInt32: String] = [:]
        let pairs: [(String, String)] = [
            // Cyrillic capitals and small letters.
            ("АВЕЅІЈКМНОРСТХУҮԚԜӀ", "abesijkmhopctxyyqwl"),
            ("аеѕіјорсухһԁԛԝӏкѵ", "aesijopcyxhdqwlkv"),
            // Greek capitals and small letters.
            ("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "abezhikmnoptyx"),
            ("αοριχκνυϲϳ", "aopixkvucj"),
            // Digits and signs that pass for letters.
            ("01|", "oll"),
        ]
        for (from, to) in pairs {
            for (scalar, latin) in zip(from.unicodeScalars, to) { table[scalar.value] = String(latin) }
        }
        return table
    }()
}
