public import Foundation
public import SessionModel

/// How a session server runs; `momentum serve` fills it from its flags.
public struct ServerConfig: Sendable {
    public var host: String
    /// 0 picks a free port; `SessionServer.run` reports the one it got.
    public var port: Int
    /// The database: a SQLite file path (the default), `:memory:`, or a
    /// `postgres://user:password@host:port/database` URL; see `DatabaseLocation`.
    public var databasePath: String
    /// Lets `POST /v1/rooms` create rooms; nil disables room creation over HTTP.
    public var adminToken: String?
    /// The longest a long-poll is held, in seconds.
    public var pollTimeoutCap: Int
    /// Joins allowed per client address: a burst, then one more every `joinRefillSeconds`.
    public var joinBurst: Int
    public var joinRefillSeconds: Double
    /// Messages allowed per participant: a burst, then one more every `messageRefillSeconds`.
    public var messageBurst: Int
    public var messageRefillSeconds: Double
    /// A participant with no long-poll for this long is away, then offline.
    public var awayAfter: TimeInterval
    public var offlineAfter: TimeInterval
    /// How often presence is recomputed.
    public var presenceInterval: TimeInterval
    /// Hand changes allowed per participant: a burst, then one more every `handRefillSeconds`
    /// (a muted learner gets a burst of 2 and one every 10 s: muting is about the chat, but
    /// a hand toggled a thousand times is a flood of its own).
    public var handBurst: Int = 10
    public var handRefillSeconds: Double = 2
    /// A connection with no request in progress for this long is closed (a keep-alive
    /// connection left open, or headers trickling in a byte at a time).
    public var idleTimeout: TimeInterval = 60
    /// A request whose body has not ended this long after its headers is cut.
    public var bodyTimeout: TimeInterval = 30
    /// Connections open at once from one client address; nil: 256. The total is the
    /// descriptor limit (raised to the hard limit at start) less a reserve.
    public var connectionsPerAddress = 256
    /// Answers the common long-poll on the connection's event loop (`LongPollHandler`);
    /// off, every poll takes Hummingbird's path (benchmarks compare the two).
    public var pollFastPath = true
    /// Votes, pace signals, reactions and questions allowed per participant, each counted
    /// apart: a burst, then one more every `engageRefillSeconds`, so that a script cannot
    /// flood the room's stream with them. Muted learners get the same: muting is about the chat.
    public var engageBurst: Int = 10
    public var engageRefillSeconds: Double = 2
    /// A snapshot of a room's state is kept every this many events, so a start reads the
    /// last snapshot and the events after it, not the whole workshop.
    public var snapshotEvery: Int = 1_000
    /// How long a seat claim waits for an expert's answer before the newcomer gets a
    /// suffixed name (someone on another machine with an offline learner's name).
    public var seatClaimTimeout: TimeInterval = 60
    /// Seat claims allowed per client address: a burst, then one more every
    /// `claimRefillSeconds`; beyond, the newcomer gets a suffixed name and no expert is asked.
    public var claimBurst: Int = 3
    public var claimRefillSeconds: Double = 120
    /// Wrong join codes allowed across all addresses: a burst, then one more every
    /// `joinFailureRefillSeconds`. Once spent, joins wait (429) before any code is looked up,
    /// so guessing from many addresses stops; a right code never spends it.
    public var joinFailureBurst: Int = 100
    public var joinFailureRefillSeconds: Double = 0.5
    /// From this many rooms on, new rooms get 8-character join codes instead of 6: the more
    /// rooms, the likelier a guess hits one.
    public var longCodesFromRooms: Int = 20
    /// Proxies (nginx) whose `X-Forwarded-For` / `Forwarded` headers name the client, for the
    /// per-address limits; from any other peer the headers are ignored.
    public var trustedProxies: [String] = []
    /// Connections to PostgreSQL this server may open.
    public var postgresConnections: Int = 16
    /// Bytes of stored events one room may take; once reached, new messages are refused
    /// (507 `room_storage_full`). 0: no quota.
    public var roomQuotaBytes: Int64 = 200 * 1024 * 1024
    /// An expert's actions (moderation, answers, polls) allowed per expert: a generous burst,
    /// then one more every `expertRefillSeconds`, so that a script holding the moderator key
    /// cannot flood the room's stream either.
    public var expertBurst: Int = 60
    public var expertRefillSeconds: Double = 0.25
    /// Rooms whose last event is older than this many days are deleted with everything
    /// stored for them (checked at start and every hour). 0: kept for ever.
    public var retentionDays: Int = 0

    public init(
        host: String = "127.0.0.1", port: Int = 8080, databasePath: String, adminToken: String? = nil,
        pollTimeoutCap: Int = Limits.pollTimeoutDefault,
        joinBurst: Int = 30, joinRefillSeconds: Double = 2,
        messageBurst: Int = 10, messageRefillSeconds: Double = 1,
        awayAfter: TimeInterval = 45, offlineAfter: TimeInterval = 180, presenceInterval: TimeInterval = 5
    ) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.adminToken = adminToken
        self.pollTimeoutCap = pollTimeoutCap
        self.joinBurst = joinBurst
        self.joinRefillSeconds = joinRefillSeconds
        self.messageBurst = messageBurst
        self.messageRefillSeconds = messageRefillSeconds
        self.awayAfter = awayAfter
        self.offlineAfter = offlineAfter
        self.presenceInterval = presenceInterval
    }

    /// `$XDG_DATA_HOME/momentum/momentum.sqlite`, or `~/.local/share/momentum/momentum.sqlite`.
    public static func defaultDatabasePath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        }
        return base + "/momentum/momentum.sqlite"
    }
}
