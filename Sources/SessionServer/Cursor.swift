/// Cursors are opaque to clients; this is how both ends read and write them.
enum Cursor {
    static func make(_ seq: Int64) -> String { "c\(seq)" }

    static func parse(_ text: String) -> Int64? {
        guard text.hasPrefix("c"), let seq = Int64(text.dropFirst()), seq >= 0 else { return nil }
        return seq
    }
}
