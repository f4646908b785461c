/// Finds a key that appears twice in one JSON object. Foundation's decoder keeps one of
/// the two silently, so `{"text": "hello", "text": "…"}` could mean different things to
/// the server and to a proxy or a log reader: such bodies are refused instead.
///
/// A scan over the bytes of a body that is otherwise valid JSON (the decoder checks that):
/// a stack of the keys seen in each open object. Keys are compared as written, escapes
/// included.
enum DuplicateKeys {
    /// The first repeated key, or nil.
    static func first(in bytes: some Collection<UInt8>) -> String? {
        var objects: [Set<[UInt8]>] = []
        /// One entry per open container: true for an object.
        var containers: [Bool] = []
        var expectingKey = false
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "{"):
                containers.append(true)
                objects.append([])
                expectingKey = true
            case UInt8(ascii: "["):
                containers.append(false)
                expectingKey = false
            case UInt8(ascii: "}"):
                if containers.popLast() == true { objects.removeLast() }
                expectingKey = false
            case UInt8(ascii: "]"):
                _ = containers.popLast()
                expectingKey = false
            case UInt8(ascii: ","):
                expectingKey = containers.last == true
            case UInt8(ascii: "\""):
                var string: [UInt8] = []
                var escaped = false
                while let next = iterator.next() {
                    if escaped { escaped = false; string.append(next); continue }
                    if next == UInt8(ascii: "\\") { escaped = true; string.append(next); continue }
                    if next == UInt8(ascii: "\"") { break }
                    string.append(next)
                }
                if expectingKey, !objects.isEmpty {
                    if !objects[objects.count - 1].insert(string).inserted { return String(decoding: string, as: UTF8.self) }
                    expectingKey = false
                }
            default:
                break
            }
        }
        return nil
    }
}
