import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import HeraldTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// A subscription invoice's money may be completed by an event that does not
/// name the subscription (`payment_intent.succeeded`, `invoice_payment.paid`)
/// after the invoice already told the member and product. The payment still
/// grants only its credits and paid flag; the tier follows the subscription.
@Suite struct StripeSubscriptionPaymentOrderTests {
    typealias P = StripePayloads
    typealias C = PaymentChecks

    /// Shaped on the 2025-03-31 `invoice` object of a subscription: the
    /// subscription under `parent.subscription_details`, no `payment_intent` or `subscription`.
    static func newInvoice(paid: Bool) -> [String: Any] {
        [
            "id": "in_1VipMonthly", "object": "invoice", "amount_due": 4900, "amount_paid": paid ? 4900 : 0, "amount_remaining": paid ? 0 : 4900,
            "attempt_count": 1, "billing_reason": "subscription_cycle", "collection_method": "charge_automatically", "currency": "usd",
            "customer": "cus_VipCustomer", "customer_email": "vip@example.com", "livemode": false, "status": paid ? "paid" : "open",
            "parent": [
                "type": "subscription_details", "quote_details": NSNull(),
                "subscription_details": ["metadata": [String: String](), "subscription": "sub_1VipMonthly"],
            ],
            "lines": [
                "object": "list", "has_more": false, "total_count": 1, "url": "/v1/invoices/in_1VipMonthly/lines",
                "data": [["id": "il_1", "object": "line_item", "amount": 4900, "currency": "usd", "quantity": 1,
                          "period": ["start": P.now - 86_400, "end": P.now + 29 * 86_400],
                          "pricing": ["type": "price_details", "price_details": ["price": "price_1VipMonthly", "product": "prod_VipMonthly"]]]],
            ],
        ]
    }

    static var paymentIntent: [String: Any] { P.paymentIntent(id: "pi_3VipInvoice", amount: 4900, customer: "cus_VipCustomer") }
    static var invoicePayment: [String: Any] {
        StripeInvoicePaymentTests.invoicePayment(invoice: "in_1VipMonthly", paymentIntent: "pi_3VipInvoice", amount: 4900)
    }

    /// The events about one subscription invoice, for API versions before (2024-06-20) and from 2025-03-31.
    static var scenarios: [[(type: String, object: [String: Any])]] {[
        [("invoice.payment_failed", P.invoice(paid: false)), ("payment_intent.succeeded", paymentIntent), ("invoice.paid", P.invoice())],
        [
            ("invoice.payment_failed", newInvoice(paid: false)), ("invoice_payment.paid", invoicePayment),
            ("payment_intent.succeeded", paymentIntent), ("invoice.paid", newInvoice(paid: true)),
        ],
    ]}

    /// Every order of every scenario: (scenario, order of its events).
    static let orders: [(scenario: Int, order: [Int])] = scenarios.indices.flatMap { scenario in
        StripeInvoicePaymentTests.permutations(Array(scenarios[scenario].indices)).map { (scenario, $0) }
    }

    static func activeTiers(_ store: Store, _ member: Int64, at now: Date = Date()) async throws -> [String] {
        try await StripeSubscriptionTests.activeTiers(store, member, at: now)
    }

    /// The subscription starts active, then is canceled with its period over.
    static func runSubscription(_ member: Int64, to client: some TestClientProtocol) async throws {
        let active = P.subscription(status: "active", periodEnd: P.now + 30 * 86_400, userID: member)
        try await postStripe(P.event("customer.subscription.created", object: active, created: P.now - 60), to: client)
    }

    static func cancelSubscription(_ member: Int64, to client: some TestClientProtocol) async throws {
        let canceled = P.subscription(status: "canceled", periodEnd: P.now - 60, userID: member)
        try await postStripe(P.event("customer.subscription.deleted", object: canceled, created: P.now), to: client)
    }

    @Test(arguments: TestDatabase.allCases, [0, 1])
    func aFailedInvoicePaidByAnotherEventLeavesTheTierToTheSubscription(database: TestDatabase, scenario: Int) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            let member = try await C.member(store, email: "vip@example.com")
            let events = Self.scenarios[scenario]
            // The invoice fails, then the retried payment succeeds before invoice.paid arrives.
            for (type, object) in events.dropLast() { try await postStripe(P.event(type, object: object), to: client) }
            let payment = try #require(try await store.payments.list().first)
            #expect(payment.status == .completed && payment.product == "vip_monthly" && payment.userID == member)
            #expect(payment.subscriptionID == "sub_1VipMonthly")
            #expect(try await C.balance(store, member) == 500)
            #expect(try await C.isPaid(store, member))
            #expect(try await Self.activeTiers(store, member).isEmpty)

            try await postStripe(P.event(events[events.count - 1].type, object: events[events.count - 1].object), to: client)
            try await Self.runSubscription(member, to: client)
            #expect(try await Self.activeTiers(store, member) == ["vip"])
            try await Self.cancelSubscription(member, to: client)
            #expect(try await Self.activeTiers(store, member).isEmpty)
            #expect(try await Self.activeTiers(store, member, at: Date().addingTimeInterval(400 * 86_400)).isEmpty)
            #expect(try await store.payments.count(processor: "stripe") == 1)
            #expect(try await C.balance(store, member) == 500)
        }
    }

    @Test(arguments: TestDatabase.allCases, orders.indices)
    func anyOrderGrantsCreditsOnceAndTheTierOnlyWhileSubscribed(database: TestDatabase, index: Int) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            let member = try await C.member(store, email: "vip@example.com")
            let (scenario, order) = Self.orders[index]
            for event in order {
                let (type, object) = Self.scenarios[scenario][event]
                try await postStripe(P.event(type, object: object), to: client)
                try await postStripe(P.event(type, object: object), to: client)  // a redelivery under a new event id
            }
            #expect(try await store.payments.count(processor: "stripe") == 1)
            let payment = try #require(try await store.payments.list().first)
            #expect(payment.status == .completed && payment.subscriptionID == "sub_1VipMonthly")
            #expect(try await C.entries(store, member, type: .grantPurchase).map(\.amount) == [500])
            #expect(try await Self.activeTiers(store, member).isEmpty)
            try await Self.runSubscription(member, to: client)
            #expect(try await store.access.entitlements(userID: member).map(\.product) == ["vip"])
            try await Self.cancelSubscription(member, to: client)
            #expect(try await Self.activeTiers(store, member).isEmpty)
        }
    }
}
