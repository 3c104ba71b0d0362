import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import HeraldTestSupport
import HeraldVerify
import Hummingbird
import HummingbirdTesting
import Testing

/// Paddle Billing and Lemon Squeezy through generic sources with their presets.
@Suite struct PaddleLemonSqueezyTests {
    typealias C = PaymentChecks
    static let paddleSecret = "pdl_ntfset_01hv_test_secret"
    static let lemonSecret = "lemon-signing-secret"
    static let yaml = PaymentFixtures.catalogue + """

        sources:
          paddle:
            preset: paddle
            secret: "\(paddleSecret)"
          lemon:
            preset: lemonsqueezy
            secret: "\(lemonSecret)"
        """

    static func post(_ source: String, _ body: String, scheme: HMACScheme, secret: String, to client: some TestClientProtocol) async throws -> String {
        var headers: HTTPFields = [.contentType: "application/json"]
        for header in GenericHMACSigner(scheme: scheme, secret: secret).signatureHeaders(body: Array(body.utf8), timestamp: Date(), id: nil) {
            headers[.init(header.name)!] = header.value
        }
        return try await client.execute(uri: "/webhooks/\(source)", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
            #expect(response.status == .ok)
            return String(buffer: response.body)
        }
    }

    static func json(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// Shaped on Paddle Billing's notification and `transaction` entity.
    static func paddleTransaction(eventID: String, type: String = "transaction.completed", member: Int64) -> String {
        json([
            "event_id": eventID, "event_type": type, "occurred_at": "2026-12-01T10:18:49.738972Z", "notification_id": "ntf_\(eventID)",
            "data": [
                "id": "txn_01hv8wptq8987qeep44cyrewp9", "status": "completed", "customer_id": "ctm_01hv6y1jedq4p1n0yqn5ba3ky4",
                "currency_code": "USD", "origin": "web", "subscription_id": NSNull(),
                "custom_data": ["herald_user_id": String(member)],
                "items": [["price": ["id": "price_1PaidAIPack", "product_id": "pro_01gsz4t5hdjse780zja8vvr7jg"], "quantity": 1]],
                "details": ["totals": ["subtotal": "2000", "tax": "0", "total": "2000", "grand_total": "2000", "currency_code": "USD"]],
            ],
        ])
    }

    static func paddleRefund(eventID: String, type: String) -> String {
        json([
            "event_id": eventID, "event_type": "adjustment.updated", "occurred_at": "2026-12-01T11:00:00.000Z",
            "data": [
                "id": "adj_01hvgf2s84dr6reszzg29zbvcm", "action": "refund", "type": type, "status": "approved",
                "transaction_id": "txn_01hv8wptq8987qeep44cyrewp9", "customer_id": "ctm_01hv6y1jedq4p1n0yqn5ba3ky4", "currency_code": "USD",
                "totals": ["subtotal": "1000", "tax": "0", "total": "1000", "currency_code": "USD"],
            ],
        ])
    }

    @Test(arguments: TestDatabase.allCases)
    func aPaddleTransactionGrantsOnceAndAFullRefundReversesIt(database: TestDatabase) async throws {
        try await withPaymentApplication(database, yaml: Self.yaml) { client, store, _ in
            let member = try await C.member(store, email: "ada@example.com")
            for eventID in ["evt_01hv8wpts6vr3d2m1tk5n2y8qr", "evt_01hv8wpts6vr3d2m1tk5n2y8qr", "evt_01hv8wq0000000000000000000"] {
                try await Self.post("paddle", Self.paddleTransaction(eventID: eventID, member: member), scheme: .paddle, secret: Self.paddleSecret, to: client)
            }
            #expect(try await store.payments.count(processor: "paddle") == 1)
            let payment = try #require(try await store.payments.find(processor: "paddle", externalID: "txn_01hv8wptq8987qeep44cyrewp9"))
            #expect(payment.status == .completed && payment.amountMinor == 2000 && payment.product == "ai_pack" && payment.userID == member)
            #expect(try await C.balance(store, member) == 100)

            try await Self.post("paddle", Self.paddleRefund(eventID: "evt_01hvrefund", type: "full"), scheme: .paddle, secret: Self.paddleSecret, to: client)
            #expect(try await store.payments.find(processor: "paddle", externalID: "txn_01hv8wptq8987qeep44cyrewp9")?.status == .refunded)
            #expect(try await C.balance(store, member) == 0)
            #expect(try await !C.isPaid(store, member))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aPaddleSubscriptionGivesItsTier(database: TestDatabase) async throws {
        try await withPaymentApplication(database, yaml: Self.yaml) { client, store, _ in
            let member = try await C.member(store)
            let ends = ISO8601DateFormatter().string(from: Date().addingTimeInterval(20 * 86_400))
            let body = Self.json([
                "event_id": "evt_01hvsub", "event_type": "subscription.activated", "occurred_at": "2026-12-01T10:00:00Z",
                "data": [
                    "id": "sub_01hv8x29kz0t586xy6zn1a62ny", "status": "active", "customer_id": "ctm_01hv6y1jedq4p1n0yqn5ba3ky4",
                    "custom_data": ["herald_user_id": member], "started_at": "2026-11-01T10:00:00Z", "scheduled_change": NSNull(),
                    "current_billing_period": ["starts_at": "2026-11-21T10:00:00Z", "ends_at": ends],
                    "items": [["status": "active", "quantity": 1, "price": ["id": "price_1VipMonthly", "product_id": "prod_VipMonthly"]]],
                ],
            ])
            #expect(try await Self.post("paddle", body, scheme: .paddle, secret: Self.paddleSecret, to: client) == #"{"status":"processed"}"#)
            #expect(try await store.access.entitlements(userID: member).filter { $0.isActive(at: Date()) }.map(\.product) == ["vip"])
            #expect(try await store.subscriptions.find(processor: "paddle", externalID: "sub_01hv8x29kz0t586xy6zn1a62ny")?.status == .active)
        }
    }

    /// Shaped on Lemon Squeezy's `order` object and webhook `meta`.
    static func lemonOrder(_ event: String, status: String, refunded: Int, email: String = "grace@example.com") -> String {
        json([
            "meta": ["event_name": event, "test_mode": true, "webhook_id": "0b7b2f9e-5c7b-4b2e-9d52-1f2e5c9f4a10", "custom_data": ["campaign": "winter"]],
            "data": [
                "type": "orders", "id": "1",
                "attributes": [
                    "store_id": 1, "customer_id": 1, "identifier": "104e18a2-d755-4d4b-80c4-a6c1dcbe1c10", "order_number": 1,
                    "user_name": "Grace Hopper", "user_email": email, "currency": "USD", "subtotal": 2000, "total": 2000,
                    "status": status, "refunded": refunded > 0, "refunded_amount": refunded,
                    "first_order_item": ["id": 1, "order_id": 1, "product_id": 1, "variant_id": 4242, "product_name": "AI pack", "price": 2000],
                    "created_at": "2026-12-01T09:00:00.000000Z", "updated_at": "2026-12-01T09:00:00.000000Z",
                ],
            ],
        ])
    }

    @Test(arguments: TestDatabase.allCases)
    func aLemonSqueezyOrderIsFoundByEmailAndPartlyRefunded(database: TestDatabase) async throws {
        let yaml = Self.yaml.replacingOccurrences(of: "ids: [price_1PaidAIPack]", with: "ids: [price_1PaidAIPack, \"4242\"]")
        try await withPaymentApplication(database, yaml: yaml) { client, store, _ in
            let member = try await C.member(store, email: "grace@example.com")
            let created = Self.lemonOrder("order_created", status: "paid", refunded: 0)
            #expect(try await Self.post("lemon", created, scheme: .lemonsqueezy, secret: Self.lemonSecret, to: client) == #"{"status":"processed"}"#)
            #expect(try await C.balance(store, member) == 100)
            let refunded = Self.lemonOrder("order_refunded", status: "partial_refund", refunded: 500)
            try await Self.post("lemon", refunded, scheme: .lemonsqueezy, secret: Self.lemonSecret, to: client)
            #expect(try await C.balance(store, member) == 75)
            let payment = try #require(try await store.payments.find(processor: "lemonsqueezy", externalID: "1"))
            #expect(payment.status == .completed && payment.amountRefundedMinor == 500)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aLemonSqueezyOrderForAnUnknownVariantIsStoredFailed(database: TestDatabase) async throws {
        try await withPaymentApplication(database, yaml: Self.yaml) { client, store, _ in
            _ = try await C.member(store, email: "grace@example.com")
            let created = Self.lemonOrder("order_created", status: "paid", refunded: 0)
            #expect(try await Self.post("lemon", created, scheme: .lemonsqueezy, secret: Self.lemonSecret, to: client) == #"{"status":"failed"}"#)
            #expect(try await C.outbox(store, template: "payment_event_failed").count == 2)
        }
    }
}
