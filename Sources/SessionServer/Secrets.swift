/// Random identifiers and secrets, and how secrets are stored.
///
/// `SystemRandomNumberGenerator` reads the kernel's CSPRNG (getrandom), so tokens are unguessable.
enum Secrets {
    /// Crockford-like base32 without look-alikes, for things people read and type.
    private static let readable = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
    private static let lower = Array("abcdefghijkmnpqrstuvwxyz23456789")

    private static func random(_ count: Int, from alphabet: [Character]) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
    }

    /// A bearer token: 32 characters of a 32-letter alphabet, 160 random bits.
    static func token() -> String { "mt_" + random(32, from: lower) }

    /// An expert's moderator key: 26 characters, 130 random bits.
    static func moderatorKey() -> String { random(26, from: readable) }

    /// A join code learners type: 6 characters (30 bits), unique among rooms; joins are rate limited.
    static func joinCode() -> String { random(6, from: readable) }

    /// An identifier that is unique, not secret.
    static func id(prefix: String) -> String { prefix + random(12, from: lower) }

    /// How a token or key is stored: its SHA-256, in hex. The secret itself is never written down.
    static func hash(_ secret: String) -> String { SHA256.hex(Array(secret.utf8)) }

    /// Join codes as typed by people: case, spaces and dashes ignored.
    static func normalizeCode(_ code: String) -> String {
        String(code.uppercased().filter { $0 != " " && $0 != "-" })
    }
}
