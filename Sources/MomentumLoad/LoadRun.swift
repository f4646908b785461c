import CLoadShim
import Glibc
import Histogram

/// The open-loop run: every member keeps one long-poll open; messages are published on a
/// fixed schedule whatever the server's answers (so a slow server shows as latency, not as
/// a lower rate); latency = arrival - scheduled send time.
final class LoadRun {
    let target: any LoadTarget
    let members: [Member]
    let rooms: Int
    let schedule: LoadSchedule
    let duration: Double
    /// The share of members that drop their connection and reconnect each second.
    let churn: Double
    /// Reconnections made on purpose (churn), not counted as errors.
    private(set) var reconnections = 0
    /// Poll answers received, to tell when the room has settled before measuring.
    private var answers = 0
    private let epoll = load_epoll_create()
    private let timer = load_timer_create()
    private var publishers: [Int32: Publisher] = [:]
    private var idlePublishers: [[Publisher]]
    /// Each room's open publishing connections, at most `publishersPerRoom`.
    private var openPublishers: [Int]
    /// Each room's posts scheduled while all its connections were busy, in order: sent as one
    /// comes free. Their latency counts from their scheduled time, so the wait is measured.
    private var queuedPublishes: [[[UInt8]]]
    /// A saturated server answered posts later than they were scheduled, and a connection was
    /// opened for each: 17,000 at 45,000 deliveries/s, past the descriptor limit, until the
    /// generator could not write its results. Three per room keep a slow server's posts
    /// pipelined without that.
    static let publishersPerRoom = 3
    private var memberByFd: [Int32: Member] = [:]
    private(set) var latency = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
    private(set) var published: [Int]
    private(set) var errors: [String: Int] = [:]
    private(set) var deliveries = 0
    private var serial = 0
    private var start: UInt64 = 0
    private static let timerTag: UInt64 = 1 << 40

    init(target: any LoadTarget, members: [Member], rooms: Int, schedule: LoadSchedule, duration: Double, churn: Double = 0) {
        self.target = target
        self.members = members
        self.rooms = rooms
        self.schedule = schedule
        self.duration = duration
        self.churn = churn
        idlePublishers = Array(repeating: [], count: rooms)
        openPublishers = Array(repeating: 0, count: rooms)
        queuedPublishes = Array(repeating: [], count: rooms)
        published = Array(repeating: 0, count: rooms)
    }

    private func watch(_ fd: Int32, _ events: UInt32, tag: UInt64, modify: Bool = false) {
        _ = load_epoll_watch(epoll, fd, events, tag, modify ? 1 : 0)
    }

    private static let readable = UInt32(LOAD_READABLE), writable = UInt32(LOAD_WRITABLE), broken = UInt32(LOAD_BROKEN)

    /// Ready descriptors: (tag, events).
    private var tags = [UInt64](repeating: 0, count: 1024)
    private var readyEvents = [UInt32](repeating: 0, count: 1024)
    private func wait(_ timeoutMs: Int32) -> Int {
        Int(max(0, load_epoll_wait(epoll, &tags, &readyEvents, 1024, timeoutMs)))
    }

    private func count(_ error: String) { errors[error, default: 0] += 1 }

    // MARK: Members

    private func connect(_ member: Member) {
        guard let fd = Sockets.connect(to: target.port, from: member.source) else { count("connect"); return }
        member.fd = fd
        member.connected = false
        member.buffer.removeAll(keepingCapacity: true)
        memberByFd[fd] = member
        watch(fd, Self.writable | Self.readable, tag: UInt64(fd))
    }

    private func reconnect(_ member: Member, _ why: String) {
        count(why)
        memberByFd[member.fd] = nil
        close(member.fd)
        connect(member)
    }

