import Foundation
import HeraldCore
import HeraldStore
import HeraldTestSupport
import Testing

@Suite struct PaymentRepositoryTests {
    @Test(arguments: TestDatabase.allCases)
    func eventsAboutOnePaymentMergeIntoOneRow(database: TestDatabase) async throws {
        try await database.withStore { store in
            let member = try await store.users.create(NewUser(email: "ada@example.com")).id
            let observations = [
                PaymentObservation(status: .completed),  // no amount yet: placeholders
                PaymentObservation(status: .pending, amountMinor: 2000, currency: "USD", userID: member),
                PaymentObservation(status: .failed, product: "ai_pack"),
                PaymentObservation(status: .completed, amountRefundedMinor: 500),
            ]
            for observation in observations {
                try await store.backend.withTransaction { db in
                    _ = try await PaymentRepository.record(processor: "stripe", externalID: "pi_1", observation: observation, on: db)
                }
            }
            #expect(try await store.payments.count(processor: "stripe") == 1)
            let payment = try #require(try await store.payments.find(processor: "stripe", externalID: "pi_1"))
            #expect(payment.status == .completed)
            #expect(payment.amountMinor == 2000 && payment.currency == "usd")
            #expect(payment.amountRefundedMinor == 500 && payment.product == "ai_pack" && payment.userID == member)
            #expect(try await store.payments.list(userID: member, status: .completed).map(\.externalID) == ["pi_1"])
            #expect(try await store.payments.list(status: .refunded).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aGrantIsClaimedOnce(database: TestDatabase) async throws {
        try await database.withStore { store in
            let member = try await store.users.create(NewUser()).id
            let claims = try await store.backend.withTransaction { db in
                let payment = try await PaymentRepository.record(
                    processor: "telegram", externalID: "charge_1", observation: PaymentObservation(status: .completed, amountMinor: 1, currency: "XTR"), on: db
                )
                var results: [Bool] = []
                for _ in 0..<3 {
                    results.append(try await PaymentGrantRepository.claim(paymentID: payment.id, userID: member, product: "p", tier: .vip, paid: true, on: db))
                }
                return results
            }
            #expect(claims == [true, false, false])
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func anOlderSubscriptionStateIsNotApplied(database: TestDatabase) async throws {
        try await database.withStore { store in
            let member = try await store.users.create(NewUser()).id
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            @Sendable func state(_ status: SubscriptionStatus, created: TimeInterval) -> SubscriptionState {
                SubscriptionState(userID: member, plan: "vip", status: status, currentPeriodEnd: now, cancelAtPeriodEnd: false, eventCreated: now.addingTimeInterval(created))
            }
            let applied = try await store.backend.withTransaction { db in
                [
                    try await SubscriptionRepository.apply(processor: "stripe", externalID: "sub_1", state: state(.active, created: 0), on: db).applied,
                    try await SubscriptionRepository.apply(processor: "stripe", externalID: "sub_1", state: state(.canceled, created: 10), on: db).applied,
                    try await SubscriptionRepository.apply(processor: "stripe", externalID: "sub_1", state: state(.active, created: 5), on: db).applied,
                ]
            }
            #expect(applied == [true, true, false])
            #expect(try await store.subscriptions.find(processor: "stripe", externalID: "sub_1")?.status == .canceled)
        }
    }
}
