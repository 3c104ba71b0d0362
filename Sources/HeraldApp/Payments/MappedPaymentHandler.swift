import Foundation
import HeraldCore
import HeraldStore
import SQLKit

/// Applies a processor's events through a mapper to `ProcessorEvent`: the
/// same exactly-once payments, refunds, subscriptions and failure alerts as
/// for Stripe, for generic sources with the `paddle` or `lemonsqueezy` preset.
struct MappedPaymentHandler: InboundEventHandler {
    let processor: String
    let map: @Sendable (_ type: String, _ json: JSONValue) throws(EventDataError) -> ProcessorEvent
    let payments: PaymentSettlement
    let pastDueGraceDays: Int

    func handle(_ event: InboundEvent, on db: any SQLDatabase) async throws -> HandlerResult {
        guard let json = event.json else { throw EventDataError("the \(processor) event is not JSON") }
        switch try map(event.type ?? "", json) {
        case .ignored:
            return HandlerResult(status: .ignored)
        case .payment(let payment):
            return try await record(payment, event: event, on: db)
        case .subscription(let subscription):
            return try await apply(subscription, event: event, on: db)
        }
    }

    private func record(_ payment: ProcessorPayment, event: InboundEvent, on db: any SQLDatabase) async throws -> HandlerResult {
        let userID = try await member(payment.member, on: db)
        let product = payments.catalogue.product(anyOf: payment.productIDs)
        var refunded = payment.refundedMinor
        if let refundID = payment.refundID {
            // Each refund counted once by its id; their sum is the running total the refund rules work from.
            let row = try await PaymentRepository.record(
                processor: processor, externalID: payment.externalID, observation: PaymentObservation(status: .pending), on: db
            )
            refunded = try await PaymentRefundRepository.record(paymentID: row.id, refundID: refundID, amountMinor: refunded ?? 0, on: db)
        }
        try await payments.record(
            processor: processor, externalID: payment.externalID,
            observation: PaymentObservation(
                status: payment.status, amountMinor: payment.amountMinor, currency: payment.currency,
                amountRefundedMinor: refunded, product: product?.key, userID: userID, subscriptionID: payment.subscriptionID
            ),
            occurredAt: payment.occurredAt, on: db
        )
        guard payment.namesPurchase else { return .processed }
        if userID == nil {
            return try await payments.fail(event, reason: "no member for \(processor) \(payment.externalID): pass herald_user_id in custom data or add a member with the customer's email", on: db)
        }
        if product == nil {
            return try await payments.fail(event, reason: Self.unknownProduct(payment.productIDs), on: db)
        }
        return .processed
    }

    private func apply(_ subscription: ProcessorSubscription, event: InboundEvent, on db: any SQLDatabase) async throws -> HandlerResult {
        guard let product = payments.catalogue.product(anyOf: subscription.productIDs) else {
            return try await payments.fail(event, reason: Self.unknownProduct(subscription.productIDs), on: db)
        }
        guard let userID = try await member(subscription.member, on: db) else {
            return try await payments.fail(event, reason: "no member for \(processor) subscription \(subscription.externalID)", on: db)
        }
        let state = SubscriptionState(
            userID: userID, plan: product.key, status: subscription.status, currentPeriodEnd: subscription.periodEnd,
            cancelAtPeriodEnd: subscription.cancelAtPeriodEnd, eventCreated: subscription.occurredAt
        )
        let (record, applied) = try await SubscriptionRepository.apply(processor: processor, externalID: subscription.externalID, state: state, on: db)
        guard applied else { return HandlerResult(status: .ignored) }
        if let tier = product.grant.tier {
            try await AccessRepository.follow(
                subscriptionID: record.id, userID: userID, tier: tier,
                access: SubscriptionAccess(status: subscription.status, currentPeriodEnd: subscription.periodEnd, pastDueGraceDays: pastDueGraceDays),
                startsAt: subscription.startedAt ?? subscription.occurredAt, now: Date(), on: db
            )
        }
        return .processed
    }

    /// The member id, then the linked customer, then the email; links a found member to the customer.
    private func member(_ hints: MemberHints, on db: any SQLDatabase) async throws -> Int64? {
        var userID: Int64?
        if let id = hints.userID { userID = try await AccessRepository.userID(id: id, on: db) }
        if userID == nil, let customer = hints.customerID {
            userID = try await AccessRepository.userID(processor: processor, customerID: customer, on: db)
        }
        if userID == nil, let email = hints.email { userID = try await AccessRepository.userID(email: email, on: db) }
        if let userID, let customer = hints.customerID {
            try await AccessRepository.link(processor: processor, customerID: customer, userID: userID, on: db)
        }
        return userID
    }

    static func unknownProduct(_ ids: [String]) -> String {
        ids.isEmpty ? "no product in the event" : "unknown product \(ids.joined(separator: ", ")): add it to payments.products (ids) and replay"
    }
}
