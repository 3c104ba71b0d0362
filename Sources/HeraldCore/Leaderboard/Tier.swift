/// A named band of ranks (Champion, Top 10, …) that may carry a Discord role.
///
/// Tiers drive role sync (a member holds the role of their tier and no other
/// tier role) and the "entered a tier" alert.
public struct Tier: Sendable, Hashable {
    /// A stable key from the configuration (`champion`, `top10`).
    public let key: String
    /// What members see.
    public let name: String
    public let ranks: ClosedRange<Int>
    /// The guild role members of this tier hold, if roles are synced.
    public let discordRoleID: String?

    public init(key: String, name: String, ranks: ClosedRange<Int>, discordRoleID: String? = nil) {
        self.key = key
        self.name = name
        self.ranks = ranks
        self.discordRoleID = discordRoleID
    }

    /// True when this tier is a better band than `other` (its ranks start higher on the board).
    public func isAbove(_ other: Tier) -> Bool { ranks.lowerBound < other.ranks.lowerBound }
}

/// Why a set of tiers cannot be used.
public struct TierTableError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
}

/// The configured tiers, checked: ranks start at 1 or more and no two tiers overlap.
public struct TierTable: Sendable, Equatable {
    /// Best tier first.
    public let tiers: [Tier]

    public init(_ tiers: [Tier]) throws(TierTableError) {
        let sorted = tiers.sorted { $0.ranks.lowerBound < $1.ranks.lowerBound }
        for tier in sorted where tier.ranks.lowerBound < 1 {
            throw TierTableError(description: "tier '\(tier.key)' starts below rank 1")
        }
        for (above, below) in zip(sorted, sorted.dropFirst()) where above.ranks.overlaps(below.ranks) {
            throw TierTableError(description: "tiers '\(above.key)' and '\(below.key)' overlap")
        }
        if Set(sorted.map(\.key)).count != sorted.count {
            throw TierTableError(description: "two tiers share a key")
        }
        self.tiers = sorted
    }

    /// Champion #1, Silver #2, Bronze #3, Top 10: 4–10, Elite: 11–100, without roles.
    public static let defaults = TierTable(checked: defaultTiers)

    public static let defaultTiers = [
        Tier(key: "champion", name: "Champion", ranks: 1...1),
        Tier(key: "silver", name: "Silver", ranks: 2...2),
        Tier(key: "bronze", name: "Bronze", ranks: 3...3),
        Tier(key: "top10", name: "Top 10", ranks: 4...10),
        Tier(key: "elite", name: "Elite", ranks: 11...100),
    ]

    private init(checked tiers: [Tier]) { self.tiers = tiers }

    /// The tier holding `rank`; nil for an unranked member or a rank below every tier.
    public func tier(for rank: Int?) -> Tier? {
        guard let rank else { return nil }
        return tiers.first { $0.ranks.contains(rank) }
    }

    /// The lowest rank any tier covers (0 without tiers): below it nothing changes tier.
    public var lastTieredRank: Int { tiers.map(\.ranks.upperBound).max() ?? 0 }

    /// True when some tier carries a Discord role.
    public var hasRoles: Bool { tiers.contains { $0.discordRoleID != nil } }
}
