import Crypto
/// Random identifiers and secrets, and how secrets are stored.
///
/// `SystemRandomNumberGenerator` reads the kernel's CSPRNG (getrandom), so tokens are unguessable.
enum Secrets {
    /// Crockford-like base32 without look-alikes, for things people read and type.
    private static let readable = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
    private static let lower = Array("abcdefghijkmnpqrstuvwxyz23456789")

    /// `count` letters of a 32-letter alphabet, five random bits each, twelve letters from
    /// each 64-bit draw: every draw is a system call (getrandom), and drawing per letter
    /// made a post's message id twelve of them, a quarter of the server's system calls.
    static func random(_ count: Int, from alphabet: [Character]) -> String {
        precondition(alphabet.count == 32, "five bits a letter")
        var generator = SystemRandomNumberGenerator()
        var bits: UInt64 = 0, left = 0
        var out = ""
        out.reserveCapacity(count)
        for _ in 0..<count {
            if left < 5 {
                bits = generator.next()
                left = 64
            }
            out.append(alphabet[Int(bits & 31)])
            bits >>= 5
            left -= 5
        }
        return out
    }

    /// A bearer token: 32 characters of a 32-letter alphabet, 160 random bits.
    static func token() -> String { "mt_" + random(32, from: lower) }

    /// An expert's moderator key: 26 characters, 130 random bits.
    static func moderatorKey() -> String { random(26, from: readable) }

    /// A join code learners type: 6 characters (30 bits), or 8 (40 bits) when many rooms are
    /// open; unique among rooms; wrong codes are rate limited per address and in all.
    static func joinCode(length: Int = 6) -> String { random(length, from: readable) }

    /// An identifier that is unique, not secret.
    static func id(prefix: String) -> String { prefix + random(12, from: lower) }

    /// How a token or key is stored: its SHA-256, in hex. The secret itself is never written down.
    /// SHA-256 of the secret in lower-case hex, from swift-crypto: no hand-written crypto.
    static func hash(_ secret: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Array(secret.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// Join codes as typed by people: case, spaces and dashes ignored.
    static func normalizeCode(_ code: String) -> String {
        String(code.uppercased().filter { $0 != " " && $0 != "-" })
    }
}
