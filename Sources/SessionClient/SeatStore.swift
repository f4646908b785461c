public import Foundation
import Glibc
public import SessionModel
import Synchronization

/// A seat in a room as the client keeps it on disk between runs: who I am there, and the
/// changes not sent yet, each with its `clientId`.
public struct SavedSeat: Codable, Sendable, Equatable {
    public var roomId: String
    public var token: String
    public var participantId: String
    public var pollTimeout: Int
    public var pending: [PendingChange]

    /// A change that was queued and not acknowledged: replayed with the same `clientId`, so the
    /// server recognises it if it did arrive.
    public struct PendingChange: Codable, Sendable, Equatable {
        public var clientId: String
        public var kind: Outbox.Kind

        public init(clientId: String, kind: Outbox.Kind) {
            self.clientId = clientId
            self.kind = kind
        }
    }

    public init(roomId: String, token: String, participantId: String, pollTimeout: Int, pending: [PendingChange] = []) {
        self.roomId = roomId
        self.token = token
        self.participantId = participantId
        self.pollTimeout = pollTimeout
        self.pending = pending
    }

    public var credentials: RoomCredentials { RoomCredentials(roomId: roomId, token: token) }
}

/// Seats on disk, one file each (mode 0600: a token is a password for one room), so that a
/// client that crashed or was killed takes its seat back instead of finding its name taken,
/// and sends what it had queued, once. A seat is locked while a client uses it, so a second
/// terminal with the same name joins as itself (and is told the name is taken).
public final class SeatStore: Sendable {
    public let directory: String
    /// Seats older than this are forgotten (the workshop is over).
    public static let maxAge: TimeInterval = 7 * 24 * 3600

    public init(directory: String) {
        self.directory = directory
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        prune()
    }

    /// `$XDG_STATE_HOME/momentum/seats`, or `$HOME/.local/state/momentum/seats`; nil without either.
    public static func standard(environment: [String: String]) -> SeatStore? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return SeatStore(directory: state + "/momentum/seats") }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return SeatStore(directory: home + "/.local/state/momentum/seats")
    }

    /// The key of a seat: the same server, code, name (as the server compares names) and role.
    public static func key(server: String, join: JoinRequest) -> String {
        let role = join.moderatorKey == nil ? "learner" : "expert"
        return "\(server.lowercased())|\(join.code.uppercased())|\(RoomState.nameKey(join.name))|\(role)"
    }

    public func load(_ key: String) -> SavedSeat? {
        // A save writes KEY.tmp, then renames it. A client killed between the two left its
        // newest seat (a message typed a moment before) in the .tmp: a complete one, which
        // decodes, is taken; a half-written one does not decode and the last renamed seat is.
        let temporary = path(key) + ".tmp"
        if let data = FileManager.default.contents(atPath: temporary), let seat = try? JSONDecoder().decode(SavedSeat.self, from: data) {
            _ = rename(temporary, path(key))
            return seat
        }
        guard let data = FileManager.default.contents(atPath: path(key)) else { return nil }
        return try? JSONDecoder().decode(SavedSeat.self, from: data)
    }

    public func save(_ seat: SavedSeat, as key: String) {
        guard let data = try? JSONEncoder().encode(seat) else { return }
        let temporary = path(key) + ".tmp"
        // Written with write(2) into KEY.tmp itself, not with FileManager.createFile: that one
        // writes atomically, into a hidden file of its own first, so a client killed in
        // between left the newest seat (the message just typed) in a file `load` never reads.
        guard Self.write(data, to: temporary) else { return }
        _ = rename(temporary, path(key))
    }

    /// Writes `data` to `file` (created 0600, or truncated); false when it could not.
    private static func write(_ data: Data, to file: String) -> Bool {
        let descriptor = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return data.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
    }

    public func remove(_ key: String) {
        try? FileManager.default.removeItem(atPath: path(key))
    }

    /// Holds the seat for this process until the lock is released (or the process ends);
    /// nil when another client holds it, in this process or another.
    ///
    /// A record lock (fcntl(2) `F_SETLK`), not flock(2): a flock belongs to the open file
    /// description, which a child process forked while it is open shares until it execs (or
    /// for its life), so a seat released here could still look held to the next client; the
    /// crashed-client test failed that way while other tests spawned servers. A record lock
    /// belongs to this process and is not inherited; as it does not exclude another session
    /// of the same process, the files locked here are also kept in `SeatLock.held`.
    public func lock(_ key: String) -> SeatLock? {
        let file = path(key) + ".lock"
        guard SeatLock.held.withLock({ $0.insert(file).inserted }) else { return nil }
        let descriptor = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        var whole = Glibc.flock()
        whole.l_type = Int16(F_WRLCK)
        whole.l_whence = Int16(SEEK_SET)
        guard descriptor >= 0, fcntl(descriptor, F_SETLK, &whole) == 0 else {
            if descriptor >= 0 { close(descriptor) }
            _ = SeatLock.held.withLock { $0.remove(file) }
            return nil
        }
        return SeatLock(descriptor: descriptor, file: file)
    }

    /// The file of a seat: a hash of its key, so names never become paths.
    private func path(_ key: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01B3
        }
        return directory + "/" + String(hash, radix: 16) + ".json"
    }

    private func prune() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        // A leftover KEY.tmp too: `load` takes a complete one first, and an old seat must not come back.
        for name in names where name.hasSuffix(".json") || name.hasSuffix(".lock") || name.hasSuffix(".json.tmp") {
            let file = directory + "/" + name
            let modified = (try? FileManager.default.attributesOfItem(atPath: file))?[.modificationDate] as? Date
            if let modified, Date().timeIntervalSince(modified) > Self.maxAge { try? FileManager.default.removeItem(atPath: file) }
        }
    }
}

/// A seat held by this process; released when dropped.
public final class SeatLock: Sendable {
    /// The lock files this process holds: record locks do not exclude a second holder in the
    /// same process, this set does.
    static let held = Mutex<Set<String>>([])

    private let descriptor: Int32
    private let file: String

    init(descriptor: Int32, file: String) {
        self.descriptor = descriptor
        self.file = file
    }

    deinit {
        // Closed before the file leaves `held`: closing any descriptor of a file drops every
        // record lock this process has on it, including a lock taken after this one.
        close(descriptor)
        _ = Self.held.withLock { $0.remove(file) }
    }
}
