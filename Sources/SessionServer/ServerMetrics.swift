import Prometheus
import Synchronization

/// The server's Prometheus metrics, served as text on `/metrics`.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let rooms: Gauge
    let participants: Gauge
    let openPolls: Gauge
    let eventsAppended: Counter
    let joins: Counter
    let messages: Counter
    let seatClaims: Counter
    /// Joins answered 429 because the server's wrong-code budget was spent: guessing.
    let joinsHeldBack: Counter
    /// Bytes of stored events, all rooms this server holds, and the largest room's.
    let storedBytes: Gauge
    let largestRoomBytes: Gauge
    /// Messages refused because their room's quota was reached.
    let messagesOverQuota: Counter
    /// Rooms and events deleted by retention.
    let roomsPruned: Counter
    let eventsPruned: Counter
    private let latencies = Mutex([String: DurationHistogram]())

    init() {
        rooms = registry.makeGauge(descriptor: Self.name("rooms", "", "Rooms this server holds."))
        participants = registry.makeGauge(descriptor: Self.name("participants", "", "Participants present in a room."))
        openPolls = registry.makeGauge(descriptor: Self.name("open_long_polls", "", "Long-polls being held now."))
        eventsAppended = registry.makeCounter(descriptor: Self.name("events_appended", "total", "Room events committed."))
        joins = registry.makeCounter(descriptor: Self.name("joins", "total", "Successful joins."))
        messages = registry.makeCounter(descriptor: Self.name("messages", "total", "Chat messages posted."))
        seatClaims = registry.makeCounter(descriptor: Self.name("seat_claims", "total", "Seats of offline learners asked for from another machine."))
        joinsHeldBack = registry.makeCounter(descriptor: Self.name("joins_held_back", "total", "Joins held back while the server's wrong-code budget was spent."))
        storedBytes = registry.makeGauge(descriptor: Self.name("stored", "bytes", "Bytes of stored room events, all rooms this server holds."))
        largestRoomBytes = registry.makeGauge(descriptor: Self.name("largest_room_stored", "bytes", "Bytes of stored events of the largest room."))
        messagesOverQuota = registry.makeCounter(descriptor: Self.name("messages_over_quota", "total", "Messages refused because their room's storage quota was reached."))
        roomsPruned = registry.makeCounter(descriptor: Self.name("rooms_pruned", "total", "Rooms deleted by retention."))
        eventsPruned = registry.makeCounter(descriptor: Self.name("events_pruned", "total", "Events deleted with rooms by retention."))
    }

    private static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "momentum", metricName: metric, unitName: unit, helpText: help)
    }

    private static let buckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5),
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5), .seconds(30),
    ]

    /// Records how long a request to `route` took, by route and status class.
    func recordLatency(route: String, status: Int, duration: Duration) {
        histogram(route: route, status: status).record(duration)
    }

    /// The histogram of `route`'s answers of `status`'s class, made on first use; the
    /// long-poll's fast path keeps its own to record without the table's lock.
    func histogram(route: String, status: Int) -> DurationHistogram {
        let key = route + " " + String(status / 100) + "xx"
        return latencies.withLock { table in
            if let existing = table[key] { return existing }
            let made = registry.makeDurationHistogram(
                descriptor: Self.name("request_duration", "seconds", "Time to answer a request, long-poll holds included."),
                labels: [("route", route), ("status", String(status / 100) + "xx")],
                buckets: Self.buckets)
            table[key] = made
            return made
        }
    }

    func text() -> String { registry.emitToString() }
}
