import Foundation
import GRDB
import SessionModel

extension SQLiteRoomStore {
    /// Migration v4: a message was stored three times (its event, the message table, the
    /// answer kept for its `clientId`); now once, in its event. The message table keeps
    /// `(room_id, seq, id, deleted)` and a post's kept answer becomes `StoredMessageAnswer`.
    static func storeMessagesOnce(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE message_index (
                room_id TEXT NOT NULL,
                seq INTEGER NOT NULL,
                id TEXT NOT NULL,
                deleted INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (room_id, seq)
            ) WITHOUT ROWID;
            """)
        let decoder = WireCoding.decoder()
        let encoder = WireCoding.encoder()
        let messages = try Row.fetchCursor(db, sql: "SELECT room_id, seq, id, body FROM message")
        while let row = try messages.next() {
            let message = try decoder.decode(ChatMessage.self, from: row["body"] as Data)
            try db.execute(
                sql: "INSERT INTO message_index (room_id, seq, id, deleted) VALUES (?, ?, ?, ?)",
                arguments: [row["room_id"] as String, row["seq"] as Int64, row["id"] as String, message.deleted])
        }
        try db.execute(sql: """
            DROP TABLE message;
            ALTER TABLE message_index RENAME TO message;
            CREATE UNIQUE INDEX message_by_id ON message (room_id, id);
            """)
        let posts = try Row.fetchAll(db, sql: "SELECT room_id, participant_id, key, response FROM request WHERE key LIKE 'message:%'")
        for row in posts {
            guard let answer = try? decoder.decode(PostMessageResponse.self, from: row["response"] as Data) else { continue }
            try db.execute(
                sql: "UPDATE request SET response = ? WHERE room_id = ? AND participant_id = ? AND key = ?",
                arguments: [try encoder.encode(StoredMessageAnswer(messageSeq: answer.message.seq)),
                            row["room_id"] as String, row["participant_id"] as String, row["key"] as String])
        }
    }
}
