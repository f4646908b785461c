import Foundation
public import SessionModel

/// Sends an `Outbox` in order over the API, retrying passing failures with backoff.
///
/// Every kind of change goes through the same queue, so a moderation pressed during a
/// network drop is sent when the server answers again, after what was asked before it.
public actor OutboxSender {
    public private(set) var outbox = Outbox()
    private let api: SessionAPI
    private let sleeper: any Sleeper
    private let backoff: Backoff
    private let random: @Sendable () -> Double
    private let changed: @Sendable (Outbox) -> Void
    private var credentials: RoomCredentials?
    private var pumping = false

    public init(
        api: SessionAPI, credentials: RoomCredentials? = nil, sleeper: any Sleeper = ContinuousSleeper(),
        backoff: Backoff = Backoff(base: 0.5, cap: 15),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        changed: @escaping @Sendable (Outbox) -> Void = { _ in }
    ) {
        self.api = api
        self.credentials = credentials
        self.sleeper = sleeper
        self.backoff = backoff
        self.random = random
        self.changed = changed
    }

    /// Whether credentials were given, so that sends can go out.
    public var isJoined: Bool { credentials != nil }

    /// Sends start once the room is joined.
    public func setCredentials(_ credentials: RoomCredentials) {
        self.credentials = credentials
        startPumping()
    }

    /// Stops sending: the item in flight finishes, nothing more goes out.
    public func stop() {
        credentials = nil
    }

    /// Queues a send; returns its `clientId`.
    @discardableResult
    public func enqueue(_ kind: Outbox.Kind) -> String {
        enqueue(kind, clientId: UUID().uuidString.lowercased())
    }

    /// Queues a send with a `clientId` chosen by the caller (who may show it as pending first).
    @discardableResult
    public func enqueue(_ kind: Outbox.Kind, clientId: String) -> String {
        let id = outbox.enqueue(kind, clientId: clientId)
        changed(outbox)
        startPumping()
        return id
    }

    public func retry(_ id: String) {
        outbox.retry(id)
        changed(outbox)
        startPumping()
    }

    public func remove(_ id: String) {
        outbox.remove(id)
        changed(outbox)
    }

    /// Waits until nothing is pending or in flight (for tests and for a clean quit), or the
    /// waiting task is cancelled.
    public func drained() async {
        while pumping || outbox.items.contains(where: { $0.status == .pending || $0.status == .sending }) {
            if credentials == nil || Task.isCancelled { return }
            try? await sleeper.sleep(seconds: 0.02)
        }
    }

    private func startPumping() {
        guard !pumping, credentials != nil else { return }
        pumping = true
        Task { await self.pump() }
    }

    private func pump() async {
        defer { pumping = false }
        var failuresInARow = 0
        while let credentials, let item = outbox.next() {
            changed(outbox)
            do {
                switch item.kind {
                case .message(let text):
                    let response = try await api.postMessage(credentials, PostMessageRequest(text: text, clientId: item.id))
                    outbox.sent(item.id, messageId: response.message.id)
                case .hand(let raised):
                    _ = try await api.setHand(credentials, HandRequest(raised: raised, clientId: item.id))
                    outbox.sent(item.id)
                case .moderation(let action, let request):
                    _ = try await api.moderate(credentials, action, request, clientId: item.id)
                    outbox.sent(item.id)
                case .engage(let change):
                    _ = try await api.engage(credentials, change, clientId: item.id)
                    outbox.sent(item.id)
                }
                failuresInARow = 0
                changed(outbox)
            } catch {
                if error.isTransient {
                    failuresInARow += 1
                    outbox.failedForNow(item.id, reason: error.description, code: error.code)
                    changed(outbox)
                    var wait = backoff.delay(attempt: failuresInARow, jitter: random())
                    if case .server(_, _, _, let retryAfter?) = error { wait = max(wait, Double(retryAfter)) }
                    do { try await sleeper.sleep(seconds: wait) } catch { return }
                } else {
                    outbox.refused(item.id, error: error)
                    changed(outbox)
                }
            }
            if Task.isCancelled { return }
        }
    }
}
