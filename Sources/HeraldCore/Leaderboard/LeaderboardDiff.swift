/// What a recompute must do, worked out from the members whose standing changed.
public struct LeaderboardEffects: Sendable, Equatable {
    /// Members whose rank or score moved: one history row each.
    public var changes: [StandingChange]
    /// Members now in a different tier: their Discord roles are synced.
    public var tierChanges: [TierChange]
    public var alerts: [RankAlert]

    public init(changes: [StandingChange] = [], tierChanges: [TierChange] = [], alerts: [RankAlert] = []) {
        self.changes = changes
        self.tierChanges = tierChanges
        self.alerts = alerts
    }

    public var isEmpty: Bool { changes.isEmpty && tierChanges.isEmpty && alerts.isEmpty }
}

/// The rules that turn two rankings into history, role changes and alerts.
///
/// Pure: the recompute job finds the changed members in SQL and asks this what
/// follows, so the rules are tested here without a database. A member whose rank
/// and score are both unchanged produces nothing, so recomputing an unchanged
/// board emits nothing.
public enum LeaderboardDiff {
    /// The members whose rank or score differs between `previous` and `current`,
    /// in `current` order. Members only in `previous` (removed) are not reported.
    public static func changes(previous: [Standing], current: [Standing]) -> [StandingChange] {
        let before = Dictionary(previous.map { ($0.userID, $0) }, uniquingKeysWith: { first, _ in first })
        return current.compactMap { now in
            let then = before[now.userID]
            let change = StandingChange(
                userID: now.userID, previousRank: then?.rank, rank: now.rank, previousScore: then?.score ?? 0, score: now.score
            )
            return change.isChange ? change : nil
        }
    }

    /// Tier changes and alerts for `changes`; entries that are not changes are ignored.
    public static func effects(of changes: [StandingChange], tiers: TierTable, rules: AlertRules) -> LeaderboardEffects {
        let changes = changes.filter(\.isChange)
        let newLeader = changes.first { $0.rank == 1 }?.userID
        var effects = LeaderboardEffects(changes: changes)
        for change in changes {
            let from = tiers.tier(for: change.previousRank)
            let to = tiers.tier(for: change.rank)
            if from != to {
                effects.tierChanges.append(TierChange(userID: change.userID, from: from, to: to))
            }
            if rules.tierEntered, let to, from.map({ to.isAbove($0) }) ?? true {
                effects.alerts.append(.enteredTier(userID: change.userID, tier: to, rank: change.rank))
            }
            if rules.lostFirst, change.previousRank == 1, change.rank != 1 {
                effects.alerts.append(.lostFirst(userID: change.userID, rank: change.rank, newLeaderID: newLeader))
            }
            if let milestone = rules.milestoneCrossed(from: change.previousScore, to: change.score) {
                effects.alerts.append(.milestone(userID: change.userID, milestone: milestone, score: change.score))
            }
        }
        return effects
    }

    /// Everything that follows from going from `previous` to `current`.
    public static func between(previous: [Standing], current: [Standing], tiers: TierTable, rules: AlertRules) -> LeaderboardEffects {
        effects(of: changes(previous: previous, current: current), tiers: tiers, rules: rules)
    }
}
