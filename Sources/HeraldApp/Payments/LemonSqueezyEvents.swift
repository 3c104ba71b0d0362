import Foundation
import HeraldCore

/// Lemon Squeezy webhooks mapped to payments: `order_created` and
/// `order_refunded` (the order's cumulative `refunded_amount`), and
/// `subscription_*` (status, `renews_at` or `ends_at`).
///
/// The member comes from `meta.custom_data.herald_user_id` (checkout custom
/// data), a linked customer, or the order's email; the product from the variant
/// or product id. Lemon Squeezy sends no event time, so the object's
/// `updated_at` orders subscription events.
enum LemonSqueezyEvents {
    static func map(type: String, json: JSONValue) throws(EventDataError) -> ProcessorEvent {
        guard let data = json["data"], let id = data["id"]?.scalarText, let attributes = data["attributes"] else {
            throw EventDataError("the Lemon Squeezy event has no data.id")
        }
        let member = MemberHints(
            userID: json[["meta", "custom_data", "herald_user_id"]]?.int64, customerID: attributes["customer_id"]?.scalarText,
            email: attributes["user_email"]?.string
        )
        let updated = attributes["updated_at"]?.isoDate ?? attributes["created_at"]?.isoDate ?? Date()
        switch type {
        case "order_created", "order_refunded":
            let status: PaymentStatus =
                switch attributes["status"]?.string {
                case "paid", "partial_refund": .completed
                case "refunded": .refunded
                case "failed": .failed
                default: .pending
                }
            let item = attributes["first_order_item"]
            let productIDs = [
                json[["meta", "custom_data", "herald_product"]]?.string, item?["variant_id"]?.scalarText, item?["product_id"]?.scalarText,
            ].compactMap { $0 }
            return .payment(ProcessorPayment(
                externalID: id, status: status, amountMinor: attributes["total"]?.int64, currency: attributes["currency"]?.string,
                refundedMinor: attributes["refunded_amount"]?.int64, productIDs: productIDs, member: member, occurredAt: updated,
                subscriptionID: nil, namesPurchase: type == "order_created"
            ))
        case _ where type.hasPrefix("subscription_") && !type.hasPrefix("subscription_payment"):
            let status: SubscriptionStatus
            switch attributes["status"]?.string {
            case "on_trial": status = .trialing
            case "active": status = .active
            case "paused": status = .paused
            case "past_due": status = .pastDue
            case "unpaid": status = .unpaid
            case "cancelled": status = .canceled
            case "expired": status = .incompleteExpired
            default: throw EventDataError("the Lemon Squeezy subscription has no known status")
            }
            let periodEnd = (status == .canceled ? attributes["ends_at"] : attributes["renews_at"])?.isoDate
            let productIDs = [attributes["variant_id"]?.scalarText, attributes["product_id"]?.scalarText].compactMap { $0 }
            return .subscription(ProcessorSubscription(
                externalID: id, status: status, periodEnd: periodEnd, cancelAtPeriodEnd: attributes["cancelled"]?.scalarText == "true",
                productIDs: productIDs, member: member, occurredAt: updated, startedAt: attributes["created_at"]?.isoDate
            ))
        default:
            return .ignored
        }
    }
}
