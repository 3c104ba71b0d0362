import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import HeraldTestSupport
import HummingbirdTesting
import Testing

@Suite struct LeaderboardCommandTests {
    /// Three Discord members with scores 300, 200, 100, ranked twice so movement shows.
    static func seed(_ store: Store, client: some TestClientProtocol) async throws -> [User] {
        var users: [User] = []
        for (index, id) in ["80351110224600001", "80351110224600002", "80351110224600003"].enumerated() {
            _ = try await Community.postDiscord(Community.command("balance", userID: id), to: client)
            users.append(try #require(try await store.users.find(discordID: id)))
            _ = index
        }
        for (user, points) in zip(users, [Int64(100), 200, 300]) {
            _ = try await store.scores.apply([ScoreEvent(eventID: "seed-\(user.id)", userID: user.id, points: points)], now: Date())
        }
        _ = try await store.leaderboard.recompute(tiers: .defaults, rules: AlertRules()) { _, _ in [] }
        _ = try await store.scores.apply([ScoreEvent(eventID: "boost", userID: users[0].id, points: 250)], now: Date())
        _ = try await store.leaderboard.recompute(tiers: .defaults, rules: AlertRules()) { _, _ in [] }
        return users
    }

    @Test(arguments: TestDatabase.allCases)
    func leaderboardProfileStatsAndCompareAnswerFromTheSnapshot(database: TestDatabase) async throws {
        try await Community.withApp(database) { client, store in
            var (_, response) = try await Community.postDiscord(Community.command("leaderboard"), to: client)
            #expect(Community.content(response).contains("No one is ranked yet"))

            let users = try await Self.seed(store, client: client)
            (_, response) = try await Community.postDiscord(Community.command("leaderboard"), to: client)
            #expect((response["data"] as? [String: Any])?["flags"] == nil)  // the board is public
            let lines = Community.content(response).split(separator: "\n").map(String.init)
            #expect(lines.count == 4)
            #expect(lines[1].hasPrefix("#1 member001 · 350") && lines[1].hasSuffix("▲2"))
            #expect(lines[2].hasPrefix("#2 member003 · 300") && lines[2].hasSuffix("▼1"))
            #expect(lines[3].hasPrefix("#3 member002 · 200") && lines[3].hasSuffix("▼1"))

            (_, response) = try await Community.postDiscord(Community.command("profile", userID: "80351110224600003"), to: client)
            #expect(Community.content(response).contains("#2 (Silver)"))
            (_, response) = try await Community.postDiscord(
                Community.command("profile", options: ["member": "80351110224600001"], userID: "80351110224600003"), to: client
            )
            #expect(Community.content(response).contains("member001"))
            #expect(Community.content(response).contains("#1 (Champion)"))

            (_, response) = try await Community.postDiscord(Community.command("stats", userID: "80351110224600001"), to: client)
            #expect(Community.content(response).contains("Rank #1 of 3"))
            #expect(Community.content(response).contains("Best rank: #1"))

            (_, response) = try await Community.postDiscord(
                Community.command("compare", options: ["member": "80351110224600002"], userID: "80351110224600003"), to: client
            )
            #expect(Community.content(response).contains("You are ahead by 100 points"))
            (_, response) = try await Community.postDiscord(
                Community.command("compare", options: ["member": "80351110224609999"], userID: "80351110224600003"), to: client
            )
            #expect(Community.content(response).contains("not on the leaderboard"))

            (_, response) = try await Community.postDiscord(Community.command("leaderboard", options: ["page": 9]), to: client)
            #expect(Community.content(response).contains("No one is ranked yet") == false)
            _ = users
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func telegramShowsTheBoardInHTML(database: TestDatabase) async throws {
        try await Community.withApp(database) { client, store in
            _ = try await Self.seed(store, client: client)
            let (_, reply) = try await Community.postTelegram(Community.telegramMessage("/leaderboard", languageCode: "es"), to: client)
            let text = try #require(reply["text"] as? String)
            #expect(text.contains("Clasificación, página 1 de 1 (3 miembros)"))
            #expect(text.contains("#1 member001 · 350"))
        }
    }
}
