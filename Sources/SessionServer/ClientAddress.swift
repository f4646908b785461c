import Foundation
import Hummingbird

/// Who a request comes from, for the per-address join limits: the peer of the connection, or,
/// when that peer is a proxy the server was told to trust (`--trusted-proxy`), the client the
/// proxy names in `X-Forwarded-For` or `Forwarded` (RFC 7239).
///
/// Behind nginx every request comes from nginx's address, so without this one guesser would
/// exhaust everybody's join budget, and with it taken from anyone, a guesser would name a new
/// address on every request. The headers are read from the right: each trusted proxy appends
/// the address it saw, and only the entry added by the last trusted hop can be believed.
struct ClientAddress: Sendable {
    let trustedProxies: Set<String>

    init(trustedProxies: [String]) {
        self.trustedProxies = Set(trustedProxies.map(Self.normalized))
    }

    func resolve(peer: String, forwardedFor: [String], forwarded: [String]) -> String {
        guard trustedProxies.contains(Self.normalized(peer)) else { return peer }
        // Forwarded is the standard; X-Forwarded-For what nginx's $proxy_add_x_forwarded_for writes.
        let chain = forwarded.isEmpty ? Self.list(forwardedFor) : Self.forwardedFor(forwarded)
        for hop in chain.reversed() {
            let address = Self.normalized(hop)
            if address.isEmpty { break }
            if !trustedProxies.contains(address) { return address }
        }
        return peer
    }

    /// "1.2.3.4, 5.6.7.8" in one or several header lines, as a list.
    private static func list(_ lines: [String]) -> [String] {
        lines.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    /// The `for=` parameters of `Forwarded: for=1.2.3.4;proto=https, for="[2001:db8::1]:4711"`.
    private static func forwardedFor(_ lines: [String]) -> [String] {
        list(lines).compactMap { element in
            for pair in element.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "for" else { continue }
                return String(parts[1]).trimmingCharacters(in: CharacterSet(charactersIn: " \""))
            }
            return nil
        }
    }

    /// An address without brackets or port, lower case: "[2001:DB8::1]:4711" → "2001:db8::1",
    /// "1.2.3.4:80" → "1.2.3.4". An obfuscated or unknown node ("_hidden", "unknown") stays as is.
    static func normalized(_ raw: String) -> String {
        var text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if text.hasPrefix("[") {
            guard let end = text.firstIndex(of: "]") else { return text }
            return String(text[text.index(after: text.startIndex)..<end])
        }
        // One colon: IPv4 with a port. More: a bare IPv6 address, kept whole.
        if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") { text = String(text[..<colon]) }
        return text
    }
}

extension ClientAddress {
    /// The client of a request: its peer, or who a trusted proxy says it forwards.
    func resolve(peer: String, headers: HTTPFields) -> String {
        // HTTPTypes' field names compare in lower case (`canonicalName`).
        func values(_ name: String) -> [String] { headers.filter { $0.name.canonicalName == name }.map(\.value) }
        return resolve(peer: peer, forwardedFor: values("x-forwarded-for"), forwarded: values("forwarded"))
    }
}
