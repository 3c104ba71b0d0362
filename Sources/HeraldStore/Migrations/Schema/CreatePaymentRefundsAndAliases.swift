/// Refunds counted one by one, and the other ids a payment is known by.
///
/// `payment_refunds` holds each refund a processor reports without a running
/// total (Paddle adjustments), once per refund id, so their sum is the
/// payment's refunded amount however often each is delivered.
/// `payment_aliases` maps further processor ids of one payment (a Stripe
/// invoice, a Checkout session, a charge) to its row, so every event about the
/// same money lands on one payment whatever id it names.
struct CreatePaymentRefundsAndAliases: Migration {
    let version = 10
    let name = "payment_refunds_and_aliases"

    func statements(for d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE payment_refunds (
                id \(d.primaryKey),
                payment_id \(d.foreignKey) NOT NULL REFERENCES payments(id) ON DELETE CASCADE,
                refund_id TEXT NOT NULL,
                amount_minor \(d.bigint) NOT NULL,
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                CONSTRAINT payment_refunds_payment_refund_key UNIQUE (payment_id, refund_id),
                CONSTRAINT payment_refunds_amount_minor_check CHECK (amount_minor >= 0)
            )
            """,
            """
            CREATE TABLE payment_aliases (
                id \(d.primaryKey),
                processor TEXT NOT NULL,
                alias TEXT NOT NULL,
                payment_id \(d.foreignKey) NOT NULL REFERENCES payments(id) ON DELETE CASCADE,
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                CONSTRAINT payment_aliases_processor_alias_key UNIQUE (processor, alias)
            )
            """,
            "CREATE INDEX payment_aliases_payment_id_idx ON payment_aliases (payment_id)",
        ]
    }
}
