/// What each payment granted, so it is granted exactly once and a refund can
/// reverse exactly that.
///
/// One row per payment with `currency = ''` marks the grant itself (its tier
/// and paid flag); inserting it is the exactly-once guard. One row per credit
/// currency keeps the credits granted, taken back by refunds, and the
/// `shortfall` a refund could not take back because the member had spent it.
struct CreatePaymentGrants: Migration {
    let version = 7
    let name = "payment_grants"

    func statements(for d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE payment_grants (
                id \(d.primaryKey),
                payment_id \(d.foreignKey) NOT NULL REFERENCES payments(id) ON DELETE CASCADE,
                user_id \(d.foreignKey) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                product TEXT NOT NULL,
                currency TEXT NOT NULL DEFAULT '',
                tier TEXT,
                \(d.boolean("paid", default: false)),
                granted \(d.bigint) NOT NULL DEFAULT 0,
                reversed \(d.bigint) NOT NULL DEFAULT 0,
                shortfall \(d.bigint) NOT NULL DEFAULT 0,
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                updated_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                CONSTRAINT payment_grants_payment_currency_key UNIQUE (payment_id, currency),
                CONSTRAINT payment_grants_amounts_check
                    CHECK (granted >= 0 AND reversed >= 0 AND shortfall >= 0 AND reversed + shortfall <= granted)
            )
            """,
            "CREATE INDEX payment_grants_user_id_idx ON payment_grants (user_id)",
        ]
    }
}
