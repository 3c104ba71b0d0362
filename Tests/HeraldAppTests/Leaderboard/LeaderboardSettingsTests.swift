import Foundation
import HeraldApp
import HeraldCore
import Testing

@Suite struct LeaderboardSettingsTests {
    static func load(_ environment: [String: String], yaml: String? = nil) async throws -> LeaderboardSettings {
        var environment = environment
        if let yaml {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("herald-lb-\(UUID().uuidString).yaml")
            try yaml.write(to: file, atomically: true, encoding: .utf8)
            environment["HERALD_CONFIG_FILE"] = file.path
        }
        return try await HeraldConfiguration.load(environment: environment).leaderboard
    }

    @Test func defaults() async throws {
        let settings = try await Self.load([:])
        #expect(settings.enabled)
        #expect(settings.recomputeInterval == .seconds(30))
        #expect(settings.tiers == TierTable.defaults)
        #expect(settings.alerts == AlertRules())
        #expect(settings.points == LeaderboardSettings.PointWeights())
    }

    @Test func environmentSetsIntervalRolesAndMilestones() async throws {
        let settings = try await Self.load([
            "LEADERBOARD_RECOMPUTE_SECONDS": "5", "LEADERBOARD_TIERS_ELITE_DISCORD_ROLE_ID": "123456",
            "LEADERBOARD_ALERTS_MILESTONES": "5000,1000", "LEADERBOARD_ALERTS_LOST_FIRST": "false",
        ])
        #expect(settings.recomputeInterval == .seconds(5))
        #expect(settings.tiers.tier(for: 50)?.discordRoleID == "123456")
        #expect(settings.tiers.tier(for: 1)?.discordRoleID == nil)
        #expect(settings.alerts.milestones == [1_000, 5_000])
        #expect(!settings.alerts.lostFirst)
    }

    @Test func theFileReplacesTheTiers() async throws {
        let settings = try await Self.load([:], yaml: """
            leaderboard:
              tiers:
                gold: {name: Gold, ranks: "1-3", discord_role_id: "42"}
                ten: {name: Top Ten, ranks: "4-10"}
            """)
        #expect(settings.tiers.tiers.map(\.name) == ["Gold", "Top Ten"])
        #expect(settings.tiers.tier(for: 2)?.discordRoleID == "42")
        #expect(settings.tiers.lastTieredRank == 10)
    }

    @Test(arguments: [
        (["LEADERBOARD_RECOMPUTE_SECONDS": "0"], "leaderboard.recompute_seconds"),
        (["LEADERBOARD_TIERS_CHAMPION_DISCORD_ROLE_ID": "abc"], "leaderboard.tiers.champion.discord_role_id"),
        (["LEADERBOARD_TIERS_TOP10_RANKS": "10-4"], "leaderboard.tiers.top10.ranks"),
        (["LEADERBOARD_TIERS_TOP10_RANKS": "3-10"], "leaderboard.tiers"),
        (["LEADERBOARD_ALERTS_MILESTONES": "100,-5"], "leaderboard.alerts.milestones"),
    ])
    func badValuesNameTheirKey(environment: [String: String], key: String) async throws {
        await #expect {
            _ = try await Self.load(environment)
        } throws: { error in
            (error as? ConfigurationError)?.key == key
        }
    }
}
