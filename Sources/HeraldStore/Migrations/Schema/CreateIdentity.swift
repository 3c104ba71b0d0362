/// Members and the ways they prove who they are.
///
/// `users` is the one row per member that every other table hangs off; a member
/// may arrive through Discord OAuth, Telegram, or an email, and the per-platform
/// ids are unique so a login or a bot update resolves to exactly one member.
/// `api_keys` authenticates programs (only the SHA-256 of a key is stored),
/// `audit_log` records who changed what, `oauth_states` carries the CSRF state of
/// an OAuth round trip, and `link_codes` lets a member prove they also own an
/// account on the other platform so both can be joined into one member.
struct CreateIdentity: Migration {
    let version = 1
    let name = "identity"

    func statements(for d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE users (
                id \(d.primaryKey),
                display_name TEXT,
                email TEXT,
                discord_id TEXT,
                discord_username TEXT,
                discord_avatar TEXT,
                discord_access_token \(d.bytes),
                discord_refresh_token \(d.bytes),
                discord_token_expires_at \(d.timestamp),
                telegram_id \(d.bigint),
                telegram_username TEXT,
                first_name TEXT,
                last_name TEXT,
                avatar_url TEXT,
                locale TEXT NOT NULL DEFAULT 'en',
                \(d.boolean("is_admin", default: false)),
                \(d.boolean("is_paid", default: false)),
                \(d.json("notification_opt_outs", defaultValue: "[]")),
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                updated_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                CONSTRAINT users_email_key UNIQUE (email),
                CONSTRAINT users_discord_id_key UNIQUE (discord_id),
                CONSTRAINT users_telegram_id_key UNIQUE (telegram_id),
                CONSTRAINT users_locale_check CHECK (length(locale) BETWEEN 2 AND 16)
            )
            """,

            """
            CREATE TABLE api_keys (
                id \(d.primaryKey),
                key_hash TEXT NOT NULL,
                label TEXT NOT NULL,
                \(d.json("scopes", defaultValue: "[]")),
                user_id \(d.foreignKey) REFERENCES users(id) ON DELETE CASCADE,
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                last_used_at \(d.timestamp),
                revoked_at \(d.timestamp),
                CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash)
            )
            """,
            "CREATE INDEX api_keys_user_id_idx ON api_keys (user_id)",

            """
            CREATE TABLE audit_log (
                id \(d.primaryKey),
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                target TEXT,
                \(d.json("details")),
                at \(d.timestamp) NOT NULL DEFAULT \(d.now)
            )
            """,
            "CREATE INDEX audit_log_target_idx ON audit_log (target)",
            "CREATE INDEX audit_log_at_idx ON audit_log (at)",

            """
            CREATE TABLE oauth_states (
                id \(d.primaryKey),
                state TEXT NOT NULL,
                provider TEXT NOT NULL,
                user_id \(d.foreignKey) REFERENCES users(id) ON DELETE CASCADE,
                redirect_after TEXT,
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                expires_at \(d.timestamp) NOT NULL,
                used_at \(d.timestamp),
                CONSTRAINT oauth_states_state_key UNIQUE (state)
            )
            """,
            "CREATE INDEX oauth_states_user_id_idx ON oauth_states (user_id)",
            "CREATE INDEX oauth_states_expires_at_idx ON oauth_states (expires_at)",

            """
            CREATE TABLE link_codes (
                id \(d.primaryKey),
                code TEXT NOT NULL,
                user_id \(d.foreignKey) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                platform TEXT NOT NULL,
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                expires_at \(d.timestamp) NOT NULL,
                used_at \(d.timestamp),
                CONSTRAINT link_codes_code_key UNIQUE (code),
                CONSTRAINT link_codes_platform_check CHECK (platform IN ('discord', 'telegram'))
            )
            """,
            "CREATE INDEX link_codes_user_id_idx ON link_codes (user_id)",
        ]
    }
}
