import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import HeraldTestSupport
import HeraldVerify
import Hummingbird
import HummingbirdTesting
import Testing

/// Paddle partial refunds: each approved refund adjustment adds its own amount once.
@Suite struct PaddleRefundTests {
    typealias C = PaymentChecks
    typealias P = PaddleLemonSqueezyTests
    static let transaction = "txn_01hv8wptq8987qeep44cyrewp9"

    /// Shaped on Paddle Billing's `adjustment` entity (amounts are strings in the lowest unit).
    static func adjustment(eventID: String, id: String, type: String = "partial", total: Int, status: String = "approved", created: Bool = false)
        -> String
    {
        P.json([
            "event_id": eventID, "event_type": created ? "adjustment.created" : "adjustment.updated",
            "occurred_at": "2026-12-01T11:00:00.000Z", "notification_id": "ntf_\(eventID)",
            "data": [
                "id": id, "action": "refund", "type": type, "status": status, "reason": "customer request",
                "transaction_id": transaction, "customer_id": "ctm_01hv6y1jedq4p1n0yqn5ba3ky4", "currency_code": "USD",
                "items": [["item_id": "txnitm_01hv8wptq8987qeep44cyrewp9", "type": type, "amount": String(total)]],
                "totals": ["subtotal": String(total), "tax": "0", "total": String(total), "fee": "0", "earnings": "0", "currency_code": "USD"],
            ],
        ])
    }

    static func post(_ body: String, to client: some TestClientProtocol) async throws {
        try await P.post("paddle", body, scheme: .paddle, secret: P.paddleSecret, to: client)
    }

    @Test(arguments: TestDatabase.allCases)
    func partialRefundsAddUpOnceEachAndAFullRefundTakesTheRest(database: TestDatabase) async throws {
        try await withPaymentApplication(database, yaml: P.yaml) { client, store, _ in
            let member = try await C.member(store)
            try await Self.post(P.paddleTransaction(eventID: "evt_txn", member: member), to: client)
            #expect(try await C.balance(store, member) == 100)

            // The first partial refund: pending, then approved (twice, as a redelivery would).
            try await Self.post(Self.adjustment(eventID: "evt_a1", id: "adj_first", total: 300, status: "pending_approval", created: true), to: client)
            #expect(try await C.balance(store, member) == 100)
            try await Self.post(Self.adjustment(eventID: "evt_a2", id: "adj_first", total: 300), to: client)
            try await Self.post(Self.adjustment(eventID: "evt_a3", id: "adj_first", total: 300), to: client)
            #expect(try await store.payments.find(processor: "paddle", externalID: Self.transaction)?.amountRefundedMinor == 300)
            #expect(try await C.balance(store, member) == 85)

            // A second partial refund adds to the first: 500 of 2000 refunded, a quarter of the credits.
            try await Self.post(Self.adjustment(eventID: "evt_b1", id: "adj_second", total: 200, created: true), to: client)
            try await Self.post(Self.adjustment(eventID: "evt_b2", id: "adj_second", total: 200), to: client)
            let partly = try #require(try await store.payments.find(processor: "paddle", externalID: Self.transaction))
            #expect(partly.status == .completed && partly.amountRefundedMinor == 500)
            #expect(try await C.balance(store, member) == 75)
            #expect(try await C.isPaid(store, member))

            try await Self.post(Self.adjustment(eventID: "evt_c1", id: "adj_full", type: "full", total: 1500), to: client)
            let refunded = try #require(try await store.payments.find(processor: "paddle", externalID: Self.transaction))
            #expect(refunded.status == .refunded && refunded.amountRefundedMinor == 2000)
            #expect(try await C.balance(store, member) == 0)
            #expect(try await C.entries(store, member, type: .refund).map(\.amount).sorted() == [-75, -15, -10])
            #expect(try await !C.isPaid(store, member))
            #expect(try await store.payments.count(processor: "paddle") == 1)
            #expect(try await C.outbox(store, template: "payment_refunded_admin").count == 6)  // three refunds, two admin channels
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func partialRefundsBeforeTheirTransactionStillAddUp(database: TestDatabase) async throws {
        try await withPaymentApplication(database, yaml: P.yaml) { client, store, _ in
            let member = try await C.member(store)
            try await Self.post(Self.adjustment(eventID: "evt_b", id: "adj_second", total: 200), to: client)
            try await Self.post(Self.adjustment(eventID: "evt_a", id: "adj_first", total: 300), to: client)
            try await Self.post(Self.adjustment(eventID: "evt_b_again", id: "adj_second", total: 200), to: client)
            try await Self.post(P.paddleTransaction(eventID: "evt_txn", member: member), to: client)
            try await Self.post(P.paddleTransaction(eventID: "evt_txn_again", member: member), to: client)
            #expect(try await store.payments.count(processor: "paddle") == 1)
            let payment = try #require(try await store.payments.find(processor: "paddle", externalID: Self.transaction))
            #expect(payment.status == .completed && payment.amountMinor == 2000 && payment.amountRefundedMinor == 500)
            #expect(try await C.balance(store, member) == 75)
            #expect(try await C.entries(store, member, type: .grantPurchase).count == 1)
        }
    }
}
