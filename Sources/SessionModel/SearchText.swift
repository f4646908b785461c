import Foundation

/// Chat search as the server and the client both do it: ignoring case, accents and width,
/// so that "ecole" finds "École".
public enum SearchText {
    /// Longest query, in characters.
    public static let queryMaxLength = 100

    /// The form in which text is compared.
    public static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// Whether `text` holds `query` (already folded with `fold`).
    public static func matches(_ text: String, folded query: String) -> Bool {
        !query.isEmpty && fold(text).contains(query)
    }

    /// Where `query` occurs in `text`, as ranges of whole characters of `text`, for
    /// highlighting. Each character is folded alone, so a range always maps back to the
    /// characters that matched, whatever folding did to their length.
    public static func ranges(of query: String, in text: String) -> [Range<String.Index>] {
        let needle = Array(fold(query))
        guard !needle.isEmpty else { return [] }
        // Folded characters, each with the index of the character of `text` it came from.
        var folded: [(Character, String.Index)] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            for character in fold(String(text[index..<next])) { folded.append((character, index)) }
            index = next
        }
        var found: [Range<String.Index>] = []
        var start = 0
        while start + needle.count <= folded.count {
            if (0..<needle.count).allSatisfy({ folded[start + $0].0 == needle[$0] }) {
                let last = folded[start + needle.count - 1].1
                found.append(folded[start].1..<text.index(after: last))
                start += needle.count
            } else {
                start += 1
            }
        }
        return found
    }

    /// `ranges(of:in:)` as UTF-8 offsets, as the terminal's text log marks them.
    public static func utf8Ranges(of query: String, in text: String) -> [Range<Int>] {
        let utf8 = text.utf8
        return ranges(of: query, in: text).map {
            utf8.distance(from: utf8.startIndex, to: $0.lowerBound)..<utf8.distance(from: utf8.startIndex, to: $0.upperBound)
        }
    }
}

/// `GET /v1/rooms/{roomId}/search?q=...&before=...`: matching messages, newest first.
public struct SearchResponse: Codable, Sendable, Equatable {
    public var messages: [ChatMessage]
    /// Where the next page starts (`before` of the next request); absent at the start of the room.
    public var nextBefore: Int64?
    /// The authors of these messages: a state sent to a client may not name those who left
    /// long ago (as in `MessagesResponse`).
    public var authors: [Participant]?

    public init(messages: [ChatMessage], nextBefore: Int64?, authors: [Participant]? = nil) {
        self.messages = messages
        self.nextBefore = nextBefore
        self.authors = authors
    }
}
