import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import HeraldTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Testing

@Suite struct StripePaymentTests {
    typealias P = StripePayloads
    typealias C = PaymentChecks

    @Test(arguments: TestDatabase.allCases)
    func aPaidCheckoutGrantsCreditsAndThePaidFlagWithAReceipt(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            let member = try await store.users.create(NewUser(email: "ada@example.com", discordID: "80351110224678912", telegramID: 4242))
            let body = P.event("checkout.session.completed", object: P.checkoutSession(clientReferenceID: String(member.id)))
            #expect(try await postStripe(body, to: client) == #"{"status":"processed"}"#)

            let payment = try #require(try await store.payments.find(processor: "stripe", externalID: "pi_3PaidAIPack"))
            #expect(payment.status == .completed)
            #expect(payment.userID == member.id)
            #expect(payment.product == "ai_pack")
            #expect(payment.amountMinor == 2000 && payment.currency == "usd")
            #expect(try await C.balance(store, member.id) == 100)
            #expect(try await C.isPaid(store, member.id))
            let receipts = try await C.outbox(store, template: "payment_receipt")
            #expect(receipts.map(\.channel).sorted() == ["discord.dm", "telegram.message"])
            #expect(receipts.allSatisfy { $0.body.contains("20.00 USD") && $0.body.contains("AI pack") })
            // The customer is now linked to the member for later events.
            let linked = try await store.backend.withConnection { db in
                try await AccessRepository.userID(processor: "stripe", customerID: "cus_QAbCdEfGh", on: db)
            }
            #expect(linked == member.id)
        }
    }

    @Test func theShippedHandlersIncludePayments() async throws {
        try await withPaymentApplication(.sqlite, shippedHandlers: true) { client, store, _ in
            let member = try await C.member(store, email: "ada@example.com")
            #expect(try await postStripe(P.event("checkout.session.completed", object: P.checkoutSession()), to: client) == #"{"status":"processed"}"#)
            #expect(try await C.balance(store, member) == 100)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func theSameEventFiveTimesGrantsOnce(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            let member = try await C.member(store, email: "ada@example.com")
            let body = P.event("checkout.session.completed", object: P.checkoutSession())
            for attempt in 0..<5 {
                let answer = try await postStripe(body, to: client)
                #expect(answer == (attempt == 0 ? #"{"status":"processed"}"# : #"{"status":"duplicate"}"#))
            }
            #expect(try await store.payments.count(processor: "stripe") == 1)
            #expect(try await C.entries(store, member, type: .grantPurchase).count == 1)
            #expect(try await C.balance(store, member) == 100)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func fiveEventsAboutOnePaymentInAnyOrderMakeOneRowAndOneGrant(database: TestDatabase) async throws {
        var generator = SeededGenerator(seed: 0x5EED)
        for round in 0..<3 {
            let events = [
                P.event("checkout.session.completed", object: P.checkoutSession(paymentStatus: "unpaid")),
                P.event("checkout.session.async_payment_succeeded", object: P.checkoutSession(paymentStatus: "paid")),
                P.event("payment_intent.payment_failed", object: P.paymentIntent(status: "requires_payment_method")),
                P.event("payment_intent.succeeded", object: P.paymentIntent()),
                P.event("charge.refunded", object: P.charge(refunded: 1000)),
            ].shuffled(using: &generator)
            try await withPaymentApplication(database) { client, store, _ in
                let member = try await C.member(store, email: "ada@example.com")
                for event in events { try await postStripe(event, to: client) }
                #expect(try await store.payments.count(processor: "stripe") == 1, "round \(round)")
                let payment = try #require(try await store.payments.find(processor: "stripe", externalID: "pi_3PaidAIPack"))
                #expect(payment.status == .completed)
                #expect(payment.amountRefundedMinor == 1000)
                #expect(try await C.entries(store, member, type: .grantPurchase).count == 1)
                #expect(try await C.entries(store, member, type: .refund).map(\.amount) == [-50])
                #expect(try await C.balance(store, member) == 50)
            }
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func anAsyncPaymentStaysPendingUntilItSucceedsOrFails(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            let member = try await C.member(store, email: "ada@example.com")
            try await postStripe(P.event("checkout.session.completed", object: P.checkoutSession(paymentStatus: "unpaid")), to: client)
            #expect(try await store.payments.find(processor: "stripe", externalID: "pi_3PaidAIPack")?.status == .pending)
            #expect(try await C.balance(store, member) == 0)

            try await postStripe(P.event("checkout.session.async_payment_failed", object: P.checkoutSession(paymentStatus: "unpaid")), to: client)
            #expect(try await store.payments.find(processor: "stripe", externalID: "pi_3PaidAIPack")?.status == .failed)
            #expect(try await C.balance(store, member) == 0)
            let alerts = try await C.outbox(store, template: "payment_failed_admin")
            #expect(alerts.map(\.destination).sorted() == [PaymentFixtures.discordAdminChannel, PaymentFixtures.telegramAdminChat].sorted())

            let other = P.checkoutSession(id: "cs_test_async2", paymentIntent: "pi_3Async2", paymentStatus: "unpaid")
            try await postStripe(P.event("checkout.session.completed", object: other), to: client)
            var paid = other
            paid["payment_status"] = "paid"
            try await postStripe(P.event("checkout.session.async_payment_succeeded", object: paid), to: client)
            #expect(try await store.payments.find(processor: "stripe", externalID: "pi_3Async2")?.status == .completed)
            #expect(try await C.balance(store, member) == 100)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aPaymentIntentAloneIsRecordedWithoutGranting(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            #expect(try await postStripe(P.event("payment_intent.succeeded", object: P.paymentIntent(customer: nil)), to: client) == #"{"status":"processed"}"#)
            let payment = try #require(try await store.payments.find(processor: "stripe", externalID: "pi_3PaidAIPack"))
            #expect(payment.status == .completed && payment.userID == nil && payment.product == nil)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func theMemberIsFoundByStoredCustomerThenByEmail(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            let byEmail = try await C.member(store, email: "Grace@Example.com")
            let session = P.checkoutSession(id: "cs_1", paymentIntent: "pi_1", customer: "cus_Grace", email: "grace@example.com")
            try await postStripe(P.event("checkout.session.completed", object: session), to: client)
            #expect(try await C.balance(store, byEmail) == 100)
            // A later purchase with another email finds her by the customer linked the first time.
            let again = P.checkoutSession(id: "cs_2", paymentIntent: "pi_2", customer: "cus_Grace", email: "other@example.com")
            try await postStripe(P.event("checkout.session.completed", object: again), to: client)
            #expect(try await C.balance(store, byEmail) == 200)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func partialThenFullRefundsReverseTheGrantOnce(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            let member = try await C.member(store, email: "ada@example.com")
            let session = P.checkoutSession(paymentIntent: "pi_Accel", product: "price_1Accelerator30")
            try await postStripe(P.event("checkout.session.completed", object: session), to: client)
            #expect(try await C.balance(store, member) == 50)
            #expect(try await store.access.entitlements(userID: member).filter { $0.isActive(at: Date()) }.map(\.product) == ["accelerator"])

            try await postStripe(P.event("charge.refunded", object: P.charge(paymentIntent: "pi_Accel", refunded: 1000)), to: client)
            try await postStripe(P.event("charge.refunded", object: P.charge(paymentIntent: "pi_Accel", refunded: 1000)), to: client)
            #expect(try await C.balance(store, member) == 25)
            #expect(try await store.access.entitlements(userID: member).filter { $0.isActive(at: Date()) }.count == 1)

            try await postStripe(P.event("charge.refunded", object: P.charge(paymentIntent: "pi_Accel", refunded: 2000)), to: client)
            #expect(try await C.balance(store, member) == 0)
            #expect(try await C.entries(store, member, type: .refund).map(\.amount) == [-25, -25])
            #expect(try await store.payments.find(processor: "stripe", externalID: "pi_Accel")?.status == .refunded)
            #expect(try await store.access.entitlements(userID: member).allSatisfy { !$0.isActive(at: Date()) })
            #expect(try await C.outbox(store, template: "payment_refunded_admin").count == 4)  // two refunds, two admin channels
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aRefundAfterCreditsWereSpentTakesBackToZeroAndRecordsTheShortfall(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            let member = try await C.member(store, email: "ada@example.com")
            try await postStripe(P.event("checkout.session.completed", object: P.checkoutSession()), to: client)
            try await store.ledger.apply(try BalanceChange(userID: member, currency: C.ai, amount: -80, type: .spendShop))
            #expect(try await C.isPaid(store, member))

            try await postStripe(P.event("charge.refunded", object: P.charge(refunded: 2000)), to: client)
            #expect(try await C.balance(store, member) == 0)
            let payment = try #require(try await store.payments.find(processor: "stripe", externalID: "pi_3PaidAIPack"))
            let grants = try await store.paymentGrants.creditGrants(paymentID: payment.id)
            #expect(grants.map(\.granted) == [100] && grants.map(\.reversed) == [20] && grants.map(\.shortfall) == [80])
            #expect(try await !C.isPaid(store, member))
            let alert = try #require(try await C.outbox(store, template: "payment_refunded_admin").first)
            #expect(alert.body.contains("80"))
        }
    }
}

/// A deterministic generator, so a shuffled order that fails can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct StripeDisputeTests {
    @Test(arguments: TestDatabase.allCases)
    func aDisputeAlertsTheAdminsOnce(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            let dispute: [String: Any] = [
                "id": "dp_1Dispute", "object": "dispute", "amount": 2000, "currency": "usd", "charge": "ch_3PaidAIPack",
                "payment_intent": "pi_3PaidAIPack", "reason": "fraudulent", "status": "needs_response", "is_charge_refundable": false,
                "evidence_details": ["due_by": StripePayloads.now + 7 * 86_400, "has_evidence": false, "past_due": false, "submission_count": 0],
            ]
            for _ in 0..<2 {
                try await postStripe(StripePayloads.event("charge.dispute.created", object: dispute), to: client)
            }
            let alerts = try await PaymentChecks.outbox(store, template: "payment_disputed_admin")
            #expect(alerts.count == 2)  // Telegram and Discord admin channels, once each
            #expect(alerts.allSatisfy { $0.body.contains("20.00 USD") && $0.body.contains("ch_3PaidAIPack") && $0.body.contains("fraudulent") })
        }
    }
}
