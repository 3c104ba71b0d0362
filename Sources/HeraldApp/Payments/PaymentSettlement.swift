import Foundation
import HeraldCore
import HeraldStore
import SQLKit

/// Turns what events say about a payment into its effects, exactly once.
///
/// Every event merges its facts into the payment row; then whatever is now
/// due is applied: the grant when the payment is complete and both the
/// member and the product are known (guarded by the `payment_grants` claim),
/// and the reversal of the refunded share, computed from the cumulative
/// refunded amount so repeated refund events take nothing twice.
struct PaymentSettlement: Sendable {
    let catalogue: ProductCatalogue
    let notices: PaymentNotices

    /// Records `observation` for the payment and applies what became due.
    ///
    /// A payment any event has tied to a subscription grants no access tier,
    /// whichever event completed it: the subscription's status and period give the tier.
    @discardableResult
    func record(
        processor: String, externalID: String, observation: PaymentObservation, occurredAt: Date, metadataJSON: String = "{}", on db: any SQLDatabase
    ) async throws -> PaymentRecord {
        let payment = try await PaymentRepository.record(
            processor: processor, externalID: externalID, observation: observation, metadataJSON: metadataJSON, on: db
        )
        guard let userID = payment.userID, let key = payment.product, let product = catalogue.product(id: key) else {
            if payment.status == .failed { try await notices.declined(payment: payment, on: db) }
            return payment
        }
        switch payment.status {
        case .pending:
            break
        case .failed:
            try await notices.declined(payment: payment, on: db)
        case .completed, .refunded:
            try await grant(payment, product: product, userID: userID, occurredAt: occurredAt, on: db)
            if payment.amountRefundedMinor > 0 { try await reverse(payment, product: product, userID: userID, on: db) }
        }
        return payment
    }

    private func grant(_ payment: PaymentRecord, product: Product, userID: Int64, occurredAt: Date, on db: any SQLDatabase) async throws {
        let tier = payment.subscriptionID == nil ? product.grant.tier : nil
        guard try await PaymentGrantRepository.claim(paymentID: payment.id, userID: userID, product: product.key, tier: tier, paid: product.grant.paid, on: db)
        else { return }
        for (currency, amount) in product.grant.credits.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let change = try BalanceChange(
                userID: userID, currency: currency, amount: amount, type: .grantPurchase,
                reason: "\(product.name): \(payment.processor) payment \(payment.externalID)",
                idempotencyKey: "payment.\(payment.id).grant.\(currency.rawValue)"
            )
            try await LedgerRepository.apply(change, on: db)
            try await PaymentGrantRepository.recordCredits(
                paymentID: payment.id, userID: userID, product: product.key, currency: currency, amount: amount, on: db
            )
        }
        if let tier {
            try await AccessRepository.grant(
                tier: tier, userID: userID, paymentID: payment.id, startsAt: occurredAt, expiresAt: product.grant.duration.expiry(from: occurredAt),
                on: db
            )
        }
        if product.grant.paid { try await AccessRepository.setPaid(userID: userID, true, on: db) }
        if payment.status == .completed { try await notices.receipt(payment: payment, product: product, on: db) }
    }

    private func reverse(_ payment: PaymentRecord, product: Product, userID: Int64, on db: any SQLDatabase) async throws {
        guard try await PaymentGrantRepository.isClaimed(paymentID: payment.id, on: db) else { return }
        var shortfall: Int64 = 0
        for grant in try await PaymentGrantRepository.credits(paymentID: payment.id, on: db) {
            guard let currency = Currency(rawValue: grant.currency) else { continue }
            let accounted = grant.reversed + grant.shortfall
            let balance = try await PaymentGrantRepository.balance(userID: userID, currency: currency, on: db)
            let due = CreditReversal.due(
                granted: grant.granted, accounted: accounted, amountMinor: payment.amountMinor, refundedMinor: payment.amountRefundedMinor,
                balance: balance
            )
            guard due.take > 0 || due.shortfall > 0 else { continue }
            if due.take > 0 {
                let change = try BalanceChange(
                    userID: userID, currency: currency, amount: -due.take, type: .refund,
                    reason: "refund of \(product.name): \(payment.processor) payment \(payment.externalID)",
                    idempotencyKey: "payment.\(payment.id).refund.\(currency.rawValue).\(accounted + due.take + due.shortfall)"
                )
                try await LedgerRepository.apply(change, on: db)
            }
            try await PaymentGrantRepository.recordReversal(paymentID: payment.id, currency: grant.currency, due, on: db)
            shortfall += due.shortfall
        }
        if payment.status == .refunded {
            try await AccessRepository.revoke(paymentID: payment.id, at: Date(), on: db)
            if product.grant.paid, try await !PaymentGrantRepository.holdsPaidGrant(userID: userID, on: db) {
                try await AccessRepository.setPaid(userID: userID, false, on: db)
            }
        }
        try await notices.refunded(payment: payment, productName: product.name, shortfall: shortfall, on: db)
    }
}
