import HeraldCore
import HeraldStore
import HeraldTestSupport
import SQLKit
import Testing

@Suite struct LedgerTests {
    let points = Currency(rawValue: "points")!

    @Test(arguments: TestDatabase.allCases)
    func twoHundredConcurrentCreditsAllLand(database: TestDatabase) async throws {
        let points = self.points
        try await database.withStore { store in
            let user = try await store.users.create(NewUser(displayName: "Ada"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        let change = try BalanceChange(userID: user.id, currency: points, amount: 1, type: .earnReaction, reason: "reaction \(index)")
                        try await store.ledger.apply(change)
                    }
                }
                try await group.waitForAll()
            }
            let balance = try #require(try await store.ledger.balance(userID: user.id, currency: points))
            #expect(balance.balance == 200)
            #expect(balance.totalEarned == 200)
            #expect(balance.totalSpent == 0)
            let entries = try await store.ledger.entries(userID: user.id, limit: 1000)
            #expect(entries.count == 200)
            #expect(Set(entries.map(\.balanceAfter)) == Set(1...200))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func concurrentSpendsNeverOverdraw(database: TestDatabase) async throws {
        let points = self.points
        try await database.withStore { store in
            let user = try await store.users.create(NewUser(displayName: "Ada"))
            try await store.ledger.apply(BalanceChange(userID: user.id, currency: points, amount: 50, type: .earnAdmin))
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<120 {
                    group.addTask {
                        do {
                            try await store.ledger.apply(BalanceChange(userID: user.id, currency: points, amount: -1, type: .spendShop))
                            return true
                        } catch LedgerError.insufficientBalance {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 50)
            #expect(outcomes.filter { !$0 }.count == 70)
            let balance = try #require(try await store.ledger.balance(userID: user.id, currency: points))
            #expect(balance.balance == 0)
            #expect(balance.totalSpent == 50)
            #expect(try await store.ledger.entries(userID: user.id, limit: 1000).count == 51)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aSpendBeyondTheBalanceWritesNothing(database: TestDatabase) async throws {
        let points = self.points
        try await database.withStore { store in
            let user = try await store.users.create(NewUser(displayName: "Ada"))
            try await store.ledger.apply(BalanceChange(userID: user.id, currency: points, amount: 10, type: .earnDaily))
            await #expect(throws: LedgerError.insufficientBalance(currency: points, requested: -11)) {
                try await store.ledger.apply(BalanceChange(userID: user.id, currency: points, amount: -11, type: .spendShop))
            }
            let balance = try #require(try await store.ledger.balance(userID: user.id, currency: points))
            #expect(balance.balance == 10)
            #expect(balance.totalSpent == 0)
            #expect(try await store.ledger.entries(userID: user.id).count == 1)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aSpendFromNothingLeavesNoBalanceBehind(database: TestDatabase) async throws {
        let points = self.points
        try await database.withStore { store in
            let user = try await store.users.create(NewUser(displayName: "Ada"))
            await #expect(throws: LedgerError.self) {
                try await store.ledger.apply(BalanceChange(userID: user.id, currency: points, amount: -1, type: .spendAdmin))
            }
            #expect(try await store.ledger.balance(userID: user.id, currency: points) == nil)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func anIdempotencyKeyAppliesOnce(database: TestDatabase) async throws {
        let points = self.points
        try await database.withStore { store in
            let user = try await store.users.create(NewUser(displayName: "Ada"))
            let change = try BalanceChange(
                userID: user.id, currency: points, amount: 25, type: .grantPurchase,
                idempotencyKey: "stripe:pi_123", metadataJSON: #"{"processor":"stripe"}"#
            )
            let first = try await store.ledger.apply(change)
            let second = try await store.ledger.apply(change)
            #expect(first == second)
            #expect(try await store.ledger.balance(userID: user.id, currency: points)?.balance == 25)
            #expect(try await store.ledger.entries(userID: user.id).count == 1)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func malformedMetadataIsRefused(database: TestDatabase) async throws {
        let points = self.points
        try await database.withStore { store in
            let user = try await store.users.create(NewUser(displayName: "Ada"))
            await #expect(throws: (any Error).self) {
                try await store.ledger.apply(
                    BalanceChange(userID: user.id, currency: points, amount: 1, type: .earnAdmin, metadataJSON: "{not json")
                )
            }
            // The failed change rolled back entirely: no balance, no entry.
            #expect(try await store.ledger.balance(userID: user.id, currency: points) == nil)
            #expect(try await store.ledger.entries(userID: user.id).isEmpty)
        }
    }
}
