import Foundation
import HeraldCore
import HeraldStore
import HeraldTestSupport
import SQLKit
import Testing

/// The database itself refuses rows that break the domain's rules, whatever code writes them.
@Suite struct ConstraintTests {
    @Test(arguments: TestDatabase.allCases)
    func negativeBalanceIsRefused(database: TestDatabase) async throws {
        try await database.withStore { store in
            let user = try await store.users.create(NewUser(displayName: "Ada"))
            let error = await #expect(throws: StoreError.self) {
                try await store.backend.withConnection { db in
                    try await db.insert(into: "balances")
                        .columns("user_id", "currency", "balance")
                        .values(SQLBind(user.id), SQLBind("points"), SQLBind(-1))
                        .run()
                }
            }
            #expect(error?.kind == .checkViolation)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func duplicateDiscordIDIsRefused(database: TestDatabase) async throws {
        try await database.withStore { store in
            _ = try await store.users.create(NewUser(displayName: "Ada", discordID: "80351110224678912"))
            let error = await #expect(throws: StoreError.self) {
                try await store.users.create(NewUser(displayName: "Impostor", discordID: "80351110224678912"))
            }
            #expect(error?.kind == .uniqueViolation)
            #expect(error?.code == .conflict)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func duplicatePaymentExternalIDIsRefusedPerProcessor(database: TestDatabase) async throws {
        try await database.withStore { store in
            try await insertPayment(store, processor: "stripe", externalID: "pi_3MtwBwLkdIwHu7ix28a3tqPa")
            // The same id from another processor is a different payment.
            try await insertPayment(store, processor: "paddle", externalID: "pi_3MtwBwLkdIwHu7ix28a3tqPa")
            let error = await #expect(throws: StoreError.self) {
                try await insertPayment(store, processor: "stripe", externalID: "pi_3MtwBwLkdIwHu7ix28a3tqPa")
            }
            #expect(error?.kind == .uniqueViolation)
        }
    }

    @Test(arguments: TestDatabase.allCases, [0, -5])
    func creditRequestAmountMustBePositive(database: TestDatabase, amount: Int) async throws {
        try await database.withStore { store in
            let user = try await store.users.create(NewUser(displayName: "Ada"))
            let error = await #expect(throws: StoreError.self) {
                try await insertCreditRequest(store, userID: user.id, amount: amount, reason: "campaign budget")
            }
            #expect(error?.kind == .checkViolation)
            // The same request with a positive amount is accepted, so the failure above is the amount's.
            try await insertCreditRequest(store, userID: user.id, amount: 10, reason: "campaign budget")
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func creditRequestReasonIsLimitedTo500Characters(database: TestDatabase) async throws {
        try await database.withStore { store in
            let user = try await store.users.create(NewUser(displayName: "Ada"))
            try await insertCreditRequest(store, userID: user.id, amount: 1, reason: String(repeating: "r", count: 500))
            let error = await #expect(throws: StoreError.self) {
                try await insertCreditRequest(store, userID: user.id, amount: 1, reason: String(repeating: "r", count: 501))
            }
            #expect(error?.kind == .checkViolation)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func unknownUserIsRefusedByTheForeignKey(database: TestDatabase) async throws {
        try await database.withStore { store in
            let error = await #expect(throws: StoreError.self) {
                try await insertCreditRequest(store, userID: 424_242, amount: 1, reason: "ghost")
            }
            #expect(error?.kind == .foreignKeyViolation)
        }
    }

    private func insertPayment(_ store: Store, processor: String, externalID: String) async throws {
        try await store.backend.withConnection { db in
            try await db.insert(into: "payments")
                .columns("processor", "external_id", "amount_minor", "currency", "status")
                .values(SQLBind(processor), SQLBind(externalID), SQLBind(1999), SQLBind("usd"), SQLBind("completed"))
                .run()
        }
    }

    private func insertCreditRequest(_ store: Store, userID: Int64, amount: Int, reason: String) async throws {
        try await store.backend.withConnection { db in
            try await db.insert(into: "credit_requests")
                .columns("user_id", "currency", "amount", "reason", "requested_via")
                .values(SQLBind(userID), SQLBind("ai"), SQLBind(amount), SQLBind(reason), SQLBind("discord"))
                .run()
        }
    }
}
