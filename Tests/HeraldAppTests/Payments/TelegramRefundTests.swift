import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import HeraldTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Telegram Stars refunds: a `message` carrying `refunded_payment` (Bot API `RefundedPayment`).
@Suite struct TelegramRefundTests {
    typealias C = PaymentChecks
    typealias T = TelegramPaymentTests

    static let yaml = PaymentFixtures.catalogue + """

            stars_accelerator:
              name: Stars accelerator
              ids: [stars_accelerator_30]
              credits: {ai: 40}
              tier: accelerator
              days: 30
              price: {amount: 250, currency: XTR}
        """

    /// Shaped on the Bot API: a service message from the payer with `refunded_payment`.
    static func refundedPayment(updateID: Int, chargeID: String = "stxAbCdEf123", payload: String = "stars_pack_100", amount: Int = 100, from: Int64 = 5551234)
        -> String
    {
        let update: [String: Any] = [
            "update_id": updateID,
            "message": [
                "message_id": 900 + updateID, "date": Int(Date().timeIntervalSince1970),
                "from": ["id": from, "is_bot": false, "first_name": "Ada", "last_name": "L", "language_code": "es"],
                "chat": ["id": from, "type": "private", "first_name": "Ada"],
                "refunded_payment": [
                    "currency": "XTR", "total_amount": amount, "invoice_payload": payload, "telegram_payment_charge_id": chargeID,
                ],
            ],
        ]
        return String(decoding: try! JSONSerialization.data(withJSONObject: update, options: [.sortedKeys]), as: UTF8.self)
    }

    static func successfulPayment(updateID: Int, chargeID: String, payload: String, amount: Int) -> String {
        T.successfulPayment(updateID: updateID, chargeID: chargeID, payload: payload)
            .replacingOccurrences(of: #""total_amount":100"#, with: #""total_amount":\#(amount)"#)
    }

    @Test(arguments: TestDatabase.allCases)
    func aRefundReversesTheGrantAndRevokesTheTierOnceWhenRepeated(database: TestDatabase) async throws {
        try await withPaymentApplication(database, yaml: Self.yaml) { client, store, _ in
            let paid = Self.successfulPayment(updateID: 1, chargeID: "stxAccel1", payload: "stars_accelerator_30", amount: 250)
            #expect(try await postTelegram(paid, to: client) == #"{"status":"processed"}"#)
            let payment = try #require(try await store.payments.find(processor: "telegram", externalID: "stxAccel1"))
            let member = try #require(payment.userID)
            #expect(try await C.balance(store, member) == 40)
            #expect(try await store.access.entitlements(userID: member).filter { $0.isActive(at: Date()) }.map(\.product) == ["accelerator"])

            for updateID in 2..<5 {
                let refund = Self.refundedPayment(updateID: updateID, chargeID: "stxAccel1", payload: "stars_accelerator_30", amount: 250)
                #expect(try await postTelegram(refund, to: client) == #"{"status":"processed"}"#)
            }
            let refunded = try #require(try await store.payments.find(processor: "telegram", externalID: "stxAccel1"))
            #expect(refunded.status == .refunded && refunded.amountRefundedMinor == 250)
            #expect(try await store.payments.count(processor: "telegram") == 1)
            #expect(try await C.balance(store, member) == 0)
            #expect(try await C.entries(store, member, type: .refund).map(\.amount) == [-40])
            #expect(try await store.access.entitlements(userID: member).allSatisfy { !$0.isActive(at: Date()) })
            let alerts = try await C.outbox(store, template: "payment_refunded_admin")
            #expect(alerts.map(\.destination).sorted() == [PaymentFixtures.discordAdminChannel, PaymentFixtures.telegramAdminChat].sorted())
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aRefundOfSpentStarsCreditsTakesBackToZeroAndRecordsTheShortfall(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            try await postTelegram(T.successfulPayment(updateID: 10), to: client)
            let payment = try #require(try await store.payments.find(processor: "telegram", externalID: "stxAbCdEf123"))
            let member = try #require(payment.userID)
            try await store.ledger.apply(try BalanceChange(userID: member, currency: C.ai, amount: -15, type: .spendShop))

            try await postTelegram(Self.refundedPayment(updateID: 11), to: client)
            #expect(try await C.balance(store, member) == 0)
            let grants = try await store.paymentGrants.creditGrants(paymentID: payment.id)
            #expect(grants.map(\.granted) == [20] && grants.map(\.reversed) == [5] && grants.map(\.shortfall) == [15])
            let alert = try #require(try await C.outbox(store, template: "payment_refunded_admin").first)
            #expect(alert.body.contains("15"))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aRefundArrivingBeforeItsPaymentLeavesOnePaymentAndNothingGranted(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            try await postTelegram(Self.refundedPayment(updateID: 20), to: client)
            try await postTelegram(T.successfulPayment(updateID: 21), to: client)
            try await postTelegram(T.successfulPayment(updateID: 22), to: client)
            #expect(try await store.payments.count(processor: "telegram") == 1)
            let payment = try #require(try await store.payments.find(processor: "telegram", externalID: "stxAbCdEf123"))
            #expect(payment.status == .refunded)
            let member = try #require(payment.userID)
            #expect(try await C.balance(store, member) == 0)
            #expect(try await C.entries(store, member, type: .grantPurchase).count == 1)
            #expect(try await C.entries(store, member, type: .refund).count == 1)
            #expect(try await C.outbox(store, template: "payment_receipt").isEmpty)
        }
    }

    @Test func theBotHandlerPassesRefundsToPayments() async throws {
        try await withPaymentApplication(.sqlite, shippedHandlers: true) { client, store, _ in
            let paid = try await postTelegram(T.successfulPayment(updateID: 30), to: client)
            let refunded = try await postTelegram(Self.refundedPayment(updateID: 31), to: client)
            #expect(paid == #"{"status":"processed"}"# && refunded == #"{"status":"processed"}"#)
            #expect(try await store.payments.find(processor: "telegram", externalID: "stxAbCdEf123")?.status == .refunded)
        }
    }
}
