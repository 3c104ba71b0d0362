import Foundation
import HeraldApp
import HeraldStore
import HeraldTestSupport
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@Suite struct ScoreEventsAPITests {
    static let path = "/api/v1/scores/events"

    static func member(_ store: Store, discord: String? = nil, telegram: Int64? = nil) async throws -> Int64 {
        try await store.users.create(NewUser(displayName: "member", discordID: discord, telegramID: telegram)).id
    }

    @Test(arguments: TestDatabase.allCases)
    func eventsAddPointsAndWeightedMetricsByAnyIdentity(database: TestDatabase) async throws {
        try await LeaderboardApp.run(database) { client, store, _ in
            let a = try await Self.member(store, discord: "80351110224678912")
            let b = try await Self.member(store, telegram: 424242)
            let body = """
                {"events": [
                  {"id": "e1", "member_id": \(a), "points": 40},
                  {"id": "e2", "discord_id": "80351110224678912", "metrics": {"deals_closed": 1, "leads_generated": 2, "response_rate": 0.75}},
                  {"id": "e3", "telegram_id": 424242, "points": -5, "metrics": {"campaigns_launched": 2}}
                ]}
                """
            let (status, json) = try await LeaderboardApp.call(client, .post, Self.path, body: body)
            #expect(status == 200)
            let events = try #require(json["events"] as? [[String: Any]])
            #expect(events.map { $0["status"] as? String } == ["applied", "applied", "applied"])
            #expect(events.map { ($0["member_id"] as? NSNumber)?.int64Value } == [a, a, b])
            // Default weights: a deal 100, a lead 10, a campaign 25.
            let first = try #require(try await store.leaderboard.standing(userID: a))
            #expect(first.score == 40 + 100 + 20)
            #expect(first.metrics == ScoreMetrics(dealsClosed: 1, leadsGenerated: 2, responseRate: 0.75))
            #expect(try await store.leaderboard.standing(userID: b)?.score == 45)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aReplayedEventIsADuplicateAndChangesNothing(database: TestDatabase) async throws {
        try await LeaderboardApp.run(database) { client, store, _ in
            let a = try await Self.member(store)
            let body = #"{"id": "evt_7", "member_id": \#(a), "points": 10}"#
            let first = try await LeaderboardApp.call(client, .post, Self.path, body: body)
            let second = try await LeaderboardApp.call(client, .post, Self.path, body: body)
            #expect(first.status == 200 && second.status == 200)
            #expect(first.json["status"] as? String == "applied")
            #expect(second.json["status"] as? String == "duplicate")
            #expect(try await store.leaderboard.standing(userID: a)?.score == 10)
        }
    }

    @Test func callsWithoutAValidKeyAre401() async throws {
        try await LeaderboardApp.run(.sqlite) { client, store, _ in
            let a = try await Self.member(store)
            for headers: HTTPFields in [[:], [.authorization: "Bearer nope"], [.authorization: "Basic YTpi"]] {
                let (status, json) = try await LeaderboardApp.call(client, .post, Self.path, body: #"{"id":"x","member_id":\#(a),"points":1}"#, headers: headers)
                #expect(status == 401)
                #expect(json["error"] as? String == "unauthorized")
            }
            #expect(try await store.leaderboard.standing(userID: a) == nil)
        }
    }

    @Test(arguments: [
        ("not json", 400, "malformed_request"),
        (#"{"id": 5, "member_id": 1, "points": 1}"#, 400, "malformed_request"),
        (#"{"member_id": 1, "points": 1}"#, 400, "malformed_request"),
        (#"{"id": "a", "member_id": 1, "points": "ten"}"#, 400, "malformed_request"),
        (#"{"events": []}"#, 422, "rule_violation"),
        (#"{"id": "", "member_id": 1, "points": 1}"#, 422, "rule_violation"),
        (#"{"id": "a", "points": 1}"#, 422, "rule_violation"),
        (#"{"id": "a", "member_id": 1, "discord_id": "2", "points": 1}"#, 422, "rule_violation"),
        (#"{"id": "a", "member_id": 1}"#, 422, "rule_violation"),
        (#"{"id": "a", "member_id": 1, "points": 1000000001}"#, 422, "rule_violation"),
        (#"{"id": "a", "member_id": 1, "metrics": {"response_rate": 1.5}}"#, 422, "rule_violation"),
        (#"{"id": "a", "member_id": 1, "metrics": {"deals_closed": 2000000}}"#, 422, "rule_violation"),
        (#"{"events": [{"id": "a", "member_id": 1, "points": 1}, {"id": "a", "member_id": 1, "points": 2}]}"#, 422, "rule_violation"),
        (#"{"id": "a", "member_id": 999999, "points": 1}"#, 404, "not_found"),
        (#"{"id": "a", "discord_id": "1234", "points": 1}"#, 404, "not_found"),
    ])
    func invalidEventsAreRefusedAndNothingIsApplied(body: String, status: Int, code: String) async throws {
        try await LeaderboardApp.run(.sqlite) { client, store, _ in
            _ = try await Self.member(store)
            let answer = try await LeaderboardApp.call(client, .post, Self.path, body: body)
            #expect(answer.status == status)
            #expect(answer.json["error"] as? String == code)
            #expect(answer.json["message"] is String)
            #expect(try await store.backend.withConnection { db in
                try await db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("score_events").first(decodingColumn: "n", as: Int.self)
            } == 0)
        }
    }

    @Test func aBatchWithAnUnknownMemberAppliesNothing() async throws {
        try await LeaderboardApp.run(.sqlite) { client, store, _ in
            let a = try await Self.member(store)
            let body = #"{"events": [{"id": "ok", "member_id": \#(a), "points": 5}, {"id": "bad", "telegram_id": 77, "points": 5}]}"#
            let answer = try await LeaderboardApp.call(client, .post, Self.path, body: body)
            #expect(answer.status == 404)
            #expect((answer.json["message"] as? String)?.contains("events[1]") == true)
            #expect(try await store.leaderboard.standing(userID: a) == nil)
        }
    }

    @Test func oversizedRequestsAre413() async throws {
        try await LeaderboardApp.run(.sqlite) { client, store, _ in
            let a = try await Self.member(store)
            let many = (0...500).map { #"{"id":"e\#($0)","member_id":\#(a),"points":1}"# }.joined(separator: ",")
            let tooMany = try await LeaderboardApp.call(client, .post, Self.path, body: #"{"events":[\#(many)]}"#)
            #expect(tooMany.status == 413)
            #expect(tooMany.json["error"] as? String == "payload_too_large")
            let huge = #"{"id":"big","member_id":\#(a),"points":1,"padding":"\#(String(repeating: "x", count: 1 << 20))"}"#
            let tooBig = try await LeaderboardApp.call(client, .post, Self.path, body: huge)
            #expect(tooBig.status == 413)
            #expect(tooBig.json["error"] as? String == "payload_too_large")
            #expect(try await store.leaderboard.standing(userID: a) == nil)
        }
    }
}
