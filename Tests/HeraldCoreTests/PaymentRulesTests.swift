import Foundation
import HeraldCore
import Testing

@Suite struct PaymentRulesTests {
    // MARK: refunds

    @Test(arguments: [
        // granted, amount, refunded, expected target
        (Int64(100), Int64(1999), Int64(0), Int64(0)),
        (100, 1999, 1999, 100),
        (100, 1999, 2500, 100),
        (100, 2000, 1000, 50),
        (100, 3000, 1000, 33),
        (100, 3000, 2999, 99),
        (0, 1000, 1000, 0),
        (100, 0, 1, 100),
        (Int64.max, 4, 2, Int64.max / 2),  // no overflow in granted × refunded
    ])
    func refundTargetIsTheRefundedShare(granted: Int64, amount: Int64, refunded: Int64, expected: Int64) {
        #expect(CreditReversal.target(granted: granted, amountMinor: amount, refundedMinor: refunded) == expected)
    }

    @Test func aFullRefundTakesEverythingWhenTheBalanceCoversIt() {
        let due = CreditReversal.due(granted: 100, accounted: 0, amountMinor: 1999, refundedMinor: 1999, balance: 250)
        #expect(due == CreditReversal(take: 100, shortfall: 0))
    }

    @Test func creditsAreTakenBackOnlyDownToZeroAndTheRestIsAShortfall() {
        let due = CreditReversal.due(granted: 100, accounted: 0, amountMinor: 1999, refundedMinor: 1999, balance: 30)
        #expect(due == CreditReversal(take: 30, shortfall: 70))
        let spentAll = CreditReversal.due(granted: 100, accounted: 0, amountMinor: 1999, refundedMinor: 1999, balance: 0)
        #expect(spentAll == CreditReversal(take: 0, shortfall: 100))
    }

    @Test func aNegativeBalanceIsTreatedAsNothingToTake() {
        #expect(CreditReversal.due(granted: 10, accounted: 0, amountMinor: 10, refundedMinor: 10, balance: -5) == CreditReversal(take: 0, shortfall: 10))
    }

    @Test func partialRefundsAddUpToTheFullReversalOnce() {
        var accounted: Int64 = 0
        var taken: Int64 = 0
        for refunded: Int64 in [500, 500, 1000, 2000, 2000] {
            let due = CreditReversal.due(granted: 100, accounted: accounted, amountMinor: 2000, refundedMinor: refunded, balance: 1000)
            accounted += due.take + due.shortfall
            taken += due.take
        }
        #expect(taken == 100)
        #expect(accounted == 100)
    }

    @Test func aRepeatedOrOlderRefundAmountTakesNothingMore() {
        #expect(CreditReversal.due(granted: 100, accounted: 50, amountMinor: 2000, refundedMinor: 1000, balance: 100) == CreditReversal(take: 0, shortfall: 0))
        #expect(CreditReversal.due(granted: 100, accounted: 50, amountMinor: 2000, refundedMinor: 500, balance: 100) == CreditReversal(take: 0, shortfall: 0))
    }

    // MARK: payment status

    @Test func statusOnlyMovesForward() {
        for a in PaymentStatus.allCases {
            for b in PaymentStatus.allCases {
                #expect(a.merged(with: b) == b.merged(with: a))
                #expect(a.merged(with: b) >= a)
            }
        }
        #expect(PaymentStatus.completed.merged(with: .failed) == .completed)
        #expect(PaymentStatus.pending.merged(with: .failed) == .failed)
        #expect(PaymentStatus.refunded.merged(with: .completed) == .refunded)
    }

