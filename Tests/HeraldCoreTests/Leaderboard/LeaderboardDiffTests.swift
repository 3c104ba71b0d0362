import HeraldCore
import Testing

@Suite struct LeaderboardDiffTests {
    static let tiers = try! TierTable([
        Tier(key: "champion", name: "Champion", ranks: 1...1, discordRoleID: "901"),
        Tier(key: "silver", name: "Silver", ranks: 2...2, discordRoleID: "902"),
        Tier(key: "bronze", name: "Bronze", ranks: 3...3),
        Tier(key: "top10", name: "Top 10", ranks: 4...10, discordRoleID: "910"),
        Tier(key: "elite", name: "Elite", ranks: 11...100, discordRoleID: "910"),
    ])
    static let rules = AlertRules(milestones: [1_000, 100, 500])

    func board(_ scores: [(user: Int64, score: Int64)]) -> [Standing] {
        scores.enumerated().map { Standing(userID: $1.user, rank: $0 + 1, score: $1.score) }
    }

    @Test func anUnchangedBoardEmitsNothing() {
        let ranking = board([(1, 900), (2, 800), (3, 700)])
        let effects = LeaderboardDiff.between(previous: ranking, current: ranking, tiers: Self.tiers, rules: Self.rules)
        #expect(effects.isEmpty)
        #expect(effects == LeaderboardEffects())
    }

    @Test func onlyMembersWhoseRankOrScoreMovedAreChanges() {
        let before = board([(1, 900), (2, 800), (3, 700), (4, 600)])
        // 3 overtakes 2; 4 gains points without moving; 1 is untouched.
        let after = board([(1, 900), (3, 850), (2, 800), (4, 650)])
        let changes = LeaderboardDiff.changes(previous: before, current: after)
        #expect(changes.map(\.userID) == [3, 2, 4])
        #expect(changes[0] == StandingChange(userID: 3, previousRank: 3, rank: 2, previousScore: 700, score: 850))
        #expect(changes[2].rankChanged == false)
        #expect(changes[2].scoreChanged)
    }

    @Test func aNewMemberIsAChangeFromNothing() {
        let changes = LeaderboardDiff.changes(previous: [], current: board([(7, 0)]))
        #expect(changes == [StandingChange(userID: 7, previousRank: nil, rank: 1, previousScore: 0, score: 0)])
        #expect(changes[0].movement == .new)
    }

    @Test func swappingSilverAndBronzeSyncsOnlyTheirRoles() {
        let before = board([(1, 900), (2, 800), (3, 700)])
        let after = board([(1, 900), (3, 850), (2, 800)])
        let effects = LeaderboardDiff.between(previous: before, current: after, tiers: Self.tiers, rules: Self.rules)
        #expect(effects.tierChanges.count == 2)
        let up = effects.tierChanges.first { $0.userID == 3 }!
        #expect(up.from?.key == "bronze" && up.to?.key == "silver")
        #expect(up.roleToRemove == nil)  // Bronze carries no role.
        #expect(up.roleToAdd == "902")
        let down = effects.tierChanges.first { $0.userID == 2 }!
        #expect(down.roleToRemove == "902")
        #expect(down.roleToAdd == nil)
    }

    @Test func movingWithinATierChangesNoRole() {
        let before = board((1...8).map { (Int64($0), Int64(1_000 - $0)) })
        var scores = (1...8).map { (Int64($0), Int64(1_000 - $0)) }
        scores.swapAt(5, 6)  // ranks 6 and 7 swap, both Top 10.
        let effects = LeaderboardDiff.between(previous: before, current: board(scores), tiers: Self.tiers, rules: Self.rules)
        #expect(effects.changes.count == 2)
        #expect(effects.tierChanges.isEmpty)
        #expect(effects.alerts.isEmpty)
    }

    @Test func tiersSharingARoleChangeTierButNotRole() {
        let change = TierChange(userID: 1, from: Self.tiers.tier(for: 11), to: Self.tiers.tier(for: 10))
        #expect(change.roleToAdd == nil)
        #expect(change.roleToRemove == nil)
    }

