import Logging
import PostgresNIO

/// The PostgreSQL tables, applied at start in order and recorded in `momentum_migration`.
///
/// Two servers starting at once take an advisory lock first, so each migration runs once.
enum PostgresSchema {
    static let migrations: [(version: Int, name: String, sql: [PostgresQuery])] = [
        (1, "rooms, events, messages, tokens, requests", [
            """
            CREATE TABLE room (
                id text PRIMARY KEY,
                code text NOT NULL,
                moderator_key_hash text NOT NULL,
                info text NOT NULL,
                agenda text NOT NULL,
                CONSTRAINT room_code_key UNIQUE (code)
            )
            """,
            """
            CREATE TABLE event (
                room_id text NOT NULL REFERENCES room (id),
                seq bigint NOT NULL,
                body text NOT NULL,
                CONSTRAINT event_pkey PRIMARY KEY (room_id, seq)
            )
            """,
            """
            CREATE TABLE message (
                room_id text NOT NULL,
                seq bigint NOT NULL,
                id text NOT NULL,
                body text NOT NULL,
                PRIMARY KEY (room_id, seq)
            )
            """,
            "CREATE UNIQUE INDEX message_by_id ON message (room_id, id)",
            """
            CREATE TABLE token (
                hash text PRIMARY KEY,
                room_id text NOT NULL,
                participant_id text NOT NULL,
                revoked text
            )
            """,
            "CREATE INDEX token_by_participant ON token (room_id, participant_id)",
            """
            CREATE TABLE request (
                room_id text NOT NULL,
                participant_id text NOT NULL,
                key text NOT NULL,
                response text NOT NULL,
                CONSTRAINT request_pkey PRIMARY KEY (room_id, participant_id, key)
            )
            """,
        ]),
        (2, "snapshots, shared presence and rate limits", [
            """
            CREATE TABLE snapshot (
                room_id text NOT NULL,
                seq bigint NOT NULL,
                body text NOT NULL,
                PRIMARY KEY (room_id, seq)
            )
            """,
            """
            CREATE TABLE activity (
                room_id text NOT NULL,
                participant_id text NOT NULL,
                last_seen double precision NOT NULL,
                PRIMARY KEY (room_id, participant_id)
            )
            """,
            """
            CREATE TABLE rate_bucket (
                key text PRIMARY KEY,
                tokens double precision NOT NULL,
                updated double precision NOT NULL,
                allowed boolean NOT NULL
            )
            """,
        ]),
        // A message was stored three times (its event, the message table, the answer kept for
        // its clientId): now once, in its event (`StoredMessage`, `StoredMessageAnswer`).
        (3, "messages stored once", [
            "ALTER TABLE message ADD COLUMN deleted boolean NOT NULL DEFAULT false",
            "UPDATE message SET deleted = COALESCE((body::jsonb ->> 'deleted')::boolean, false)",
            "ALTER TABLE message DROP COLUMN body",
            """
            UPDATE request SET response = json_build_object('messageSeq', (response::jsonb -> 'message' ->> 'seq')::bigint)::text
            WHERE key LIKE 'message:%' AND response::jsonb ? 'message'
            """,
        ]),
    ]

    /// The newest version this build knows.
    static var latest: Int { migrations.last?.version ?? 0 }

    /// Applies every migration the database lacks; refuses a database newer than this build.
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(7391001)", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS momentum_migration (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                logger: logger)
            var current = 0
            let rows = try await connection.query("SELECT COALESCE(MAX(version), 0)::bigint FROM momentum_migration", logger: logger)
            for try await (version) in rows.decode(Int64.self) { current = Int(version) }
            guard current <= latest else {
                throw StoreError.unavailable("the database has schema version \(current), newer than this server's \(latest): upgrade momentum")
            }
            for migration in migrations where migration.version > current {
                for statement in migration.sql { try await connection.query(statement, logger: logger) }
                try await connection.query(
                    "INSERT INTO momentum_migration (version, name) VALUES (\(migration.version), \(migration.name))", logger: logger)
                logger.info("database migrated to version \(migration.version): \(migration.name)")
            }
        }
    }
}
