import Foundation
import SessionModel

/// What one room takes on disk and when it last moved: for the room quota
/// (`--room-quota-mb`), retention (`--retention-days`) and /metrics.
struct RoomUsage: Sendable, Equatable {
    /// Bytes of the room's stored events (their JSON), as the store counts them at start,
    /// then the encoded size of every event folded in.
    var bytes: Int64
    /// The time of the room's last event, or its creation.
    var lastEventAt: Date

    /// Counts events as they are folded in, by their bodies (`AppendBatch.bodies`): the
    /// bytes the store keeps, encoded once per commit.
    mutating func add(_ events: [RoomEvent], bodies: [Data]) {
        bytes += bodies.reduce(0) { $0 + Int64($1.count) }
        if let last = events.last { lastEventAt = max(lastEventAt, last.at) }
    }

    /// The usage of a room being loaded: its stored bytes, and the time of its last event
    /// (read when the snapshot already held it).
    static func read(_ room: StoredRoom, lastReplayed: RoomEvent?, head: Int64, from store: any RoomStore) async throws -> RoomUsage {
        let bytes = try await store.storedBytes(roomId: room.info.id)
        var last = lastReplayed
        if last == nil, head > 0 { last = try await store.events(roomId: room.info.id, after: head - 1, limit: 1).first }
        return RoomUsage(bytes: bytes, lastEventAt: last?.at ?? room.info.createdAt)
    }
}

extension RoomLedger {
    /// The usage of one room this server holds.
    func usage(roomId: String) -> RoomUsage? {
        index.withLock { $0.lines[roomId] }?.usage.withLock { $0 }
    }

    /// The usage of every room this server holds.
    func allUsage() -> [String: RoomUsage] {
        let lines = index.withLock { $0.lines }
        return lines.mapValues { $0.usage.withLock { $0 } }
    }

    /// Retention: deletes the rooms whose last event is older than `cutoff`, with all their
    /// events, messages, tokens and answers. Answers how many rooms and events went.
    func prune(idleBefore cutoff: Date) async throws -> (rooms: Int, events: Int) {
        var rooms = 0, events = 0
        for (id, usage) in allUsage() where usage.lastEventAt < cutoff {
            guard let line = index.withLock({ $0.lines[id] }) else { continue }
            await line.lock.lock()
            defer { line.lock.unlock() }
            // Looked at again under the room's lock: an event may have come meanwhile.
            guard line.usage.withLock({ $0.lastEventAt }) < cutoff else { continue }
            events += try await store.deleteRoom(id: id)
            rooms += 1
            index.withLock { index in
                index.lines[id] = nil
                index.byCode[line.room.code] = nil
                index.credentials = index.credentials.filter { $0.value.roomId != id }
            }
        }
        return (rooms, events)
    }
}
