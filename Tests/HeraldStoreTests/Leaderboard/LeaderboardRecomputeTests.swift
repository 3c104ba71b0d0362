import Foundation
import HeraldCore
import HeraldStore
import HeraldTestSupport
import SQLKit
import Testing

@Suite struct LeaderboardRecomputeTests {
    @Test(arguments: TestDatabase.allCases)
    func ranksMatchTheReferenceOrderingWithManyTies(database: TestDatabase) async throws {
        try await database.withStore { store in
            let members = try await Board.members(60, in: store)
            var generator = SystemRandomNumberGenerator()
            for member in members {
                // Few distinct scores and instants, so ties on score and on time are common.
                let at = Board.t0.addingTimeInterval(TimeInterval(Int.random(in: 0...3, using: &generator)))
                try await Board.push(Int64.random(in: 1...5, using: &generator) * 10, to: member, at: at, in: store)
            }
            let result = try await Board.recompute(store)
            #expect(result.changedMembers == 60)
            #expect(result.totalPlayers == 60)
            let expected = Ranking.ranked(try await Board.lines(in: store))
            let stored = try await Board.ranks(in: store)
            #expect(expected.map { stored[$0.userID] } == expected.map(\.rank))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func equalScoresRankByWhoReachedThemFirstThenByID(database: TestDatabase) async throws {
        try await database.withStore { store in
            let m = try await Board.members(4, in: store)
            try await Board.push(100, to: m[0], at: Board.t0.addingTimeInterval(30), in: store)
            try await Board.push(100, to: m[1], at: Board.t0.addingTimeInterval(10), in: store)
            try await Board.push(100, to: m[2], at: Board.t0.addingTimeInterval(20), in: store)
            try await Board.push(100, to: m[3], at: Board.t0.addingTimeInterval(20), in: store)
            _ = try await Board.recompute(store)
            let ranks = try await Board.ranks(in: store)
            #expect(ranks[m[1]] == 1)
            #expect(ranks[m[2]] == 2)  // Same instant as m[3]; its score row was created first.
            #expect(ranks[m[3]] == 3)
            #expect(ranks[m[0]] == 4)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func anEventWithoutPointsKeepsTheTieBreak(database: TestDatabase) async throws {
        try await database.withStore { store in
            let m = try await Board.members(2, in: store)
            try await Board.push(50, to: m[0], at: Board.t0, in: store)
            try await Board.push(50, to: m[1], at: Board.t0.addingTimeInterval(5), in: store)
            // Metrics only, later: m[0] must keep its earlier reached_at.
            _ = try await store.scores.apply(
                [ScoreEvent(eventID: "metrics-only", userID: m[0], points: 0, metrics: ScoreMetrics(dealsClosed: 2))],
                now: Board.t0.addingTimeInterval(60)
            )
            _ = try await Board.recompute(store)
            #expect(try await Board.ranks(in: store) == [m[0]: 1, m[1]: 2])
            #expect(try await store.leaderboard.standing(userID: m[0])?.metrics.dealsClosed == 2)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func recomputingTwiceWithoutScoreChangesEmitsNothing(database: TestDatabase) async throws {
        try await database.withStore { store in
            let m = try await Board.members(12, in: store)
            for (index, member) in m.enumerated() { try await Board.push(Int64(1_000 - index), to: member, in: store) }
            let first = try await store.leaderboard.recompute(tiers: .defaults, rules: AlertRules()) { effects, _ in
                effects.alerts.map { NewNotification(channel: .telegramMessage, destination: "\($0.userID)", body: "x") }
            }
            #expect(first.changedMembers == 12)
            #expect(first.notificationsEnqueued == 12)
            #expect(first.snapshotID != nil)
            let history = try await Board.count("leaderboard_history", in: store)
            let snapshots = try await Board.count("leaderboard_snapshots", in: store)
            let outbox = try await Board.count("outbox", in: store)

            let second = try await store.leaderboard.recompute(tiers: .defaults, rules: AlertRules()) { effects, _ in
                effects.alerts.map { NewNotification(channel: .telegramMessage, destination: "\($0.userID)", body: "x") }
            }
            #expect(second.changedMembers == 0)
            #expect(second.effects.isEmpty)
            #expect(second.notificationsEnqueued == 0)
            #expect(second.snapshotID == nil)
            #expect(try await Board.count("leaderboard_history", in: store) == history)
            #expect(try await Board.count("leaderboard_snapshots", in: store) == snapshots)
            #expect(try await Board.count("outbox", in: store) == outbox)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func historyIsWrittenOnlyForMembersWhoseRankOrScoreChanged(database: TestDatabase) async throws {
        try await database.withStore { store in
            let m = try await Board.members(5, in: store)
            for (index, member) in m.enumerated() { try await Board.push(Int64(500 - index * 100), to: member, in: store) }
            _ = try await Board.recompute(store)
            #expect(try await Board.count("leaderboard_history", in: store) == 5)

            // m[4] gains points but stays last: one row, rank unchanged, previous rank unchanged.
            try await Board.push(10, to: m[4], in: store)
            let scoreOnly = try await Board.recompute(store)
            #expect(scoreOnly.changedMembers == 1)
            #expect(try await Board.count("leaderboard_history", in: store) == 6)
            let last = try #require(try await store.leaderboard.standing(userID: m[4]))
            #expect(last.rank == 5 && last.previousRank == nil && last.score == 110)

            // m[3] overtakes m[2]: two rows, previous ranks kept.
            try await Board.push(150, to: m[3], in: store)
            let swap = try await Board.recompute(store)
            #expect(swap.changedMembers == 2)
            #expect(try await Board.count("leaderboard_history", in: store) == 8)
            let climber = try #require(try await store.leaderboard.standing(userID: m[3]))
            #expect(climber.rank == 3 && climber.previousRank == 4)
            #expect(climber.movement == .up(1))
            #expect(climber.history.map(\.rank) == [3, 4])
            #expect(try await store.leaderboard.standing(userID: m[2])?.movement == .down(1))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func roleChangesAreEmittedOnlyOnTierChange(database: TestDatabase) async throws {
        try await database.withStore { store in
            let tiers = try TierTable(TierTable.defaultTiers.map { Tier(key: $0.key, name: $0.name, ranks: $0.ranks, discordRoleID: "9\($0.ranks.lowerBound)") })
            let m = try await Board.members(8, in: store)
            for (index, member) in m.enumerated() { try await Board.push(Int64(800 - index * 10), to: member, in: store) }
            _ = try await Board.recompute(store, tiers: tiers)

            // #6 and #7 swap: both stay in Top 10.
            try await Board.push(15, to: m[6], in: store)
            let within = try await Board.recompute(store, tiers: tiers)
            #expect(within.changedMembers == 2)
            #expect(within.effects.tierChanges.isEmpty)

            // #3 (Bronze) overtakes #2 (Silver).
            try await Board.push(15, to: m[2], in: store)
            let across = try await Board.recompute(store, tiers: tiers)
            #expect(Set(across.effects.tierChanges.map(\.userID)) == [m[1], m[2]])
            #expect(across.effects.tierChanges.first { $0.userID == m[2] }?.roleToAdd == "92")
            #expect(across.effects.tierChanges.first { $0.userID == m[2] }?.roleToRemove == "93")
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aMemberLeavingTheTopHundredLeavesTheSnapshotAndItsTier(database: TestDatabase) async throws {
        try await database.withStore { store in
            let m = try await Board.members(101, in: store)
            for (index, member) in m.enumerated() { try await Board.push(Int64(10_000 - index), to: member, in: store) }
            let first = try await Board.recompute(store)
            #expect(first.effects.tierChanges.count == 100)
            let before = try #require(try await store.leaderboard.latestSnapshot())
            #expect(before.entries.count == 100)
            #expect(before.totalPlayers == 101)
            #expect(before.entries.last?.userID == m[99])
            #expect(before.entries.last?.tier == "Elite")

            try await Board.push(2, to: m[100], in: store)  // Ties #99 on score, reached later.
            let result = try await Board.recompute(store)
            #expect(result.changedMembers == 2)
            let left = try #require(result.effects.tierChanges.first { $0.userID == m[99] })
            #expect(left.from?.key == "elite" && left.to == nil)
            #expect(result.effects.alerts == [.enteredTier(userID: m[100], tier: TierTable.defaults.tier(for: 100)!, rank: 100)])

            let after = try #require(try await store.leaderboard.latestSnapshot())
            #expect(after.entries.count == 100)
            #expect(after.entries.last?.userID == m[100])
            #expect(after.entries.last?.movement == .up(1))
            #expect(!after.entries.contains { $0.userID == m[99] })
            #expect(try await store.leaderboard.standing(userID: m[99])?.rank == 101)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func pagesComeFromTheLatestSnapshot(database: TestDatabase) async throws {
        try await database.withStore { store in
            #expect(try await store.leaderboard.page(1, size: 10) == nil)
            let m = try await Board.members(25, in: store)
            for (index, member) in m.enumerated() { try await Board.push(Int64(1_000 - index), to: member, in: store) }
            _ = try await Board.recompute(store)
            let second = try #require(try await store.leaderboard.page(2, size: 10))
            #expect(second.entries.map(\.rank) == Array(11...20))
            #expect(second.pageCount == 3)
            #expect(second.totalPlayers == 25)
            #expect(second.entries.first?.name == "m11")
            #expect(try await store.leaderboard.page(4, size: 10)?.entries.isEmpty == true)
            // Scores pushed after the snapshot do not show until the next recompute.
            try await Board.push(5_000, to: m[24], in: store)
            #expect(try await store.leaderboard.page(1, size: 1)?.entries.first?.userID == m[0])
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func milestoneAlertsNeedTheMilestoneCrossed(database: TestDatabase) async throws {
        try await database.withStore { store in
            let m = try await Board.members(150, in: store)
            for member in m { try await Board.push(10, to: member, in: store) }
            let rules = AlertRules(tierEntered: false, lostFirst: false, milestones: [100])
            _ = try await Board.recompute(store, rules: rules)
            // The last member, far below the tiers, crosses 100.
            try await Board.push(95, to: m[149], in: store)
            try await Board.push(5, to: m[148], in: store)
            let result = try await Board.recompute(store, rules: rules)
            #expect(result.effects.alerts.filter { if case .milestone = $0 { true } else { false } }
                == [.milestone(userID: m[149], milestone: 100, score: 105)])
        }
    }
}