    @Test func leavingTheTopHundredRemovesTheRoleAndAlertsNoOne() {
        let before = board((1...101).map { (Int64($0), Int64(10_000 - $0)) })
        var scores = (1...101).map { (Int64($0), Int64(10_000 - $0)) }
        scores.swapAt(99, 100)  // #100 and #101 swap: 101 enters Elite, 100 leaves it.
        let effects = LeaderboardDiff.between(previous: before, current: board(scores), tiers: Self.tiers, rules: AlertRules())
        let left = effects.tierChanges.first { $0.userID == 100 }!
        #expect(left.from?.key == "elite" && left.to == nil)
        #expect(left.roleToRemove == "910")
        let entered = effects.tierChanges.first { $0.userID == 101 }!
        #expect(entered.roleToAdd == "910")
        #expect(effects.alerts == [.enteredTier(userID: 101, tier: Self.tiers.tier(for: 100)!, rank: 100)])
    }

    @Test func losingFirstPlaceAlertsTheFormerLeaderWithTheNewOne() {
        let before = board([(1, 900), (2, 800)])
        let after = board([(2, 950), (1, 900)])
        let effects = LeaderboardDiff.between(previous: before, current: after, tiers: Self.tiers, rules: Self.rules)
        #expect(effects.alerts.contains(.lostFirst(userID: 1, rank: 2, newLeaderID: 2)))
        #expect(effects.alerts.contains(.enteredTier(userID: 2, tier: Self.tiers.tier(for: 1)!, rank: 1)))
        #expect(effects.alerts.count == 2)
    }

    @Test func movingDownATierIsNotAnAlert() {
        let before = board([(1, 900), (2, 800), (3, 700)])
        let after = board([(1, 900), (3, 850), (2, 800)])
        let effects = LeaderboardDiff.between(previous: before, current: after, tiers: Self.tiers, rules: Self.rules)
        #expect(effects.alerts == [.enteredTier(userID: 3, tier: Self.tiers.tier(for: 2)!, rank: 2)])
    }

    @Test func theFirstRankingAlertsEveryoneWhoLandsInATier() {
        let effects = LeaderboardDiff.between(previous: [], current: board([(1, 10), (2, 5)]), tiers: Self.tiers, rules: AlertRules())
        #expect(effects.alerts.map(\.userID) == [1, 2])
        #expect(effects.tierChanges.map(\.roleToAdd) == ["901", "902"])
    }

    @Test func crossingMilestonesAlertsOnceWithTheHighest() {
        let before = board([(1, 50)])
        let after = board([(1, 700)])
        let effects = LeaderboardDiff.between(previous: before, current: after, tiers: Self.tiers, rules: Self.rules)
        #expect(effects.alerts == [.milestone(userID: 1, milestone: 500, score: 700)])
    }

    @Test(arguments: [
        (Int64(99), Int64(100), Int64?(100)), (100, 101, nil), (0, 5_000, 1_000), (600, 400, nil), (400, 499, nil),
    ])
    func milestonesAreCrossedGoingUpOnly(from: Int64, to: Int64, expected: Int64?) {
        #expect(Self.rules.milestoneCrossed(from: from, to: to) == expected)
    }

    @Test func disabledRulesEmitNoAlertsButStillSyncRoles() {
        let rules = AlertRules(tierEntered: false, lostFirst: false, milestones: [])
        let effects = LeaderboardDiff.between(
            previous: board([(1, 900), (2, 800)]), current: board([(2, 2_000), (1, 900)]), tiers: Self.tiers, rules: rules
        )
        #expect(effects.alerts.isEmpty)
        #expect(effects.tierChanges.count == 2)
    }

    @Test func alertsNameTheirTemplates() {
        let tier = Self.tiers.tier(for: 1)!
        #expect(RankAlert.enteredTier(userID: 1, tier: tier, rank: 1).template == "rank_up")
        #expect(RankAlert.lostFirst(userID: 1, rank: 2, newLeaderID: 3).template == "rank_lost_first")
        #expect(RankAlert.milestone(userID: 1, milestone: 5, score: 6).template == "score_milestone")
    }

    @Test func effectsIgnoreEntriesThatAreNotChanges() {
        let same = StandingChange(userID: 1, previousRank: 1, rank: 1, previousScore: 5, score: 5)
        #expect(LeaderboardDiff.effects(of: [same], tiers: Self.tiers, rules: Self.rules).isEmpty)
    }
}
