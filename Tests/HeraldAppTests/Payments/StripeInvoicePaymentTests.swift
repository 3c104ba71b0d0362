import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import HeraldTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Invoices from Stripe API versions 2025-03-31 on: the invoice no longer names its
/// payment intent (nor the payment intent and charge their invoice); an
/// `invoice_payment` links them, or the invoice's expanded `payments` list.
@Suite struct StripeInvoicePaymentTests {
    typealias P = StripePayloads
    typealias C = PaymentChecks

    /// Shaped on the 2025-03-31 `invoice` object: no `payment_intent`, `charge` or `paid`.
    static func invoice(id: String = "in_1OneOff", amount: Int = 2000, payments: [String]? = nil) -> [String: Any] {
        var invoice: [String: Any] = [
            "id": id, "object": "invoice", "amount_due": amount, "amount_paid": amount, "amount_remaining": 0, "amount_overpaid": 0,
            "attempt_count": 1, "billing_reason": "manual", "collection_method": "charge_automatically", "currency": "usd",
            "customer": "cus_QAbCdEfGh", "customer_email": "ada@example.com", "livemode": false, "parent": NSNull(), "status": "paid",
            "status_transitions": ["paid_at": P.now, "finalized_at": P.now - 60],
            "lines": [
                "object": "list", "has_more": false, "total_count": 1, "url": "/v1/invoices/\(id)/lines",
                "data": [["id": "il_1", "object": "line_item", "amount": amount, "currency": "usd", "quantity": 1,
                          "pricing": ["type": "price_details", "price_details": ["price": "price_1PaidAIPack", "product": "prod_Pack"]]]],
            ],
        ]
        if let payments {
            invoice["payments"] = [
                "object": "list", "has_more": false, "url": "/v1/invoice_payments",
                "data": payments.map { ["id": "inpay_\($0)", "object": "invoice_payment", "status": "paid", "payment": ["type": "payment_intent", "payment_intent": $0]] },
            ]
        }
        return invoice
    }

    /// Shaped on Stripe's documented `invoice_payment` object.
    static func invoicePayment(invoice: String = "in_1OneOff", paymentIntent: String = "pi_3Invoice", amount: Int = 2000) -> [String: Any] {
        [
            "id": "inpay_1M3USa2eZvKYlo2CBjuwbq0N", "object": "invoice_payment", "amount_paid": amount, "amount_requested": amount,
            "created": P.now, "currency": "usd", "invoice": invoice, "is_default": true, "livemode": false,
            "payment": ["type": "payment_intent", "payment_intent": paymentIntent], "status": "paid",
            "status_transitions": ["canceled_at": NSNull(), "paid_at": P.now],
        ]
    }

    /// The four events about one invoice's money, a quarter of it refunded.
    static var events: [(type: String, object: [String: Any])] {[
        ("invoice.paid", invoice()),
        ("invoice_payment.paid", invoicePayment()),
        ("payment_intent.succeeded", P.paymentIntent(id: "pi_3Invoice")),
        ("charge.refunded", P.charge(id: "ch_3Invoice", paymentIntent: "pi_3Invoice", refunded: 500)),
    ]}

    static func permutations<T>(_ items: [T]) -> [[T]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index in
            var rest = items
            let first = rest.remove(at: index)
            return permutations(rest).map { [first] + $0 }
        }
    }

    static let orders = permutations(Array(0..<4))

    @Test(arguments: TestDatabase.allCases, 0..<24)
    func oneInvoiceInAnyOrderIsOnePaymentGrantedAndRefundedOnce(database: TestDatabase, order: Int) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            let member = try await C.member(store, email: "ada@example.com")
            for index in Self.orders[order] {
                let (type, object) = Self.events[index]
                try await postStripe(P.event(type, object: object), to: client)
                try await postStripe(P.event(type, object: object), to: client)  // a redelivery under a new event id
            }
            #expect(try await store.payments.count(processor: "stripe") == 1)
            let payment = try #require(try await store.payments.list().first)
            #expect(payment.externalID == "pi_3Invoice" || payment.externalID == "in_1OneOff")
            #expect(payment.status == .completed && payment.amountMinor == 2000 && payment.amountRefundedMinor == 500)
            #expect(payment.product == "ai_pack" && payment.userID == member)
            let ids = try await store.paymentAliases.aliases(paymentID: payment.id) + [payment.externalID]
            #expect(Set(ids).isSuperset(of: ["pi_3Invoice", "in_1OneOff"]))
            #expect(try await C.entries(store, member, type: .grantPurchase).map(\.amount) == [100])
            #expect(try await C.entries(store, member, type: .refund).map(\.amount) == [-25])
            #expect(try await C.balance(store, member) == 75)
            #expect(try await C.outbox(store, template: "payment_refunded_admin").count == 2)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func anInvoiceListingItsPaymentsLinksThePaymentIntent(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            let member = try await C.member(store, email: "ada@example.com")
            try await postStripe(P.event("payment_intent.succeeded", object: P.paymentIntent(id: "pi_3Invoice")), to: client)
            try await postStripe(P.event("charge.refunded", object: P.charge(id: "ch_3Invoice", paymentIntent: "pi_3Invoice", refunded: 2000)), to: client)
            try await postStripe(P.event("invoice.paid", object: Self.invoice(payments: ["pi_3Invoice"])), to: client)
            #expect(try await store.payments.count(processor: "stripe") == 1)
            let payment = try #require(try await store.payments.find(processor: "stripe", externalID: "pi_3Invoice"))
            #expect(payment.status == .refunded && payment.product == "ai_pack")
            #expect(try await C.balance(store, member) == 0)
            #expect(try await !C.isPaid(store, member))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func anInvoicePaidWithoutAPaymentIntentIsKeyedByTheInvoice(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            let member = try await C.member(store, email: "ada@example.com")
            for _ in 0..<3 { try await postStripe(P.event("invoice.paid", object: Self.invoice(id: "in_1OutOfBand")), to: client) }
            #expect(try await store.payments.count(processor: "stripe") == 1)
            #expect(try await store.payments.find(processor: "stripe", externalID: "in_1OutOfBand")?.status == .completed)
            #expect(try await C.balance(store, member) == 100)
        }
    }
}
