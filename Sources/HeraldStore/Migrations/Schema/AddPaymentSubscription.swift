/// The subscription a payment belongs to, kept on the payment row.
///
/// An event that completes a subscription invoice's money (a Stripe payment
/// intent, an invoice payment) may not name the subscription itself; the row
/// remembers it from whichever event did, so such a payment grants its credits
/// while the access tier keeps following the subscription's status and period.
struct AddPaymentSubscription: Migration {
    let version = 12
    let name = "payment_subscription"

    func statements(for d: SchemaDialect) -> [String] {
        ["ALTER TABLE payments ADD COLUMN subscription_id TEXT"]
    }
}
