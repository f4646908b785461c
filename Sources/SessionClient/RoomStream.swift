public import SessionModel

/// Drives a `LongPoll` with real requests: the thin I/O shell around the state machine.
///
/// `run()` returns when the stream ends (removed, left, refused) or its task is cancelled;
/// every action meant for the app goes to `deliver`, in order, on the stream's task.
public actor RoomStream {
    private var machine: LongPoll
    private let api: SessionAPI
    private let sleeper: any Sleeper
    private let random: @Sendable () -> Double
    private let deliver: @Sendable (LongPoll.Action) -> Void
    private var credentials: RoomCredentials?

    public init(
        machine: LongPoll, api: SessionAPI, credentials: RoomCredentials? = nil,
        sleeper: any Sleeper = ContinuousSleeper(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        deliver: @escaping @Sendable (LongPoll.Action) -> Void
    ) {
        self.machine = machine
        self.api = api
        self.credentials = credentials
        self.sleeper = sleeper
        self.random = random
        self.deliver = deliver
    }

    public var status: ConnectionStatus { machine.status }

    public func run() async {
        var pending = machine.handle(.start)
        while !pending.isEmpty {
            if Task.isCancelled {
                pending = machine.handle(.stop)
                pending.forEach(deliver)
                return
            }
            let action = pending.removeFirst()
            switch action {
            case .join(let request):
                do {
                    switch try await api.enter(request) {
                    case .joined(let response):
                        credentials = RoomCredentials(roomId: response.room.id, token: response.token)
                        pending += machine.handle(.joined(response))
                    case .claimed(let ticket):
                        pending += machine.handle(.claimed(ticket))
                    }
                } catch {
                    pending += machine.handle(.failed(error, jitter: random()))
                }
            case .pollClaim(let ticket, let timeout):
                do {
                    let answer = try await api.claim(ticket, timeout: timeout)
                    if let join = answer.join { credentials = RoomCredentials(roomId: join.room.id, token: join.token) }
                    pending += machine.handle(.claimAnswered(answer))
                } catch {
                    pending += machine.handle(.failed(error, jitter: random()))
                }
            case .poll(let cursor, let timeout):
                guard let credentials else { pending += machine.handle(.stop); continue }
                do {
                    pending += machine.handle(.polled(try await api.events(credentials, after: cursor, timeout: timeout)))
                } catch {
                    pending += machine.handle(.failed(error, jitter: random()))
                }
            case .reload:
                guard let credentials else { pending += machine.handle(.stop); continue }
                do {
                    pending += machine.handle(.reloaded(try await api.state(credentials)))
                } catch {
                    pending += machine.handle(.failed(error, jitter: random()))
                }
            case .wait(let seconds):
                do {
                    try await sleeper.sleep(seconds: seconds)
                    pending += machine.handle(.timerFired)
                } catch {
                    pending += machine.handle(.stop)
                }
            case .joinedRoom, .update, .status, .seatClaim:
                deliver(action)
            }
        }
    }
}
