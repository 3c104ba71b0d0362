import Foundation
import HeraldApp
import HeraldCore
import HeraldFakes
import HeraldStore
import HeraldTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// YooKassa notifications: believed only from YooKassa's addresses, and acted
/// on only as its API reports the payment.
@Suite struct YooKassaPaymentTests {
    typealias C = PaymentChecks
    typealias Y = YooKassaFixtures
    static let paymentID = "2eb8e8d1-000f-5000-9000-1b6f2b2e1a47"

    @Test(arguments: TestDatabase.allCases)
    func aConfirmedPaymentIsGrantedOnceHoweverOftenItIsNotified(database: TestDatabase) async throws {
        try await Y.withApplication(database) { client, store, fake in
            let member = try await C.member(store, email: "ivan@example.ru")
            await fake.put(Y.payment(Self.paymentID, member: member))
            let body = Y.notification("payment.succeeded", id: Self.paymentID, status: "succeeded", member: member)
            for _ in 1...5 {
                let answer = try await Y.post(body, to: client)
                #expect(answer.status == .ok)
            }
            #expect(try await store.payments.count(processor: "yookassa") == 1)
            let payment = try #require(try await store.payments.find(processor: "yookassa", externalID: Self.paymentID))
            #expect(payment.status == .completed && payment.amountMinor == 199_000 && payment.currency == "rub")
            #expect(payment.product == "ai_pack" && payment.userID == member)
            #expect(try await C.balance(store, member) == 100)
            #expect(try await C.entries(store, member, type: .grantPurchase).count == 1)
            #expect(try await C.isPaid(store, member))
            #expect(try await store.inbox.count(source: "yookassa") == 1)
            // Every delivery was read back, with the shop's credentials.
            #expect(await fake.reads == 5)
            #expect(await fake.refusedCredentials == 0)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func theAPIsCopyIsBelievedOverTheNotificationBody(database: TestDatabase) async throws {
        try await Y.withApplication(database) { client, store, fake in
            let member = try await C.member(store)
            // The body says succeeded; YooKassa says the payment was canceled.
            let canceledID = "2eb8e8d1-000f-5000-9000-0000000000c1"
            await fake.put(Y.payment(canceledID, status: "canceled", member: member))
            let lie = Y.notification("payment.succeeded", id: canceledID, status: "succeeded", member: member)
            #expect(try await Y.post(lie, to: client).status == .ok)
            #expect(try await store.payments.find(processor: "yookassa", externalID: canceledID)?.status == .failed)
            #expect(try await C.balance(store, member) == 0)

            // The body says 1.00; YooKassa says 1,990.00 was paid.
            await fake.put(Y.payment(Self.paymentID, member: member))
            let cheap = Y.notification("payment.succeeded", id: Self.paymentID, status: "succeeded", amount: "1.00", member: member)
            #expect(try await Y.post(cheap, to: client).status == .ok)
            let payment = try #require(try await store.payments.find(processor: "yookassa", externalID: Self.paymentID))
            #expect(payment.amountMinor == 199_000 && payment.status == .completed)
            #expect(try await C.balance(store, member) == 100)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aPaymentWaitingForCaptureIsPendingUntilTheAPISaysItSucceeded(database: TestDatabase) async throws {
        try await Y.withApplication(database) { client, store, fake in
            let member = try await C.member(store)
            await fake.put(Y.payment(Self.paymentID, status: "waiting_for_capture", member: member))
            let waiting = Y.notification("payment.waiting_for_capture", id: Self.paymentID, status: "waiting_for_capture", member: member)
            #expect(try await Y.post(waiting, to: client).status == .ok)
            #expect(try await store.payments.find(processor: "yookassa", externalID: Self.paymentID)?.status == .pending)
            #expect(try await C.balance(store, member) == 0)

            // The shop captures it; the notification that follows is believed because the API now agrees.
            await fake.put(Y.payment(Self.paymentID, member: member))
            #expect(try await Y.post(Y.notification("payment.succeeded", id: Self.paymentID, status: "succeeded", member: member), to: client).status == .ok)
            #expect(try await store.payments.find(processor: "yookassa", externalID: Self.paymentID)?.status == .completed)
            #expect(try await C.balance(store, member) == 100)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func anIDTheAPIDoesNotKnowIsRefusedAndNothingIsStored(database: TestDatabase) async throws {
        try await Y.withApplication(database) { client, store, fake in
            let member = try await C.member(store)
            let forged = Y.notification("payment.succeeded", id: "2eb8e8d1-000f-5000-9000-00000000f0f0", status: "succeeded", member: member)
            try await client.execute(
                uri: "/webhooks/yookassa", method: .post,
                headers: [.contentType: "application/json", .init("X-Forwarded-For")!: Y.yookassaAddress], body: ByteBuffer(string: forged)
            ) { response in
                #expect(response.status == .forbidden)
                let answer = try errorBody(response)
                #expect(answer["error"] == "unconfirmed_event")
            }
            #expect(await fake.reads == 1)
            #expect(try await store.inbox.count(source: "yookassa") == 0)
            #expect(try await store.payments.count(processor: "yookassa") == 0)
            #expect(try await C.balance(store, member) == 0)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func anAddressOutsideTheAllowlistIsRefusedBeforeTheAPIIsAsked(database: TestDatabase) async throws {
        try await Y.withApplication(database) { client, store, fake in
            let member = try await C.member(store)
            await fake.put(Y.payment(Self.paymentID, member: member))
            let body = Y.notification("payment.succeeded", id: Self.paymentID, status: "succeeded", member: member)
            for address in ["203.0.113.7", "185.71.76.32", "2001:db8::1"] {
                try await client.execute(
                    uri: "/webhooks/yookassa", method: .post,
                    headers: [.contentType: "application/json", .init("X-Forwarded-For")!: address], body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .forbidden)
                    let answer = try errorBody(response)
                    #expect(answer["error"] == "source_not_allowed")
                }
            }
            #expect(await fake.reads == 0)
            #expect(try await store.inbox.count(source: "yookassa") == 0)
            #expect(try await C.balance(store, member) == 0)
            // The IPv6 range is published too.
            #expect(try await Y.post(body, from: "2a02:5180:0:1509::5", to: client).status == .ok)
            #expect(try await C.balance(store, member) == 100)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func whileTheAPIIsDownNothingIsStoredAndTheRetriedDeliveryIsGranted(database: TestDatabase) async throws {
        try await Y.withApplication(database) { client, store, fake in
            let member = try await C.member(store)
            await fake.put(Y.payment(Self.paymentID, member: member))
            let body = Y.notification("payment.succeeded", id: Self.paymentID, status: "succeeded", member: member)
            await fake.setDown(true)
            let refused = try await Y.post(body, to: client)
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.body.contains(#""error":"upstream_failed""#))
            #expect(try await store.inbox.count(source: "yookassa") == 0)
            #expect(try await store.payments.count(processor: "yookassa") == 0)

            await fake.setDown(false)
            #expect(try await Y.post(body, to: client).status == .ok)
            #expect(try await C.balance(store, member) == 100)
            #expect(try await store.inbox.count(source: "yookassa") == 1)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func refundsTakeCreditsBackDownToZero(database: TestDatabase) async throws {
        try await Y.withApplication(database) { client, store, fake in
            let member = try await C.member(store)
            await fake.put(Y.payment(Self.paymentID, member: member))
            #expect(try await Y.post(Y.notification("payment.succeeded", id: Self.paymentID, status: "succeeded", member: member), to: client).status == .ok)

            // Half refunded: half the credits back.
            let firstRefund = "2eb8f2c4-0015-5000-8000-15a2b3c4d5e6"
            await fake.put(Y.payment(Self.paymentID, refunded: "995.00", member: member))
            await fake.put(FakeYooKassa.Refund(id: firstRefund, paymentID: Self.paymentID, amount: "995.00"))
            let first = Y.notification("refund.succeeded", id: firstRefund, status: "succeeded", amount: "995.00", paymentID: Self.paymentID)
            for _ in 1...3 { #expect(try await Y.post(first, to: client).status == .ok) }
            #expect(try await C.balance(store, member) == 50)
            let partly = try #require(try await store.payments.find(processor: "yookassa", externalID: Self.paymentID))
            #expect(partly.status == .completed && partly.amountRefundedMinor == 99_500)

            // The member spends 40; the rest is refunded: only the 10 left can be taken.
            try await store.ledger.apply(try BalanceChange(userID: member, currency: C.ai, amount: -40, type: .spendShop))
            let secondRefund = "2eb8f2c4-0015-5000-8000-15a2b3c4d5e7"
            await fake.put(Y.payment(Self.paymentID, refunded: "1990.00", member: member))
            await fake.put(FakeYooKassa.Refund(id: secondRefund, paymentID: Self.paymentID, amount: "995.00"))
            let second = Y.notification("refund.succeeded", id: secondRefund, status: "succeeded", amount: "995.00", paymentID: Self.paymentID)
            #expect(try await Y.post(second, to: client).status == .ok)
            #expect(try await C.balance(store, member) == 0)
            let refunded = try #require(try await store.payments.find(processor: "yookassa", externalID: Self.paymentID))
            #expect(refunded.status == .refunded && refunded.amountRefundedMinor == 199_000)
            let grants = try await store.paymentGrants.creditGrants(paymentID: refunded.id)
            #expect(grants.map(\.reversed) == [60] && grants.map(\.shortfall) == [40])
            #expect(try await !C.isPaid(store, member))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aRefundTheAPIDoesNotKnowChangesNothing(database: TestDatabase) async throws {
        try await Y.withApplication(database) { client, store, fake in
            let member = try await C.member(store)
            await fake.put(Y.payment(Self.paymentID, member: member))
            #expect(try await Y.post(Y.notification("payment.succeeded", id: Self.paymentID, status: "succeeded", member: member), to: client).status == .ok)
            let forged = Y.notification("refund.succeeded", id: "2eb8f2c4-0015-5000-8000-00000000dead", status: "succeeded", amount: "1990.00", paymentID: Self.paymentID)
            #expect(try await Y.post(forged, to: client).status == .forbidden)
            #expect(try await C.balance(store, member) == 100)
            #expect(try await store.payments.find(processor: "yookassa", externalID: Self.paymentID)?.status == .completed)
        }
    }
}
