import Foundation
import HeraldCore

/// Paddle Billing notifications mapped to payments: `transaction.completed`
/// (and `transaction.paid`), `transaction.payment_failed`, refund
/// `adjustment.created|updated` once approved (partial ones add up), and `subscription.*`.
///
/// The member comes from `custom_data.herald_user_id` (set it when opening the
/// checkout) or a customer already linked; the product from the items' price or
/// product ids or `custom_data.herald_product`. Amounts are Paddle's strings in
/// the currency's lowest unit.
enum PaddleEvents {
    static func map(type: String, json: JSONValue) throws(EventDataError) -> ProcessorEvent {
        guard let data = json["data"], let id = data["id"]?.string else { throw EventDataError("the Paddle event has no data.id") }
        let occurred = json["occurred_at"]?.isoDate ?? Date()
        let member = MemberHints(
            userID: data[["custom_data", "herald_user_id"]]?.int64, customerID: data["customer_id"]?.string, email: nil
        )
        switch type {
        case "transaction.completed", "transaction.paid", "transaction.payment_failed":
            return .payment(ProcessorPayment(
                externalID: id, status: type == "transaction.payment_failed" ? .failed : .completed,
                amountMinor: data[["details", "totals", "grand_total"]]?.int64, currency: data["currency_code"]?.string,
                refundedMinor: nil, productIDs: productIDs(data), member: member, occurredAt: occurred,
                subscriptionID: data["subscription_id"]?.string, namesPurchase: true
            ))
        case "adjustment.created", "adjustment.updated":
            guard data["action"]?.string == "refund", data["status"]?.string == "approved",
                let transaction = data["transaction_id"]?.string
            else { return .ignored }
            // A full refund is the whole payment. Paddle sends no running total, so each partial
            // one is added once by its adjustment id, and their sum is what has been refunded.
            let full = data["type"]?.string == "full"
            return .payment(ProcessorPayment(
                externalID: transaction, status: full ? .refunded : .completed, amountMinor: nil,
                currency: data["currency_code"]?.string, refundedMinor: full ? nil : data[["totals", "total"]]?.int64,
                productIDs: [], member: member, occurredAt: occurred, subscriptionID: nil, namesPurchase: false,
                refundID: full ? nil : id
            ))
        case _ where type.hasPrefix("subscription."):
            guard let raw = data["status"]?.string, let status = SubscriptionStatus(rawValue: raw) else {
                throw EventDataError("the Paddle subscription has no known status")
            }
            return .subscription(ProcessorSubscription(
                externalID: id, status: status, periodEnd: data[["current_billing_period", "ends_at"]]?.isoDate,
                cancelAtPeriodEnd: data[["scheduled_change", "action"]]?.string == "cancel", productIDs: productIDs(data),
                member: member, occurredAt: occurred, startedAt: data["started_at"]?.isoDate
            ))
        default:
            return .ignored
        }
    }

    static func productIDs(_ data: JSONValue) -> [String] {
        var ids = [data[["custom_data", "herald_product"]]?.string].compactMap { $0 }
        for item in data["items"]?.array ?? [] {
            ids += [item[["price", "id"]], item["price_id"], item[["price", "product_id"]]].compactMap { $0?.string }
        }
        return ids
    }
}
