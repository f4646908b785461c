import Foundation
import Logging
import PostgresNIO
import SessionModel

/// Reads, and what several servers share besides the events: join-attempt buckets and
/// long-poll sightings.
extension PostgresRoomStore {
    // MARK: Reading

    func events(roomId: String, after seq: Int64, limit: Int) async throws -> [RoomEvent] {
        try await run {
            let rows = try await client.query(
                "SELECT body FROM event WHERE room_id = \(roomId) AND seq > \(seq) ORDER BY seq LIMIT \(limit)", logger: logger)
            let decoder = WireCoding.decoder()
            var events: [RoomEvent] = []
            for try await (body) in rows.decode(String.self) { events.append(try decoder.decode(RoomEvent.self, from: Data(body.utf8))) }
            return events
        }
    }

    func latestSnapshot(roomId: String) async throws -> RoomState? {
        try await run {
            let rows = try await client.query(
                "SELECT body FROM snapshot WHERE room_id = \(roomId) ORDER BY seq DESC LIMIT 1", logger: logger)
            for try await (body) in rows.decode(String.self) { return try WireCoding.decoder().decode(RoomState.self, from: Data(body.utf8)) }
            return nil
        }
    }

    func response(roomId: String, key: IdempotencyKey) async throws -> Data? {
        try await run {
            let rows = try await client.query(
                "SELECT response FROM request WHERE room_id = \(roomId) AND participant_id = \(key.participantId) AND key = \(key.key)",
                logger: logger)
            for try await (response) in rows.decode(String.self) { return Data(response.utf8) }
            return nil
        }
    }

    func credential(tokenHash: String) async throws -> Credential? {
        try await run {
            let rows = try await client.query("SELECT room_id, participant_id, revoked FROM token WHERE hash = \(tokenHash)", logger: logger)
            for try await (room, participant, revoked) in rows.decode((String, String, String?).self) {
                return Credential(roomId: room, participantId: participant, revoked: revoked)
            }
            return nil
        }
    }

    func messages(roomId: String, before seq: Int64, limit: Int) async throws -> (messages: [ChatMessage], hasMore: Bool) {
        try await run {
            let rows = try await client.query(
                """
                SELECT event.body, message.deleted FROM message JOIN event ON event.room_id = message.room_id AND event.seq = message.seq
                WHERE message.room_id = \(roomId) AND message.seq < \(seq) ORDER BY message.seq DESC LIMIT \(limit + 1)
                """, logger: logger)
            let decoder = WireCoding.decoder()
            var page: [ChatMessage] = []
            for try await (body, deleted) in rows.decode((String, Bool).self) {
                page.append(try StoredMessage.decode(event: Data(body.utf8), deleted: deleted, decoder: decoder))
            }
            let more = page.count > limit
            return (Array(page.prefix(limit).reversed()), more)
        }
    }

    func message(roomId: String, id: String) async throws -> ChatMessage? {
        try await run {
            let rows = try await client.query(
                """
                SELECT event.body, message.deleted FROM message JOIN event ON event.room_id = message.room_id AND event.seq = message.seq
                WHERE message.room_id = \(roomId) AND message.id = \(id)
                """, logger: logger)
            for try await (body, deleted) in rows.decode((String, Bool).self) {
                return try StoredMessage.decode(event: Data(body.utf8), deleted: deleted, decoder: WireCoding.decoder())
            }
            return nil
        }
    }

    // MARK: Shared limits and presence

    func takeToken(_ key: String, burst: Int, refillSeconds: Double, now: Date, cost: Double) async throws -> Int? {
        let at = now.timeIntervalSince1970
        let full = Double(burst)
        return try await run {
            // One statement: refill by the time elapsed, take a token if there is one, say whether there was.
            let rows = try await client.query("""
                INSERT INTO rate_bucket AS b (key, tokens, updated, allowed) VALUES (\(key), \(full - cost), \(at), true)
                ON CONFLICT (key) DO UPDATE SET
                    allowed = LEAST(\(full), b.tokens + GREATEST(0, \(at) - b.updated) / \(refillSeconds)) >= 1,
                    tokens = LEAST(\(full), b.tokens + GREATEST(0, \(at) - b.updated) / \(refillSeconds))
                        - CASE WHEN LEAST(\(full), b.tokens + GREATEST(0, \(at) - b.updated) / \(refillSeconds)) >= 1 THEN \(cost) ELSE 0 END,
                    updated = \(at)
                RETURNING allowed, tokens
                """, logger: logger)
            for try await (allowed, tokens) in rows.decode((Bool, Double).self) {
                return allowed ? nil : max(1, Int(((1 - tokens) * refillSeconds).rounded(.up)))
            }
            return nil
        }
    }

    func shareActivity(_ seen: [String: [String: Date]]) async throws -> [String: [String: Date]] {
        var rooms: [String] = [], participants: [String] = [], times: [Double] = []
        for (room, people) in seen {
            for (participant, at) in people {
                rooms.append(room)
                participants.append(participant)
                times.append(at.timeIntervalSince1970)
            }
        }
        return try await run {
            if !rooms.isEmpty {
                try await client.query("""
                    INSERT INTO activity (room_id, participant_id, last_seen)
                    SELECT * FROM UNNEST(\(rooms)::text[], \(participants)::text[], \(times)::float8[])
                    ON CONFLICT (room_id, participant_id) DO UPDATE SET last_seen = GREATEST(activity.last_seen, EXCLUDED.last_seen)
                    """, logger: logger)
            }
            var merged: [String: [String: Date]] = [:]
            // Sightings older than an hour decide nothing (offline comes after minutes).
            let since = Date().timeIntervalSince1970 - 3_600
            let rows = try await client.query("SELECT room_id, participant_id, last_seen FROM activity WHERE last_seen > \(since)", logger: logger)
            for try await (room, participant, at) in rows.decode((String, String, Double).self) {
                merged[room, default: [:]][participant] = Date(timeIntervalSince1970: at)
            }
            return merged
        }
    }
}