    @Test func observationsMergeToTheSameResultInEveryOrder() {
        let observations = [
            PaymentObservation(status: .pending, amountMinor: 1999, currency: "usd", userID: 7),
            PaymentObservation(status: .completed, amountMinor: 1999, currency: "usd"),
            PaymentObservation(status: .completed, product: "pro"),
            PaymentObservation(status: .completed, amountRefundedMinor: 500),
            PaymentObservation(status: .failed, subscriptionID: "sub_1"),
        ]
        let expected = PaymentObservation(
            status: .completed, amountMinor: 1999, currency: "usd", amountRefundedMinor: 500, product: "pro", userID: 7, subscriptionID: "sub_1"
        )
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let merged = observations.shuffled(using: &generator).reduce(PaymentObservation(status: .pending)) { $0.merged(with: $1) }
            #expect(merged == expected)
        }
    }

    @Test func refundingTheWholeAmountMarksThePaymentRefunded() {
        let merged = PaymentObservation(status: .completed, amountMinor: 1000).merged(with: PaymentObservation(status: .completed, amountRefundedMinor: 1000))
        #expect(merged.status == .refunded)
        let partial = PaymentObservation(status: .completed, amountMinor: 1000).merged(with: PaymentObservation(status: .completed, amountRefundedMinor: 999))
        #expect(partial.status == .completed)
        let saidRefunded = PaymentObservation(status: .completed, amountMinor: 1000, amountRefundedMinor: 0).merged(with: PaymentObservation(status: .refunded))
        #expect(saidRefunded.status == .refunded && saidRefunded.amountRefundedMinor == 1000)
    }

    // MARK: subscriptions

    @Test(arguments: SubscriptionStatus.allCases)
    func subscriptionStatusGivesAccess(status: SubscriptionStatus) {
        let now = Date(timeIntervalSince1970: 1_718_000_000)
        let periodEnd = now.addingTimeInterval(86_400)
        let access = SubscriptionAccess(status: status, currentPeriodEnd: periodEnd, pastDueGraceDays: 3)
        switch status {
        case .trialing, .active, .canceled, .unpaid:
            #expect(access == .until(periodEnd))
            #expect(access.isActive(at: now))
            #expect(!access.isActive(at: periodEnd.addingTimeInterval(1)))
        case .pastDue:
            #expect(access == .until(periodEnd.addingTimeInterval(3 * 86_400)))
            #expect(access.isActive(at: periodEnd.addingTimeInterval(2 * 86_400)))
        case .incomplete, .incompleteExpired, .paused:
            #expect(access == .none)
            #expect(!access.isActive(at: now))
        }
    }

    @Test func aCanceledSubscriptionWhosePeriodEndedGivesNoAccess() {
        let now = Date(timeIntervalSince1970: 1_718_000_000)
        let access = SubscriptionAccess(status: .canceled, currentPeriodEnd: now.addingTimeInterval(-1), pastDueGraceDays: 3)
        #expect(!access.isActive(at: now))
    }

    @Test func olderEventsAreStale() {
        let stored = Date(timeIntervalSince1970: 1_718_000_100)
        #expect(EventOrder.isStale(eventCreated: stored.addingTimeInterval(-1), storedCreated: stored))
        #expect(!EventOrder.isStale(eventCreated: stored, storedCreated: stored))
        #expect(!EventOrder.isStale(eventCreated: stored.addingTimeInterval(1), storedCreated: stored))
        #expect(!EventOrder.isStale(eventCreated: stored, storedCreated: nil))
    }

    // MARK: catalogue

    @Test func theCatalogueFindsAProductByAnyOfItsIDsOrItsKey() throws {
        let ai = try #require(Currency(rawValue: "ai"))
        let catalogue = try ProductCatalogue([
            Product(key: "pro", ids: ["price_1PRO", "prod_PRO"], grant: ProductGrant(credits: [ai: 100], tier: .accelerator, duration: .days(30))),
            Product(key: "vip_life", ids: ["price_1VIP"], grant: ProductGrant(tier: .vip, paid: true)),
        ])
        #expect(catalogue.product(id: "price_1PRO")?.key == "pro")
        #expect(catalogue.product(id: "prod_PRO")?.key == "pro")
        #expect(catalogue.product(id: "vip_life")?.key == "vip_life")
        #expect(catalogue.product(id: "price_unknown") == nil)
        #expect(catalogue.product(anyOf: ["nope", "price_1VIP"])?.key == "vip_life")
    }

    @Test func twoProductsMayNotClaimOneID() {
        #expect(throws: CatalogueError.duplicateID("price_1", "a", "b")) {
            try ProductCatalogue([
                Product(key: "a", ids: ["price_1"], grant: ProductGrant(paid: true)),
                Product(key: "b", ids: ["price_1"], grant: ProductGrant(paid: true)),
            ])
        }
    }

    @Test func tiersAreOrderedAndDurationsExpire() {
        #expect(AccessTier.basic < .accelerator && AccessTier.accelerator < .vip)
        let start = Date(timeIntervalSince1970: 0)
        #expect(AccessDuration.days(30).expiry(from: start) == Date(timeIntervalSince1970: 30 * 86_400))
        #expect(AccessDuration.lifetime.expiry(from: start) == nil)
    }
}
