import Foundation
import SessionModel
import Synchronization

/// A store that keeps everything in memory: for tests and `--db :memory:`.
///
/// It follows the same rules as the durable stores (atomic batches, `conflict` on a taken
/// `seq`, `duplicateRequest` on a recorded key), so the conformance suite runs on it too.
final class MemoryRoomStore: RoomStore {
    private struct Contents {
        var rooms: [String: StoredRoom] = [:]
        var roomByCode: [String: String] = [:]
        var events: [String: [RoomEvent]] = [:]
        var messages: [String: [ChatMessage]] = [:]
        var snapshots: [String: RoomState] = [:]
        var requests: [String: [IdempotencyKey: Data]] = [:]
        var credentials: [String: Credential] = [:]
        /// Bytes of each room's event bodies, as a durable store would hold them.
        var bytes: [String: Int64] = [:]
    }

    private let contents = Mutex(Contents())
    private let buckets = TokenBuckets()

    init() {}

    var isShared: Bool { false }

    func createRoom(_ room: StoredRoom) async throws {
        try contents.withLock { contents in
            guard contents.rooms[room.info.id] == nil, contents.roomByCode[room.code] == nil else { throw StoreError.duplicateRoom }
            contents.rooms[room.info.id] = room
            contents.roomByCode[room.code] = room.info.id
            contents.events[room.info.id] = []
        }
    }

    func rooms() async throws -> [StoredRoom] { contents.withLock { Array($0.rooms.values) } }

    func room(id: String) async throws -> StoredRoom? { contents.withLock { $0.rooms[id] } }

    func room(code: String) async throws -> StoredRoom? {
        contents.withLock { contents in contents.roomByCode[code].flatMap { contents.rooms[$0] } }
    }

    func append(
        roomId: String, after: Int64, request: IdempotencyKey?, _ make: @escaping @Sendable (_ missed: [RoomEvent]) throws -> AppendBatch?
    ) async throws {
        try contents.withLock { contents in
            guard let events = contents.events[roomId] else { throw StoreError.unknownRoom(roomId) }
            if let request, contents.requests[roomId]?[request] != nil { throw StoreError.duplicateRequest }
            let head = events.last?.seq ?? 0
            guard after <= head else { throw StoreError.outOfOrder(roomId: roomId, seq: after + 1) }
            // Events are numbered from 1 without a gap, so the one after `after` is at index `after`.
            guard let batch = try make(Array(events[Int(max(0, after))...])) else { return }
            try batch.checkFollows(head: head)
            if let request = batch.request, contents.requests[roomId]?[request.key] != nil {
                throw StoreError.duplicateRequest
            }
            // Checked: now nothing below can fail, so the batch is all or nothing.
            contents.events[roomId, default: []] += batch.events
            contents.bytes[roomId, default: 0] += batch.bodies.reduce(0) { $0 + Int64($1.count) }
            for event in batch.events {
                switch event.kind {
                case .message(let message):
                    contents.messages[roomId, default: []].append(message)
                case .messageDeleted(let id):
                    if let index = contents.messages[roomId]?.firstIndex(where: { $0.id == id }) {
                        contents.messages[roomId]?[index].deleted = true
                        contents.messages[roomId]?[index].text = ""
                    }
                case .joined, .left, .removed, .presence, .handRaised, .handLowered, .allHandsLowered, .floor, .agenda, .muted, .locked, .seatClaimed, .seatGranted, .seatRefused,
                 .questionAsked, .questionAnswered, .pollOpened, .pollVoted, .pollClosed, .pollRevealed, .signal, .signalsCleared,
                 .reaction, .hidden, .unknown, .timer, .dayClosed:
                    break
                }
            }
            if let request = batch.request { contents.requests[roomId, default: [:]][request.key] = request.response }
            if let grant = batch.grant {
                contents.credentials[grant.tokenHash] = Credential(roomId: roomId, participantId: grant.participantId)
            }
            if let revoke = batch.revoke {
                let revoked = Set(revoke.participants)
                for (hash, credential) in contents.credentials where credential.roomId == roomId && revoked.contains(credential.participantId) {
                    contents.credentials[hash]?.revoked = revoke.reason
                }
            }
            if let snapshot = batch.snapshot { contents.snapshots[roomId] = snapshot }
        }
    }

    func events(roomId: String, after seq: Int64, limit: Int) async throws -> [RoomEvent] {
        contents.withLock { contents in
            guard let events = contents.events[roomId] else { return [] }
            // Events are numbered from 1 without a gap, so the one after `seq` is at index `seq`.
            let start = Int(min(max(seq, 0), Int64(events.count)))
            return Array(events[start..<min(events.count, start + limit)])
        }
    }

    func latestSnapshot(roomId: String) async throws -> RoomState? { contents.withLock { $0.snapshots[roomId] } }

    func response(roomId: String, key: IdempotencyKey) async throws -> Data? {
        contents.withLock { $0.requests[roomId]?[key] }
    }

    func credential(tokenHash: String) async throws -> Credential? { contents.withLock { $0.credentials[tokenHash] } }

    func messages(roomId: String, before seq: Int64, limit: Int) async throws -> (messages: [ChatMessage], hasMore: Bool) {
        contents.withLock { contents in
            let older = (contents.messages[roomId] ?? []).filter { $0.seq < seq }
            return (Array(older.suffix(limit)), older.count > limit)
        }
    }

    func message(roomId: String, id: String) async throws -> ChatMessage? {
        contents.withLock { $0.messages[roomId]?.first { $0.id == id } }
    }

    func changes() -> AsyncStream<String?> { AsyncStream { $0.finish() } }

    func takeToken(_ key: String, burst: Int, refillSeconds: Double, now: Date, cost: Double) async throws -> Int? {
        buckets.take(key, burst: burst, refillSeconds: refillSeconds, now: now, cost: cost)
    }

    func shareActivity(_ seen: [String: [String: Date]]) async throws -> [String: [String: Date]] { seen }

    func close() async {}

    func storedBytes(roomId: String) async throws -> Int64 {
        contents.withLock { $0.bytes[roomId] ?? 0 }
    }

    func deleteRoom(id: String) async throws -> Int {
        contents.withLock { contents in
            guard let room = contents.rooms.removeValue(forKey: id) else { return 0 }
            contents.roomByCode[room.code] = nil
            let count = contents.events.removeValue(forKey: id)?.count ?? 0
            contents.bytes[id] = nil
            contents.messages[id] = nil
            contents.snapshots[id] = nil
            contents.requests[id] = nil
            contents.credentials = contents.credentials.filter { $0.value.roomId != id }
            return count
        }
    }
}
