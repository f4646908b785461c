import Foundation
import NIOCore
import SessionModel

/// A long-poll answer, `{"cursor":"c…","events":[…]}`, built from events encoded once.
///
/// Each public event is encoded when it is committed and its bytes are kept in the hub's
/// window; an answer is those bytes between brackets. Before, every answer ran Foundation's
/// `JSONEncoder` over its events again. The bytes equal `JSONEncoder`'s for the same
/// `EventsResponse` (sorted keys: "cursor" comes before "events"), which a test checks.
enum EventBatch {
    /// One event as JSON, as `WireCoding` writes it.
    static func bytes(of event: RoomEvent) -> [UInt8] {
        // Encoding our own value types cannot fail.
        (try? WireCoding.encoder().encode(event)).map { Array($0) } ?? []
    }

    /// The bytes of each event, for the events every viewer sees alike; nil for the others.
    /// `bodies` are the events as the store keeps them (`AppendBatch.bodies`), written by the
    /// same `WireCoding` encoder as `bytes(of:)`: a public event is sent as it is stored.
    static func publicBytes(of events: [RoomEvent], bodies: [Data]) -> [[UInt8]?] {
        guard bodies.count == events.count else { return events.map { $0.isPublic ? bytes(of: $0) : nil } }
        return zip(events, bodies).map { $0.isPublic ? Array($1) : nil }
    }

    /// The answer for `viewer`: cached bytes where there are some, the event as `viewer` may
    /// see it (privacy: `RoomEvent.seen(by:)`) encoded now where there are none.
    static func answer(_ events: some Collection<RoomEvent>, bytes cached: ArraySlice<[UInt8]?>? = nil, cursor: Int64, for viewer: Viewer) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: 32 + (cached?.reduce(0) { $0 + ($1?.count ?? 256) } ?? events.count * 256))
        buffer.writeString("{\"cursor\":\"")
        buffer.writeString(Cursor.make(cursor))
        buffer.writeString("\",\"events\":[")
        for (offset, event) in events.enumerated() {
            if offset > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
            if let cached, let known = cached[cached.startIndex + offset] {
                buffer.writeBytes(known)
            } else {
                buffer.writeBytes(self.bytes(of: event.isPublic ? event : event.seen(by: viewer)))
            }
        }
        buffer.writeString("]}")
        return buffer
    }

    /// An answer with no event: the heartbeat, or a poll answered early.
    static func empty(cursor: Int64) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: 40)
        buffer.writeString("{\"cursor\":\"")
        buffer.writeString(Cursor.make(cursor))
        buffer.writeString("\",\"events\":[]}")
        return buffer
    }
}
