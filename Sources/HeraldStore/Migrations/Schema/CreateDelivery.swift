/// Reliable delivery in both directions.
///
/// `inbox_events` records every webhook or bot update received, keyed by
/// (source, event_id) so a redelivery is recognised and processed once, with the
/// raw body kept verbatim for replay. `endpoints` are outgoing webhook targets with
/// their encrypted signing secret. `outbox` is the queue of messages to send
/// (Discord, Telegram, webhooks): a worker leases due rows, retries with backoff
/// until delivered or dead, and an idempotency key stops the same notification
/// being queued twice. `delivery_attempts` keeps each try's outcome for debugging.
struct CreateDelivery: Migration {
    let version = 6
    let name = "delivery"

    func statements(for d: SchemaDialect) -> [String] {
        let double = d.kind == .postgres ? "DOUBLE PRECISION" : "REAL"
        return [
            """
            CREATE TABLE inbox_events (
                id \(d.primaryKey),
                source TEXT NOT NULL,
                event_id TEXT NOT NULL,
                type TEXT,
                payload TEXT NOT NULL,
                received_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                status TEXT NOT NULL,
                error TEXT,
                processed_at \(d.timestamp),
                attempts INTEGER NOT NULL DEFAULT 1,
                CONSTRAINT inbox_events_source_event_id_key UNIQUE (source, event_id),
                CONSTRAINT inbox_events_status_check CHECK (status IN ('processed', 'ignored', 'failed'))
            )
            """,
            "CREATE INDEX inbox_events_failed_idx ON inbox_events (received_at) WHERE status = 'failed'",

            """
            CREATE TABLE endpoints (
                id \(d.primaryKey),
                url TEXT NOT NULL,
                secret_encrypted \(d.bytes) NOT NULL,
                \(d.json("event_filter", defaultValue: "[]")),
                \(d.boolean("enabled", default: true)),
                rate_per_second \(double),
                description TEXT,
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                updated_at \(d.timestamp) NOT NULL DEFAULT \(d.now)
            )
            """,

            """
            CREATE TABLE outbox (
                id \(d.primaryKey),
                channel TEXT NOT NULL,
                destination TEXT NOT NULL,
                template TEXT,
                locale TEXT,
                \(d.json("data", nullable: true)),
                body TEXT,
                endpoint_id \(d.foreignKey) REFERENCES endpoints(id) ON DELETE SET NULL,
                idempotency_key TEXT,
                status TEXT NOT NULL DEFAULT 'pending',
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                lease_until \(d.timestamp),
                last_status_code INTEGER,
                last_error TEXT,
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                delivered_at \(d.timestamp),
                CONSTRAINT outbox_idempotency_key_key UNIQUE (idempotency_key),
                CONSTRAINT outbox_channel_check CHECK (channel IN (
                    'discord.dm', 'discord.message', 'discord.role', 'discord.followup',
                    'telegram.message', 'webhook'
                )),
                CONSTRAINT outbox_content_check CHECK (template IS NOT NULL OR body IS NOT NULL),
                CONSTRAINT outbox_status_check
                    CHECK (status IN ('pending', 'sending', 'retrying', 'delivered', 'dead')),
                CONSTRAINT outbox_attempts_check CHECK (attempts >= 0)
            )
            """,
            "CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status IN ('pending', 'retrying')",
            "CREATE INDEX outbox_leased_idx ON outbox (lease_until) WHERE status = 'sending'",
            "CREATE INDEX outbox_endpoint_id_idx ON outbox (endpoint_id)",

            """
            CREATE TABLE delivery_attempts (
                id \(d.primaryKey),
                outbox_id \(d.foreignKey) NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
                attempt INTEGER NOT NULL,
                status_code INTEGER,
                latency_ms INTEGER,
                error TEXT,
                attempted_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                CONSTRAINT delivery_attempts_attempt_check CHECK (attempt >= 1)
            )
            """,
            "CREATE INDEX delivery_attempts_outbox_attempt_idx ON delivery_attempts (outbox_id, attempt)",
        ]
    }
}
