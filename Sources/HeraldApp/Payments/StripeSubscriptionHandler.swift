import Foundation
import HeraldCore
import HeraldStore
import SQLKit

/// `customer.subscription.created|updated|deleted`: the subscription's own
/// status and `current_period_end` decide the member's tier.
///
/// An event created before the state already stored changes nothing, so a
/// late, older `updated` never undoes a newer state.
struct StripeSubscriptionHandler: InboundEventHandler {
    let payments: PaymentSettlement
    let pastDueGraceDays: Int

    static let types = ["customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted"]

    func handle(_ inbound: InboundEvent, on db: any SQLDatabase) async throws -> HandlerResult {
        let event = try StripeEvent(inbound)
        let object = event.object
        guard let subscriptionID = object["id"]?.string else { throw EventDataError("the Stripe subscription has no id") }
        guard let rawStatus = object["status"]?.string, let status = SubscriptionStatus(rawValue: rawStatus) else {
            throw EventDataError("the Stripe subscription has no known status")
        }
        let productIDs = StripeLookup.productIDs(of: object)
        guard let product = payments.catalogue.product(anyOf: productIDs) else {
            return try await payments.fail(inbound, reason: StripeLookup.unknownProduct(productIDs), on: db)
        }
        guard let userID = try await StripeLookup.member(of: object, on: db) else {
            return try await payments.fail(
                inbound, reason: "no member for Stripe subscription \(subscriptionID): set metadata.herald_user_id or link the customer", on: db
            )
        }
        // Before API version 2025-03-31 the period is on the subscription; since then, on its items.
        let periodEnd = (object["current_period_end"] ?? object[["items", "data"]]?.array.first?["current_period_end"])?.int64
            .map { Date(timeIntervalSince1970: Double($0)) }
        let state = SubscriptionState(
            userID: userID, plan: product.key, status: status, currentPeriodEnd: periodEnd,
            cancelAtPeriodEnd: object["cancel_at_period_end"]?.scalarText == "true", eventCreated: event.created
        )
        let (record, applied) = try await SubscriptionRepository.apply(processor: "stripe", externalID: subscriptionID, state: state, on: db)
        guard applied else { return HandlerResult(status: .ignored) }
        if let tier = product.grant.tier {
            let start = (object["start_date"] ?? object["created"])?.int64.map { Date(timeIntervalSince1970: Double($0)) } ?? event.created
            try await AccessRepository.follow(
                subscriptionID: record.id, userID: userID, tier: tier,
                access: SubscriptionAccess(status: status, currentPeriodEnd: periodEnd, pastDueGraceDays: pastDueGraceDays),
                startsAt: start, now: Date(), on: db
            )
        }
        return .processed
    }
}
