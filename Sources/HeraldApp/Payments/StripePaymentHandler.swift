import Foundation
import HeraldCore
import HeraldRelay
import HeraldStore
import SQLKit

/// Stripe's payment events: Checkout sessions, payment intents, refunded
/// charges and invoices, all merged into one payment row per payment intent.
///
/// Checkout sessions and invoices name the member and the product; an event
/// of either that names an unknown member or product is stored as failed and
/// the admins are alerted (its facts are still recorded, so replaying it after
/// the fix grants). Payment intents and charges only add what they know.
struct StripePaymentHandler: InboundEventHandler {
    let payments: PaymentSettlement

    static let types = [
        "checkout.session.completed", "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed",
        "payment_intent.succeeded", "payment_intent.payment_failed", "charge.refunded", "invoice.paid", "invoice.payment_failed",
        "invoice_payment.paid",
    ]

    func handle(_ inbound: InboundEvent, on db: any SQLDatabase) async throws -> HandlerResult {
        let event = try StripeEvent(inbound)
        let object = event.object
        guard let objectID = object["id"]?.string else { throw EventDataError("the Stripe object has no id") }
        let status: PaymentStatus
        var amount: Int64?
        var refunded: Int64?
        var names = false
        switch event.type {
        case "checkout.session.completed", "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed":
            if object["mode"]?.string == "subscription" {
                // The subscription's invoices carry the payment; the session only tells who the customer is.
                _ = try await StripeLookup.member(of: object, on: db)
                return .processed
            }
            names = true
            amount = object["amount_total"]?.int64
            status =
                switch (event.type, object["payment_status"]?.string) {
                case ("checkout.session.async_payment_failed", _): .failed
                case (_, "paid"), (_, "no_payment_required"): .completed
                default: .pending
                }
        case "payment_intent.succeeded", "payment_intent.payment_failed":
            amount = object["amount"]?.int64
            status = event.type == "payment_intent.succeeded" ? .completed : .failed
        case "charge.refunded":
            amount = object["amount"]?.int64
            refunded = object["amount_refunded"]?.int64
            status = object["refunded"]?.scalarText == "true" ? .refunded : .completed
        case "invoice.paid", "invoice.payment_failed":
            names = true
            amount = event.type == "invoice.paid" ? object["amount_paid"]?.int64 : object["amount_due"]?.int64
            // A free invoice (a trial's first period) is not a purchase; the subscription gives the tier.
            if amount == 0 { return HandlerResult(status: .ignored) }
            status = event.type == "invoice.paid" ? .completed : .failed
        case "invoice_payment.paid":
            // Links an invoice to the payment intent that paid it (API versions from 2025-03-31 name neither on the other).
            amount = object["amount_paid"]?.int64
            status = .completed
        default:
            return HandlerResult(status: .ignored)
        }
        let userID = try await StripeLookup.member(of: object, on: db)
        let productIDs = StripeLookup.productIDs(of: object)
        let product = payments.catalogue.product(anyOf: productIDs)
        // Invoices name their subscription (under `parent.subscription_details` since API version 2025-03-31).
        let subscription = object["subscription"]?.stripeID ?? object[["parent", "subscription_details", "subscription"]]?.stripeID
        let observation = PaymentObservation(
            status: status, amountMinor: amount, currency: object["currency"]?.string, amountRefundedMinor: refunded,
            product: product?.key, userID: userID, subscriptionID: subscription
        )
        try await payments.record(
            processor: "stripe", ids: StripeLookup.paymentIDs(type: event.type, objectID: objectID, object: object), observation: observation,
            occurredAt: event.created, metadataJSON: Self.metadata(objectID: objectID, object: object), on: db
        )
        guard names else { return .processed }
        if userID == nil {
            return try await payments.fail(
                inbound, reason: "no member for Stripe \(objectID): set client_reference_id or metadata.herald_user_id, or add a member with the customer's email", on: db
            )
        }
        if product == nil, amount != 0 {
            return try await payments.fail(inbound, reason: StripeLookup.unknownProduct(productIDs), on: db)
        }
        return .processed
    }

    /// Ids worth keeping with a new payment row.
    static func metadata(objectID: String, object: JSONValue) -> String {
        var fields: [String: String] = ["object_id": objectID]
        if let customer = object["customer"]?.stripeID { fields["customer"] = customer }
        if let charge = object["latest_charge"]?.stripeID { fields["charge"] = charge }
        return JSONCoding.text(of: fields) ?? "{}"
    }
}

extension PaymentSettlement {
    /// Stores the event as failed with `reason`, alerting the admins in the same transaction.
    func fail(_ event: InboundEvent, reason: String, on db: any SQLDatabase) async throws -> HandlerResult {
        try await notices.eventFailed(source: event.source, eventID: event.eventID, reason: reason, on: db)
        return HandlerResult(status: .failed, error: reason)
    }
}
