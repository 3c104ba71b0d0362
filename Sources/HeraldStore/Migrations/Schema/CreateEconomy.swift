/// Member currencies: what each member holds and how it got there.
///
/// `balances` is the current amount per member and currency (never negative, so an
/// overspend fails in the database rather than in a race); `ledger_entries` is the
/// append-only history every balance change writes, with an optional idempotency
/// key so a retried award or purchase is applied once. `credit_requests` are
/// member-submitted claims that an admin approves or rejects from Discord,
/// Telegram, or the web, and `daily_streaks` tracks consecutive days of activity
/// for streak rewards.
struct CreateEconomy: Migration {
    let version = 2
    let name = "economy"

    func statements(for d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE balances (
                id \(d.primaryKey),
                user_id \(d.foreignKey) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                currency TEXT NOT NULL,
                balance \(d.bigint) NOT NULL DEFAULT 0,
                total_earned \(d.bigint) NOT NULL DEFAULT 0,
                total_spent \(d.bigint) NOT NULL DEFAULT 0,
                updated_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                CONSTRAINT balances_user_currency_key UNIQUE (user_id, currency),
                CONSTRAINT balances_currency_check CHECK (length(currency) BETWEEN 1 AND 32),
                CONSTRAINT balances_balance_nonnegative CHECK (balance >= 0),
                CONSTRAINT balances_total_earned_check CHECK (total_earned >= 0),
                CONSTRAINT balances_total_spent_check CHECK (total_spent >= 0)
            )
            """,

            """
            CREATE TABLE ledger_entries (
                id \(d.primaryKey),
                user_id \(d.foreignKey) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                currency TEXT NOT NULL,
                amount \(d.bigint) NOT NULL,
                balance_after \(d.bigint) NOT NULL,
                type TEXT NOT NULL,
                reason TEXT,
                \(d.json("metadata")),
                idempotency_key TEXT,
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                CONSTRAINT ledger_entries_idempotency_key_key UNIQUE (idempotency_key),
                CONSTRAINT ledger_entries_amount_check CHECK (amount <> 0),
                CONSTRAINT ledger_entries_balance_after_check CHECK (balance_after >= 0),
                CONSTRAINT ledger_entries_type_check CHECK (type IN (
                    'earn_reaction', 'earn_daily', 'earn_streak', 'earn_reward', 'earn_admin',
                    'grant_purchase', 'spend_shop', 'spend_admin', 'refund', 'merge'
                ))
            )
            """,
            "CREATE INDEX ledger_entries_user_currency_created_idx ON ledger_entries (user_id, currency, created_at)",

            """
            CREATE TABLE credit_requests (
                id \(d.primaryKey),
                user_id \(d.foreignKey) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                currency TEXT NOT NULL,
                amount \(d.bigint) NOT NULL,
                reason TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'pending',
                requested_via TEXT NOT NULL,
                discord_message_id TEXT,
                discord_channel_id TEXT,
                telegram_message_id \(d.bigint),
                decided_by \(d.foreignKey) REFERENCES users(id) ON DELETE SET NULL,
                decided_at \(d.timestamp),
                decision_note TEXT,
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                updated_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                CONSTRAINT credit_requests_amount_positive CHECK (amount > 0),
                CONSTRAINT credit_requests_reason_length CHECK (length(reason) <= 500),
                CONSTRAINT credit_requests_status_check
                    CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled')),
                CONSTRAINT credit_requests_requested_via_check
                    CHECK (requested_via IN ('discord', 'telegram', 'web', 'api')),
                CONSTRAINT credit_requests_decided_check CHECK (
                    (status = 'pending' AND decided_at IS NULL)
                    OR (status <> 'pending' AND decided_at IS NOT NULL)
                )
            )
            """,
            "CREATE INDEX credit_requests_user_id_idx ON credit_requests (user_id)",
            "CREATE INDEX credit_requests_decided_by_idx ON credit_requests (decided_by)",
            "CREATE INDEX credit_requests_pending_idx ON credit_requests (created_at) WHERE status = 'pending'",

            """
            CREATE TABLE daily_streaks (
                id \(d.primaryKey),
                user_id \(d.foreignKey) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                current_streak INTEGER NOT NULL DEFAULT 0,
                longest_streak INTEGER NOT NULL DEFAULT 0,
                last_activity_date \(d.date),
                updated_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                CONSTRAINT daily_streaks_user_id_key UNIQUE (user_id),
                CONSTRAINT daily_streaks_current_streak_check CHECK (current_streak >= 0),
                CONSTRAINT daily_streaks_longest_streak_check CHECK (longest_streak >= current_streak)
            )
            """,
        ]
    }
}
