import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import HeraldTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// `GET /api/v1/members/{id}/ledger`: newest first, keyset pages, the currency filter and the error answers.
@Suite struct LedgerAPITests {
    static let points = Currency(rawValue: "points")!
    static let ai = Currency(rawValue: "ai")!

    static func entries(_ json: [String: Any]) -> [[String: Any]] { json["entries"] as? [[String: Any]] ?? [] }
    static func int(_ value: Any?) -> Int64? { (value as? NSNumber)?.int64Value }

    @Test(arguments: TestDatabase.allCases)
    func pagesNewestFirstWithSignedAmountsAndBalances(database: TestDatabase) async throws {
        try await LeaderboardApp.run(database) { client, store, _ in
            let member = try await store.users.create(NewUser(displayName: "Ana")).id
            let other = try await store.users.create(NewUser(displayName: "Bo")).id
            for index in 1...5 {
                try await store.ledger.apply(BalanceChange(userID: member, currency: Self.points, amount: Int64(index * 10), type: .earnReaction, reason: "r\(index)"))
            }
            try await store.ledger.apply(BalanceChange(userID: member, currency: Self.points, amount: -15, type: .spendShop, reason: "hat"))
            try await store.ledger.apply(BalanceChange(userID: member, currency: Self.ai, amount: 3, type: .earnAdmin))
            try await store.ledger.apply(BalanceChange(userID: other, currency: Self.points, amount: 99, type: .earnAdmin))

            let first = try await LeaderboardApp.call(client, .get, "/api/v1/members/\(member)/ledger?limit=3")
            #expect(first.status == 200)
            #expect(Self.int(first.json["member"]) == member)
            let page1 = Self.entries(first.json)
            #expect(page1.map { $0["currency"] as? String } == ["ai", "points", "points"])
            #expect(page1.map { Self.int($0["amount"]) } == [3, -15, 50])
            #expect(page1.map { Self.int($0["balance_after"]) } == [3, 135, 150])
            #expect(page1[1]["type"] as? String == "spend_shop")
            #expect(page1[1]["reason"] as? String == "hat")
            #expect((page1[0]["created_at"] as? String)?.hasSuffix("Z") == true)
            let ids = page1.compactMap { Self.int($0["id"]) }
            #expect(ids == ids.sorted(by: >))
            let cursor = try #require(Self.int(first.json["next_before"]))
            #expect(cursor == ids.last)

            // A new entry does not shift the next page.
            try await store.ledger.apply(BalanceChange(userID: member, currency: Self.points, amount: 1, type: .earnDaily))
            let second = try await LeaderboardApp.call(client, .get, "/api/v1/members/\(member)/ledger?limit=3&before=\(cursor)")
            #expect(Self.entries(second.json).map { Self.int($0["amount"]) } == [40, 30, 20])
            let last = try await LeaderboardApp.call(
                client, .get, "/api/v1/members/\(member)/ledger?limit=3&before=\(try #require(Self.int(second.json["next_before"])))"
            )
            #expect(Self.entries(last.json).map { Self.int($0["amount"]) } == [10])
            #expect(Self.int(last.json["next_before"]) == nil)

            let filtered = try await LeaderboardApp.call(client, .get, "/api/v1/members/\(member)/ledger?currency=AI")
            #expect(Self.entries(filtered.json).map { Self.int($0["amount"]) } == [3])
            let all = try await LeaderboardApp.call(client, .get, "/api/v1/members/\(member)/ledger")
            #expect(Self.entries(all.json).count == 8)
            #expect(Self.int(all.json["next_before"]) == nil)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func unknownMembersBadQueriesAndMissingAuthAreRefused(database: TestDatabase) async throws {
        try await LeaderboardApp.run(database) { client, store, _ in
            let member = try await store.users.create(NewUser(displayName: "Ana")).id
            let empty = try await LeaderboardApp.call(client, .get, "/api/v1/members/\(member)/ledger")
            #expect(empty.status == 200)
            #expect(Self.entries(empty.json).isEmpty)

            let unknown = try await LeaderboardApp.call(client, .get, "/api/v1/members/\(member + 1000)/ledger")
            #expect(unknown.status == 404)
            #expect(unknown.json["error"] as? String == "not_found")
            for query in ["limit=0", "limit=501", "limit=ten", "before=-1", "before=x", "currency=gold", "currency="] {
                let bad = try await LeaderboardApp.call(client, .get, "/api/v1/members/\(member)/ledger?\(query)")
                #expect(bad.status == 400, "\(query)")
                #expect(bad.json["error"] as? String == "malformed_request", "\(query)")
            }
            #expect(try await LeaderboardApp.call(client, .get, "/api/v1/members/0/ledger").status == 400)
            #expect(try await LeaderboardApp.call(client, .get, "/api/v1/members/\(member)/ledger?limit=500").status == 200)
            let anonymous = try await LeaderboardApp.call(client, .get, "/api/v1/members/\(member)/ledger", headers: [:])
            #expect(anonymous.status == 401)
            let wrong = try await LeaderboardApp.call(
                client, .get, "/api/v1/members/\(member)/ledger", headers: [.authorization: "Bearer not-the-token"]
            )
            #expect(wrong.status == 401)
        }
    }
}
