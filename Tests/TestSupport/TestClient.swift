public import Foundation
public import SessionClient
public import SessionModel
import Synchronization

/// A real client over libcurl, as the app will run one: a long-poll stream and an outbox,
/// recording everything the stream delivered.
public final class TestClient: Sendable {
    public let name: String
    public let api: SessionAPI
    public let sender: OutboxSender
    private let engine: CurlEngine
    private let recorded = Mutex(Record())
    private let task = Mutex<Task<Void, Never>?>(nil)

    public struct Record: Sendable {
        public var joined: JoinResponse?
        public var state: RoomState?
        /// Every event the stream applied, in the order it applied them.
        public var events: [RoomEvent] = []
        public var statuses: [ConnectionStatus] = []
        public var reloads = 0
    }

    public init(url: String, name: String, fastRetries: Bool = true) {
        self.name = name
        engine = CurlEngine()
        api = SessionAPI(baseURL: url, transport: engine)
        let backoff = fastRetries ? Backoff(base: 0.1, cap: 0.5) : Backoff()
        sender = OutboxSender(api: api, backoff: backoff)
    }

    /// Joins and keeps the stream running until `stop()`.
    public func start(code: String, moderatorKey: String? = nil) {
        let request = JoinRequest(code: code, name: name, moderatorKey: moderatorKey)
        let stream = RoomStream(machine: LongPoll(join: request, backoff: Backoff(base: 0.1, cap: 0.5)), api: api) { [weak self] action in
            self?.handle(action)
        }
        task.withLock { $0 = Task { await stream.run() } }
    }

    private func handle(_ action: LongPoll.Action) {
        let sender = self.sender
            recorded.withLock { record in
                switch action {
                case .joinedRoom(let response):
                    record.joined = response
                    Task { await sender.setCredentials(response.credentials) }
                case .update(let state, let events, let reloaded):
                    record.state = state
                    record.events.append(contentsOf: events)
                    if reloaded { record.reloads += 1 }
                case .status(let status):
                    record.statuses.append(status)
                default:
                    break
                }
            }
    }

    public var record: Record { recorded.withLock { $0 } }
    public var state: RoomState? { record.state }
    public var me: Participant? { record.joined?.participant }
    public var credentials: RoomCredentials? { record.joined?.credentials }

    public func stop() async {
        let running = task.withLock { $0 }
        running?.cancel()
        await running?.value
        engine.shutdown()
    }
}
