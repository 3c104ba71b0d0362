import Foundation
import HeraldCore

/// A YooKassa payment object, as its API answers it, mapped to a payment.
///
/// Only the API's copy is ever mapped, never the notification body: its
/// `status` (`pending` and `waiting_for_capture` are pending, `succeeded`
/// completed, `canceled` failed), `amount` and `refunded_amount` (decimal text,
/// turned into minor units exactly; a refund of the whole amount is
/// `refunded`), and `metadata` set when the payment was created:
/// `herald_user_id` (the member) and `herald_product` (a catalogue key or id).
enum YooKassaEvents {
    /// The notifications that are confirmed and mapped; others are stored as `ignored`.
    static let types: Set<String> = ["payment.succeeded", "payment.canceled", "payment.waiting_for_capture", "refund.succeeded"]

    static func map(type: String, payment: JSONValue) throws(EventDataError) -> ProcessorEvent {
        guard types.contains(type) else { return .ignored }
        guard let id = payment["id"]?.string else { throw EventDataError("the YooKassa payment has no id") }
        guard let currency = payment[["amount", "currency"]]?.string, let amount = minorUnits(payment["amount"], currency: currency) else {
            throw EventDataError("YooKassa payment \(id) has no amount in minor units")
        }
        var refunded: Int64?
        if let value = payment["refunded_amount"] {
            guard let minor = minorUnits(value, currency: currency) else {
                throw EventDataError("YooKassa payment \(id) has a refunded amount that is not in \(currency)")
            }
            refunded = minor
        }
        let status: PaymentStatus
        switch payment["status"]?.string {
        case "pending", "waiting_for_capture": status = .pending
        case "succeeded": status = amount > 0 && (refunded ?? 0) >= amount ? .refunded : .completed
        case "canceled": status = .failed
        default: throw EventDataError("YooKassa payment \(id) has no known status")
        }
        let metadata = payment["metadata"]
        return .payment(ProcessorPayment(
            externalID: id, status: status, amountMinor: amount, currency: currency, refundedMinor: refunded,
            productIDs: [metadata?["herald_product"]?.string].compactMap { $0 },
            member: MemberHints(userID: metadata?["herald_user_id"]?.int64, customerID: nil, email: nil),
            occurredAt: (payment["captured_at"] ?? payment["created_at"])?.isoDate ?? Date(), subscriptionID: nil,
            namesPurchase: status == .completed && type.hasPrefix("payment.")
        ))
    }

    /// `{"value": "1990.00", "currency": "RUB"}` in minor units, when its currency is `currency`.
    static func minorUnits(_ amount: JSONValue?, currency: String) -> Int64? {
        guard let amount, amount["currency"]?.string == currency, let value = amount["value"]?.string else { return nil }
        return DecimalAmount.minorUnits(value, currency: currency)
    }
}
