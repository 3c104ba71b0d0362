import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import HeraldTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct LeaderboardAPITests {
    @Test(arguments: TestDatabase.allCases)
    func eventsInRecomputeThenBoardProfileRolesAndAlerts(database: TestDatabase) async throws {
        try await LeaderboardApp.run(database) { client, store, job in
            // An empty board before the first recompute.
            let empty = try await LeaderboardApp.call(client, .get, "/api/v1/leaderboard")
            #expect(empty.status == 200)
            #expect((empty.json["entries"] as? [Any])?.isEmpty == true)

            var ids: [Int64] = []
            for (index, name) in ["Ana", "Boris", "Chen"].enumerated() {
                ids.append(try await store.users.create(NewUser(displayName: name, discordID: "70\(index + 1)", telegramID: Int64(index + 1), locale: "es")).id)
            }
            let events = ids.enumerated().map { #"{"id":"seed-\#($0)","member_id":\#($1),"points":\#(300 - $0 * 100)}"# }.joined(separator: ",")
            #expect(try await LeaderboardApp.call(client, .post, "/api/v1/scores/events", body: #"{"events":[\#(events)]}"#).status == 200)
            let first = try #require(await job.recomputeOnce())
            #expect(first.changedMembers == 3)

            let board = try await LeaderboardApp.call(client, .get, "/api/v1/leaderboard?per_page=2")
            #expect(board.status == 200)
            #expect(board.json["pages"] as? Int == 2)
            #expect(board.json["total_players"] as? Int == 3)
            let entries = try #require(board.json["entries"] as? [[String: Any]])
            #expect(entries.map { $0["name"] as? String } == ["Ana", "Boris"])
            #expect(entries.map { $0["tier"] as? String } == ["Champion", "Silver"])
            #expect(entries.map { $0["change"] as? String } == ["new", "new"])

            // Chen overtakes everyone: Ana loses first place, Chen's role changes.
            #expect(try await LeaderboardApp.call(client, .post, "/api/v1/scores/events", body: #"{"id":"boost","telegram_id":3,"points":500}"#).status == 200)
            let outboxBefore = try await store.outbox.list(status: .pending, limit: 500).count
            let second = try #require(await job.recomputeOnce())
            #expect(second.changedMembers == 3)
            let top = try await LeaderboardApp.call(client, .get, "/api/v1/leaderboard")
            let moved = try #require(top.json["entries"] as? [[String: Any]])
            #expect(moved.map { $0["name"] as? String } == ["Chen", "Ana", "Boris"])
            #expect(moved.map { $0["change"] as? String } == ["▲2", "▼1", "▼1"])

            let rows = try await store.outbox.list(status: .pending, limit: 500)
            let fresh = rows.prefix(rows.count - outboxBefore)
            let roles = Set(fresh.filter { $0.channel == .discordRole }.map { "\($0.destination) \($0.body ?? "")" })
            #expect(roles == ["1111/701/9001 remove", "1111/701/9002 add", "1111/702/9002 remove", "1111/703/9001 add"])
            let lost = fresh.filter { $0.template == "rank_lost_first" }
            #expect(Set(lost.map(\.channel)) == [.discordDM, .telegramMessage])
            #expect(lost.allSatisfy { $0.destination == "701" || $0.destination == "1" })
            #expect(lost.first?.body?.contains("Chen te ha quitado el primer puesto") == true)

            let profile = try await LeaderboardApp.call(client, .get, "/api/v1/members/\(ids[2])")
            #expect(profile.status == 200)
            #expect(profile.json["rank"] as? Int == 1)
            #expect(profile.json["previous_rank"] as? Int == 3)
            #expect(profile.json["tier"] as? String == "Champion")
            #expect(profile.json["score"] as? Int == 600)
            #expect((profile.json["history"] as? [[String: Any]])?.map { $0["rank"] as? Int } == [1, 3])

            // Nothing changed: a third recompute emits nothing.
            let third = try #require(await job.recomputeOnce())
            #expect(third.changedMembers == 0 && third.notificationsEnqueued == 0)
            #expect(try await store.outbox.list(status: .pending, limit: 500).count == rows.count)
        }
    }

    @Test func profilesShowBalancesAndAnUnrankedMember() async throws {
        try await LeaderboardApp.run(.sqlite) { client, store, _ in
            let user = try await store.users.create(NewUser(displayName: "Dana"))
            try await store.ledger.apply(try BalanceChange(userID: user.id, currency: Currency(rawValue: "ai")!, amount: 25, type: .earnAdmin))
            let profile = try await LeaderboardApp.call(client, .get, "/api/v1/members/\(user.id)")
            #expect(profile.status == 200)
            #expect(profile.json["display_name"] as? String == "Dana")
            #expect(profile.json["rank"] == nil || profile.json["rank"] is NSNull)
            #expect(profile.json["score"] as? Int == 0)
            let balances = try #require(profile.json["balances"] as? [[String: Any]])
            #expect(balances.map { $0["currency"] as? String } == ["ai"])
            #expect(balances.first?["balance"] as? Int == 25)
        }
    }

    @Test(arguments: [
        ("/api/v1/members/999999", 404, "not_found"),
        ("/api/v1/members/abc", 404, "not_found"),
        ("/api/v1/leaderboard?page=0", 400, "malformed_request"),
        ("/api/v1/leaderboard?per_page=101", 400, "malformed_request"),
        ("/api/v1/leaderboard?page=x", 400, "malformed_request"),
    ])
    func badRequestsAnswerTheErrorShape(uri: String, status: Int, code: String) async throws {
        try await LeaderboardApp.run(.sqlite) { client, _, _ in
            let answer = try await LeaderboardApp.call(client, .get, uri)
            #expect(answer.status == status)
            #expect(answer.json["error"] as? String == code)
        }
    }

    @Test func readingNeedsAKey() async throws {
        try await LeaderboardApp.run(.sqlite) { client, _, _ in
            let board = try await LeaderboardApp.call(client, .get, "/api/v1/leaderboard", headers: [:])
            let member = try await LeaderboardApp.call(client, .get, "/api/v1/members/1", headers: [:])
            #expect(board.status == 401)
            #expect(member.status == 401)
        }
    }
}
