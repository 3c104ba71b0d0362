import Foundation
import HeraldRelay
import HeraldStore
import SQLKit

/// `charge.dispute.created`: the admins are alerted at once (a dispute has a
/// response deadline); grants stay until the dispute is lost and Stripe refunds.
struct StripeDisputeHandler: InboundEventHandler {
    let notices: PaymentNotices

    func handle(_ inbound: InboundEvent, on db: any SQLDatabase) async throws -> HandlerResult {
        let event = try StripeEvent(inbound)
        let dispute = event.object
        guard let id = dispute["id"]?.string else { throw EventDataError("the Stripe dispute has no id") }
        let currency = dispute["currency"]?.string ?? "usd"
        try await notices.alert(
            template: "payment_disputed_admin",
            data: [
                "amount": .string(PaymentNotices.format(dispute["amount"]?.int64 ?? 0, currency: currency)),
                "currency": .string(currency.uppercased()), "charge": .string(dispute["charge"]?.stripeID ?? "?"),
                "reason": .string(dispute["reason"]?.string ?? "unknown"),
            ],
            key: "herald.alert.payment_disputed.stripe.\(id)", on: db
        )
        return .processed
    }
}
