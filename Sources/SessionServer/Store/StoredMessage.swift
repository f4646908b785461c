import Foundation
import SessionModel

/// A chat message is stored once, in the event that posted it. The message table is an
/// index into the events, `(room_id, seq, id, deleted)`, for history pages and deletion;
/// the answer remembered for a post's `clientId` is `StoredMessageAnswer`, the event's
/// `seq`. A message of 8 KB used to be written three times.
enum StoredMessage {
    /// The message in an event's stored body, as history shows it: emptied once deleted.
    static func decode(event body: Data, deleted: Bool, decoder: JSONDecoder) throws -> ChatMessage {
        let event = try decoder.decode(RoomEvent.self, from: body)
        guard case .message(var message) = event.kind else {
            throw StoreError.corrupt("event \(event.seq) is indexed as a message but is not one")
        }
        if deleted {
            message.deleted = true
            message.text = ""
        }
        return message
    }
}

/// What the request table keeps for `POST .../messages`: the posting event's `seq`. A retry
/// gets the message rebuilt from that event (`SessionService.replayedPost`).
struct StoredMessageAnswer: Codable, Sendable, Equatable {
    var messageSeq: Int64
}
