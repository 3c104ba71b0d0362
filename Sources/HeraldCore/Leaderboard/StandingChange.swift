/// One member's standing before and after a recompute.
///
/// The recompute keeps only members whose rank or score moved; each becomes one
/// history row, and the tier and alert rules read these alone.
public struct StandingChange: Sendable, Equatable {
    public let userID: Int64
    /// nil when the member had never been ranked.
    public let previousRank: Int?
    public let rank: Int
    /// The score at the previous recompute (0 for a member never ranked).
    public let previousScore: Int64
    public let score: Int64

    public init(userID: Int64, previousRank: Int?, rank: Int, previousScore: Int64, score: Int64) {
        self.userID = userID
        self.previousRank = previousRank
        self.rank = rank
        self.previousScore = previousScore
        self.score = score
    }

    public var rankChanged: Bool { previousRank != rank }
    public var scoreChanged: Bool { previousScore != score }
    /// Worth a history row.
    public var isChange: Bool { rankChanged || scoreChanged }
    public var movement: RankMovement { RankMovement(previousRank: previousRank, rank: rank) }
}

/// A member moving from one tier to another (or out of every tier).
public struct TierChange: Sendable, Equatable {
    public let userID: Int64
    public let from: Tier?
    public let to: Tier?

    public init(userID: Int64, from: Tier?, to: Tier?) {
        self.userID = userID
        self.from = from
        self.to = to
    }

    /// The role to take away: the old tier's, unless the new tier carries the same role.
    public var roleToRemove: String? {
        guard let role = from?.discordRoleID, role != to?.discordRoleID else { return nil }
        return role
    }

    /// The role to give: the new tier's, unless the old tier already carried it.
    public var roleToAdd: String? {
        guard let role = to?.discordRoleID, role != from?.discordRoleID else { return nil }
        return role
    }
}
