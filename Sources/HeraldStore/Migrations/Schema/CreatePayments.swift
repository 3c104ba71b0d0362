/// Money from payment processors and what it buys.
///
/// `payments` and `subscriptions` mirror the processor's objects, keyed by
/// (processor, external_id) so a redelivered webhook updates the same row; a
/// subscription's `source_event_created_at` lets a late, older event be ignored.
/// Their member link is optional because a payment can arrive before the member is
/// known. `entitlements` are what a member is actually granted (a product or tier,
/// possibly time-limited), traced to the payment or subscription that paid for
/// it, and `processor_customers` maps a processor's customer id (e.g. Stripe's) to
/// a member.
struct CreatePayments: Migration {
    let version = 4
    let name = "payments"

    func statements(for d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE payments (
                id \(d.primaryKey),
                processor TEXT NOT NULL,
                external_id TEXT NOT NULL,
                user_id \(d.foreignKey) REFERENCES users(id) ON DELETE SET NULL,
                amount_minor \(d.bigint) NOT NULL,
                currency TEXT NOT NULL,
                status TEXT NOT NULL,
                amount_refunded_minor \(d.bigint) NOT NULL DEFAULT 0,
                product TEXT,
                \(d.json("metadata")),
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                updated_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                CONSTRAINT payments_processor_external_id_key UNIQUE (processor, external_id),
                CONSTRAINT payments_amount_minor_check CHECK (amount_minor >= 0),
                CONSTRAINT payments_currency_check CHECK (length(currency) BETWEEN 3 AND 8),
                CONSTRAINT payments_status_check
                    CHECK (status IN ('pending', 'completed', 'failed', 'refunded')),
                CONSTRAINT payments_amount_refunded_minor_check CHECK (amount_refunded_minor >= 0)
            )
            """,
            "CREATE INDEX payments_user_id_idx ON payments (user_id)",

            """
            CREATE TABLE subscriptions (
                id \(d.primaryKey),
                processor TEXT NOT NULL,
                external_id TEXT NOT NULL,
                user_id \(d.foreignKey) REFERENCES users(id) ON DELETE SET NULL,
                plan TEXT NOT NULL,
                status TEXT NOT NULL,
                current_period_end \(d.timestamp),
                \(d.boolean("cancel_at_period_end", default: false)),
                source_event_created_at \(d.timestamp),
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                updated_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                CONSTRAINT subscriptions_processor_external_id_key UNIQUE (processor, external_id),
                CONSTRAINT subscriptions_status_check CHECK (status IN (
                    'incomplete', 'incomplete_expired', 'trialing', 'active',
                    'past_due', 'canceled', 'unpaid', 'paused'
                ))
            )
            """,
            "CREATE INDEX subscriptions_user_id_idx ON subscriptions (user_id)",

            """
            CREATE TABLE entitlements (
                id \(d.primaryKey),
                user_id \(d.foreignKey) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                product TEXT NOT NULL,
                payment_id \(d.foreignKey) REFERENCES payments(id) ON DELETE SET NULL,
                subscription_id \(d.foreignKey) REFERENCES subscriptions(id) ON DELETE SET NULL,
                starts_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                expires_at \(d.timestamp),
                revoked_at \(d.timestamp),
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                CONSTRAINT entitlements_period_check CHECK (expires_at IS NULL OR expires_at > starts_at)
            )
            """,
            "CREATE INDEX entitlements_user_id_idx ON entitlements (user_id)",
            "CREATE INDEX entitlements_payment_id_idx ON entitlements (payment_id)",
            "CREATE INDEX entitlements_subscription_id_idx ON entitlements (subscription_id)",
            "CREATE INDEX entitlements_active_idx ON entitlements (user_id, product) WHERE revoked_at IS NULL",

            """
            CREATE TABLE processor_customers (
                id \(d.primaryKey),
                processor TEXT NOT NULL,
                customer_id TEXT NOT NULL,
                user_id \(d.foreignKey) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                CONSTRAINT processor_customers_processor_customer_id_key UNIQUE (processor, customer_id)
            )
            """,
            "CREATE INDEX processor_customers_user_id_idx ON processor_customers (user_id)",
        ]
    }
}