    private func memberEvent(_ member: Member, _ events: UInt32) {
        if events & Self.broken != 0 && events & Self.readable == 0 { reconnect(member, "connection"); return }
        if !member.connected {
            member.connected = true
            watch(member.fd, Self.readable, tag: UInt64(member.fd), modify: true)
            if !Sockets.send(member.fd, target.pollRequest(member)) { reconnect(member, "write") }
            return
        }
        guard readInto(&member.buffer, member.fd) else { reconnect(member, "closed"); return }
        while let (response, used) = Wire.parse(member.buffer) {
            member.buffer.removeFirst(used)
            let now = Nanos.elapsed
            answers += 1
            guard let texts = target.received(response, by: member) else { count("poll \(response.status)"); continue }
            for text in texts { deliver(text, to: member, at: now) }
            if !Sockets.send(member.fd, target.pollRequest(member)) { reconnect(member, "write"); return }
        }
    }

    /// "L|room|n|scheduled-ns": the room's n-th message, scheduled at that time.
    private func deliver(_ text: String, to member: Member, at now: UInt64) {
        let parts = text.split(separator: "|")
        guard parts.count == 4, parts[0] == "L", let n = Int(parts[2]), let scheduled = UInt64(parts[3]) else { return }
        guard member.record(n) else { return }
        deliveries += 1
        _ = latency.record(now > scheduled ? (now - scheduled) / 1_000 : 0)
    }

