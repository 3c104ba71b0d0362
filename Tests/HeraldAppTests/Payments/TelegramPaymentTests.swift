import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import HeraldTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct TelegramPaymentTests {
    typealias C = PaymentChecks

    static func preCheckout(updateID: Int, payload: String, amount: Int = 100, currency: String = "XTR") -> String {
        let update: [String: Any] = [
            "update_id": updateID,
            "pre_checkout_query": [
                "id": "4482828389293\(updateID)", "from": ["id": 5551234, "is_bot": false, "first_name": "Ada", "language_code": "es"],
                "currency": currency, "total_amount": amount, "invoice_payload": payload,
            ],
        ]
        return String(decoding: try! JSONSerialization.data(withJSONObject: update, options: [.sortedKeys]), as: UTF8.self)
    }

    static func successfulPayment(updateID: Int, chargeID: String = "stxAbCdEf123", payload: String = "stars_pack_100", from: Int64 = 5551234) -> String {
        let update: [String: Any] = [
            "update_id": updateID,
            "message": [
                "message_id": 900 + updateID, "date": Int(Date().timeIntervalSince1970),
                "from": ["id": from, "is_bot": false, "first_name": "Ada", "last_name": "L", "language_code": "es"],
                "chat": ["id": from, "type": "private", "first_name": "Ada"],
                "successful_payment": [
                    "currency": "XTR", "total_amount": 100, "invoice_payload": payload,
                    "telegram_payment_charge_id": chargeID, "provider_payment_charge_id": "",
                ],
            ],
        ]
        return String(decoding: try! JSONSerialization.data(withJSONObject: update, options: [.sortedKeys]), as: UTF8.self)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test(arguments: TestDatabase.allCases)
    func aKnownProductAtItsPriceIsAccepted(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, _, _ in
            let answer = try Self.json(try await postTelegram(Self.preCheckout(updateID: 1, payload: "stars_pack_100"), to: client))
            #expect(answer["method"] as? String == "answerPreCheckoutQuery")
            #expect(answer["pre_checkout_query_id"] as? String == "44828283892931")
            #expect(answer["ok"] as? Bool == true)
            #expect(answer["error_message"] == nil)
        }
    }

    @Test(arguments: [
        ("unknown_payload", 100, "XTR", "no longer available"),
        ("stars_pack_100", 99, "XTR", "price"),
        ("stars_pack_100", 100, "USD", "price"),
    ])
    func anUnknownProductOrAWrongPriceIsRefused(payload: String, amount: Int, currency: String, reason: String) async throws {
        try await withPaymentApplication(.sqlite) { client, _, _ in
            let body = Self.preCheckout(updateID: 2, payload: payload, amount: amount, currency: currency)
            let answer = try Self.json(try await postTelegram(body, to: client))
            #expect(answer["method"] as? String == "answerPreCheckoutQuery")
            #expect(answer["ok"] as? Bool == false)
            #expect((answer["error_message"] as? String)?.contains(reason) == true)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aSuccessfulPaymentIsRecordedAndGrantedOnceWhenRepeated(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            for updateID in 10..<13 {
                #expect(try await postTelegram(Self.successfulPayment(updateID: updateID), to: client) == #"{"status":"processed"}"#)
            }
            #expect(try await store.payments.count(processor: "telegram") == 1)
            let payment = try #require(try await store.payments.find(processor: "telegram", externalID: "stxAbCdEf123"))
            #expect(payment.status == .completed && payment.amountMinor == 100 && payment.currency == "xtr" && payment.product == "stars_pack")
            let member = try #require(payment.userID)
            let user = try #require(try await store.users.find(id: member))
            #expect(user.telegramID == 5551234 && user.locale == "es" && user.displayName == "Ada L")
            #expect(try await C.balance(store, member) == 20)
            #expect(try await C.entries(store, member, type: .grantPurchase).count == 1)
            let receipt = try #require(try await C.outbox(store, template: "payment_receipt").first)
            #expect(receipt.channel == "telegram.message" && receipt.destination == "5551234")
            #expect(receipt.body.contains("Pago recibido: 100 XTR"))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func anUnknownPayloadIsStoredFailedAndAlerted(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            let answer = try await postTelegram(Self.successfulPayment(updateID: 20, payload: "gone"), to: client)
            #expect(answer == #"{"status":"failed"}"#)
            #expect(try await store.inbox.find(source: "telegram", eventID: "20")?.error?.contains("'gone'") == true)
            #expect(try await C.outbox(store, template: "payment_event_failed").count == 2)
        }
    }

    @Test func aMessageWithoutPaymentIsIgnored() async throws {
        try await withPaymentApplication(.sqlite) { client, _, _ in
            // A group message that is neither a command nor a payment (private ones go to the messenger inbox).
            let update = #"{"update_id":30,"message":{"message_id":1,"date":1718000000,"chat":{"id":-5,"type":"group"},"from":{"id":5,"is_bot":false,"first_name":"A"},"text":"hello"}}"#
            let answer = try await postTelegram(update, to: client)
            #expect(answer == #"{"status":"ignored"}"#)
        }
    }
}
