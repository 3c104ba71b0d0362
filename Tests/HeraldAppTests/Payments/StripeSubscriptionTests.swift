import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import HeraldTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct StripeSubscriptionTests {
    typealias P = StripePayloads
    typealias C = PaymentChecks

    static func activeTiers(_ store: Store, _ member: Int64, at now: Date = Date()) async throws -> [String] {
        try await store.access.entitlements(userID: member).filter { $0.isActive(at: now) }.map(\.product)
    }

    @Test(arguments: TestDatabase.allCases)
    func aSubscriptionGivesItsTierUntilThePeriodEndsAndItsInvoicesGrantCredits(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            let member = try await C.member(store, email: "vip@example.com")
            let periodEnd = P.now + 30 * 86_400
            let created = P.event("customer.subscription.created", object: P.subscription(status: "active", periodEnd: periodEnd, userID: member))
            #expect(try await postStripe(created, to: client) == #"{"status":"processed"}"#)
            #expect(try await Self.activeTiers(store, member) == ["vip"])
            let subscription = try #require(try await store.subscriptions.find(processor: "stripe", externalID: "sub_1VipMonthly"))
            #expect(subscription.status == .active && subscription.plan == "vip_monthly" && subscription.userID == member)
            #expect(subscription.currentPeriodEnd == Date(timeIntervalSince1970: Double(periodEnd)))

            // The first invoice: credits and the paid flag; the tier stays with the subscription (no second entitlement).
            try await postStripe(P.event("invoice.paid", object: P.invoice()), to: client)
            #expect(try await C.balance(store, member) == 500)
            #expect(try await C.isPaid(store, member))
            #expect(try await store.access.entitlements(userID: member).count == 1)
            let payment = try #require(try await store.payments.find(processor: "stripe", externalID: "pi_3VipInvoice"))
            #expect(payment.status == .completed && payment.product == "vip_monthly")

            // The next period's invoice is another payment.
            try await postStripe(P.event("invoice.paid", object: P.invoice(id: "in_2", paymentIntent: "pi_3VipInvoice2")), to: client)
            #expect(try await C.balance(store, member) == 1000)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aLateOlderUpdateChangesNothing(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            let member = try await C.member(store, email: "vip@example.com")
            let periodEnd = P.now + 30 * 86_400
            let newer = P.event("customer.subscription.updated", object: P.subscription(status: "canceled", periodEnd: P.now - 60, userID: member), created: P.now)
            let older = P.event(
                "customer.subscription.updated", object: P.subscription(status: "active", periodEnd: periodEnd, userID: member), created: P.now - 3_600
            )
            try await postStripe(newer, to: client)
            #expect(try await Self.activeTiers(store, member).isEmpty)
            #expect(try await postStripe(older, to: client) == #"{"status":"ignored"}"#)
            let subscription = try #require(try await store.subscriptions.find(processor: "stripe", externalID: "sub_1VipMonthly"))
            #expect(subscription.status == .canceled)
            #expect(try await Self.activeTiers(store, member).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func statusDecidesAccess(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            let member = try await C.member(store, email: "vip@example.com")
            let ended = P.now - 86_400
            var created = P.now - 1_000
            func send(_ type: String, _ status: String, periodEnd: Int) async throws {
                created += 10
                try await postStripe(P.event(type, object: P.subscription(status: status, periodEnd: periodEnd, userID: member), created: created), to: client)
            }
            try await send("customer.subscription.created", "incomplete", periodEnd: P.now + 86_400)
            #expect(try await Self.activeTiers(store, member).isEmpty)
            try await send("customer.subscription.updated", "trialing", periodEnd: P.now + 86_400)
            #expect(try await Self.activeTiers(store, member) == ["vip"])
            // Past due after the period ended: kept for the 3-day grace.
            try await send("customer.subscription.updated", "past_due", periodEnd: ended)
            #expect(try await Self.activeTiers(store, member) == ["vip"])
            #expect(try await Self.activeTiers(store, member, at: Date().addingTimeInterval(2 * 86_400 + 60)).isEmpty)
            // Canceled at period end: access until then.
            try await send("customer.subscription.updated", "active", periodEnd: P.now + 86_400)
            try await send("customer.subscription.deleted", "canceled", periodEnd: P.now + 86_400)
            #expect(try await Self.activeTiers(store, member) == ["vip"])
            #expect(try await store.subscriptions.find(processor: "stripe", externalID: "sub_1VipMonthly")?.status == .canceled)
            try await send("customer.subscription.deleted", "canceled", periodEnd: ended)
            #expect(try await Self.activeTiers(store, member).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aFailedInvoiceAlertsTheAdmins(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            let member = try await C.member(store, email: "vip@example.com")
            try await postStripe(P.event("invoice.payment_failed", object: P.invoice(paid: false)), to: client)
            let payment = try #require(try await store.payments.find(processor: "stripe", externalID: "pi_3VipInvoice"))
            #expect(payment.status == .failed && payment.userID == member)
            #expect(try await C.balance(store, member) == 0)
            #expect(try await C.outbox(store, template: "payment_failed_admin").count == 2)
        }
    }
}