    private func readInto(_ buffer: inout [UInt8], _ fd: Int32) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, 16_384) }
            if n > 0 { buffer.append(contentsOf: chunk[0..<n]); if n < 16_384 { return true }; continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return true }
            if n < 0 && errno == EINTR { continue }
            return false
        }
    }

    // MARK: Publishing

    private func publish(room: Int, scheduled: UInt64) {
        serial += 1
        let request = target.publishRequest(room: room, text: "L|\(room)|\(serialInRoom(room))|\(scheduled)", serial: serial)
        if let publisher = idlePublishers[room].popLast() {
            publisher.busy = true
            if !Sockets.send(publisher.fd, request) { count("publish write"); drop(publisher) }
            return
        }
        guard openPublishers[room] < Self.publishersPerRoom else {
            queuedPublishes[room].append(request)
            return
        }
        guard let fd = Sockets.connect(to: target.port, from: Sockets.sourceAddress(200_000 + room)) else { count("publish connect"); return }
        openPublishers[room] += 1
        let publisher = Publisher(room: room, fd: fd)
        publisher.busy = true
        publisher.waiting = request
        publishers[fd] = publisher
        watch(fd, Self.writable | Self.readable, tag: UInt64(fd) | (1 << 32))
    }

    private var nextInRoom: [Int] = []
    private func serialInRoom(_ room: Int) -> Int {
        if nextInRoom.isEmpty { nextInRoom = Array(repeating: 0, count: rooms) }
        defer { nextInRoom[room] += 1 }
        return nextInRoom[room]
    }

    private func drop(_ publisher: Publisher) {
        publishers[publisher.fd] = nil
        openPublishers[publisher.room] -= 1
        close(publisher.fd)
    }

    private func publisherEvent(_ publisher: Publisher, _ events: UInt32) {
        if !publisher.connected {
            if events & Self.broken != 0 { count("publish connect"); drop(publisher); return }
            publisher.connected = true
            watch(publisher.fd, Self.readable, tag: UInt64(publisher.fd) | (1 << 32), modify: true)
            if let request = publisher.waiting, !Sockets.send(publisher.fd, request) { count("publish write"); drop(publisher) }
            publisher.waiting = nil
            return
        }
        guard readInto(&publisher.buffer, publisher.fd) else { count("publish closed"); drop(publisher); return }
        while let (response, used) = Wire.parse(publisher.buffer) {
            publisher.buffer.removeFirst(used)
            if (200..<300).contains(response.status) { published[publisher.room] += 1 } else { count("publish \(response.status)") }
            if !queuedPublishes[publisher.room].isEmpty {
                let request = queuedPublishes[publisher.room].removeFirst()
                if !Sockets.send(publisher.fd, request) { count("publish write"); drop(publisher); return }
                continue
            }
            publisher.busy = false
            idlePublishers[publisher.room].append(publisher)
        }
    }

    // MARK: The loop

    /// Connects every member, publishes for `duration` seconds (or only holds the polls, for
    /// an idle run), then drains for `drain` seconds.
    func run(drain: Double = 3, onMeasuredStart: () -> Void = {}, onMeasuredEnd: () -> Void = {}) {
        for member in members { connect(member) }
        // Let every poll park before the clock starts: until no answer came for a second
        // (members joined minutes before they first poll have their presence to settle, a
        // commit and an answer to their room each), 2 s at least, 120 s at most.
        let settleStart = Nanos.elapsed
        var seen = answers
        while Nanos.elapsed < settleStart + 120_000_000_000 {
            pump(until: Nanos.elapsed + 1_000_000_000)
            if answers == seen, Nanos.elapsed - settleStart >= 2_000_000_000 { break }
            seen = answers
        }
        onMeasuredStart()
        start = Nanos.elapsed
        let end = start + UInt64(duration * 1e9)
        let total = schedule.messages(rooms: rooms, duration: duration)
        watch(timer, Self.readable, tag: Self.timerTag)
        var sent = 0
        var nextChurn = start + Self.churnTick
        if total > 0 { arm(at: start + schedule.offset(of: 0, rooms: rooms)) }
        while sent < total || Nanos.elapsed < end {
            let ready = wait(churn > 0 ? 20 : 100)
            for i in 0..<ready {
                if tags[i] == Self.timerTag {
                    var expirations: UInt64 = 0
                    _ = read(timer, &expirations, 8)
                    let now = Nanos.elapsed
                    while sent < total, start + schedule.offset(of: sent, rooms: rooms) <= now {
                        let scheduled = start + schedule.offset(of: sent, rooms: rooms)
                        publish(room: sent % rooms, scheduled: scheduled)
                        sent += 1
                    }
                    if sent < total { arm(at: start + schedule.offset(of: sent, rooms: rooms)) }
                } else {
                    dispatch(tag: tags[i], events: readyEvents[i])
                }
            }
            if churn > 0, Nanos.elapsed >= nextChurn {
                churnSome()
                nextChurn += Self.churnTick
            }
        }
        onMeasuredEnd()
        pump(until: Nanos.elapsed + UInt64(drain * 1e9))
    }

    private static let churnTick: UInt64 = 100_000_000
    private var churnCursor = 0
    private var churnCredit = 0.0

    /// A tenth of a second's share of members closes its connection and opens a new one,
    /// like laptops dropping off a school's wifi: the poll resumes from the member's cursor.
    private func churnSome() {
        churnCredit += churn * Double(members.count) / 10
        while churnCredit >= 1 {
            churnCredit -= 1
            let member = members[churnCursor % members.count]
            churnCursor += 1
            guard member.fd >= 0 else { continue }
            reconnections += 1
            memberByFd[member.fd] = nil
            close(member.fd)
            connect(member)
        }
    }

    private func arm(at instant: UInt64) {
        _ = load_timer_arm(timer, Nanos.origin + instant)
    }

    private func pump(until deadline: UInt64) {
        while Nanos.elapsed < deadline {
            let ready = wait(50)
            for i in 0..<ready where tags[i] != Self.timerTag { dispatch(tag: tags[i], events: readyEvents[i]) }
        }
    }

    private func dispatch(tag: UInt64, events: UInt32) {
        let fd = Int32(truncatingIfNeeded: tag & 0xFFFF_FFFF)
        if tag & (1 << 32) != 0 {
            if let publisher = publishers[fd] { publisherEvent(publisher, events) }
        } else if let member = memberByFd[fd] {
            memberEvent(member, events)
        }
    }

    /// Messages the members should have had and did not, after the drain.
    var lost: Int {
        members.reduce(0) { $0 + max(0, published[$1.room] - $1.received) }
    }

    var duplicates: Int { members.reduce(0) { $0 + $1.duplicates } }
}
