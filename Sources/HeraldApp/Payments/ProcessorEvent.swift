import Foundation
import HeraldCore

/// A payment processor's event reduced to what payments need, so processors
/// other than Stripe (Paddle Billing, Lemon Squeezy) are mapped, not re-implemented.
enum ProcessorEvent: Sendable {
    case payment(ProcessorPayment)
    case subscription(ProcessorSubscription)
    case ignored
}

/// Who an event says paid: a Herald member id, the processor's customer id, an email.
struct MemberHints: Sendable {
    var userID: Int64?
    var customerID: String?
    var email: String?
}

/// What an event says about one payment.
struct ProcessorPayment: Sendable {
    var externalID: String
    var status: PaymentStatus
    var amountMinor: Int64?
    var currency: String?
    /// The cumulative refunded amount, when the event tells it.
    var refundedMinor: Int64?
    var productIDs: [String]
    var member: MemberHints
    var occurredAt: Date
    /// Set for a subscription's payment: its tier follows the subscription.
    var subscriptionID: String?
    /// Whether this event is the one that names the member and product (so not knowing them is a failure).
    var namesPurchase: Bool
    /// Set when `refundedMinor` is one refund's own amount rather than a running total
    /// (Paddle adjustments): the refund's id, so each refund is added once.
    var refundID: String? = nil
}

/// What an event says a subscription is now.
struct ProcessorSubscription: Sendable {
    var externalID: String
    var status: SubscriptionStatus
    var periodEnd: Date?
    var cancelAtPeriodEnd: Bool
    var productIDs: [String]
    var member: MemberHints
    var occurredAt: Date
    var startedAt: Date?
}

extension JSONValue {
    /// An ISO 8601 time as processors write it, with or without fractional seconds.
    var isoDate: Date? {
        guard var text = string else { return nil }
        if let dot = text.firstIndex(of: "."), let end = text[dot...].firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" }) {
            text.removeSubrange(dot..<end)
        }
        return ISO8601DateFormatter().date(from: text)
    }
}
