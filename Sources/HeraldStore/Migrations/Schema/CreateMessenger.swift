/// Direct conversations between staff and members over Telegram and Discord.
///
/// A member has at most one `conversations` row per channel, carrying the unread
/// count and last activity so the inbox lists threads needing attention without
/// scanning messages. `messages` holds each incoming or outgoing message, with the
/// platform's own message id when known and the staff member who sent a reply.
struct CreateMessenger: Migration {
    let version = 5
    let name = "messenger"

    func statements(for d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE conversations (
                id \(d.primaryKey),
                user_id \(d.foreignKey) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                channel TEXT NOT NULL,
                last_message_at \(d.timestamp),
                unread_count INTEGER NOT NULL DEFAULT 0,
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                CONSTRAINT conversations_user_channel_key UNIQUE (user_id, channel),
                CONSTRAINT conversations_channel_check CHECK (channel IN ('telegram', 'discord')),
                CONSTRAINT conversations_unread_count_check CHECK (unread_count >= 0)
            )
            """,
            "CREATE INDEX conversations_unread_idx ON conversations (last_message_at) WHERE unread_count > 0",

            """
            CREATE TABLE messages (
                id \(d.primaryKey),
                conversation_id \(d.foreignKey) NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                direction TEXT NOT NULL,
                body TEXT NOT NULL,
                external_message_id TEXT,
                \(d.boolean("is_read", default: false)),
                sent_by \(d.foreignKey) REFERENCES users(id) ON DELETE SET NULL,
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                CONSTRAINT messages_direction_check CHECK (direction IN ('incoming', 'outgoing')),
                CONSTRAINT messages_body_check CHECK (length(body) <= 4096)
            )
            """,
            "CREATE INDEX messages_conversation_created_idx ON messages (conversation_id, created_at)",
            "CREATE INDEX messages_sent_by_idx ON messages (sent_by)",
        ]
    }
}
