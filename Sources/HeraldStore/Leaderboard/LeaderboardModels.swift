import Foundation
import HeraldCore

/// A member's contact details and preferences, read for role sync and rank alerts.
public struct MemberContact: Sendable, Equatable {
    public let userID: Int64
    public let displayName: String?
    public let discordID: String?
    public let telegramID: Int64?
    public let locale: String
    /// `users.notification_opt_outs`: the kinds of message the member turned off.
    public let optOuts: [String]

    public init(userID: Int64, displayName: String?, discordID: String?, telegramID: Int64?, locale: String, optOuts: [String]) {
        self.userID = userID
        self.displayName = displayName
        self.discordID = discordID
        self.telegramID = telegramID
        self.locale = locale
        self.optOuts = optOuts
    }

    /// False when the member opted out of rank alerts or of everything.
    public var acceptsRankAlerts: Bool {
        !optOuts.contains(RankAlert.optOutKey) && !optOuts.contains(RankAlert.optOutAllKey)
    }
}

/// Turns a recompute's effects into notifications, inside the recompute's transaction.
///
/// Rendering lives with the relay (templates); the store only enqueues what it returns
/// (idempotency keys on these notifications are not used).
public typealias LeaderboardNotifier = @Sendable (LeaderboardEffects, _ contacts: [Int64: MemberContact]) throws -> [NewNotification]

/// One line of a stored snapshot of the top of the board.
public struct SnapshotEntry: Sendable, Equatable, Codable {
    public let rank: Int
    public let previousRank: Int?
    public let userID: Int64
    public let name: String?
    public let score: Int64
    /// The tier's name when the snapshot was taken.
    public let tier: String?

    public init(rank: Int, previousRank: Int?, userID: Int64, name: String?, score: Int64, tier: String?) {
        self.rank = rank
        self.previousRank = previousRank
        self.userID = userID
        self.name = name
        self.score = score
        self.tier = tier
    }

    /// ▲/▼ since the member's rank last changed.
    public var movement: RankMovement { RankMovement(previousRank: previousRank, rank: rank) }

    enum CodingKeys: String, CodingKey {
        case rank, previousRank = "previous_rank", userID = "user_id", name, score, tier
    }
}

/// The top of the board as the last recompute that changed something left it.
public struct LeaderboardSnapshot: Sendable, Equatable {
    public let id: Int64
    public let generatedAt: Date
    public let totalPlayers: Int
    public let generationMilliseconds: Int
    public let entries: [SnapshotEntry]
}

/// One page of the latest snapshot, for `/leaderboard` and `GET /api/v1/leaderboard`.
public struct LeaderboardPage: Sendable, Equatable {
    /// 1-based.
    public let page: Int
    public let pageSize: Int
    /// Pages in the snapshot (at least 1).
    public let pageCount: Int
    public let entries: [SnapshotEntry]
    public let totalPlayers: Int
    public let generatedAt: Date
}

/// A member's score, rank and recent history, for profiles.
public struct MemberStanding: Sendable, Equatable {
    public let userID: Int64
    public let score: Int64
    /// nil until the first recompute after the member's first score.
    public let rank: Int?
    public let previousRank: Int?
    public let reachedAt: Date
    public let metrics: ScoreMetrics
    public let totalPlayers: Int
    /// Newest first.
    public let history: [HistoryPoint]

    public var movement: RankMovement? { rank.map { RankMovement(previousRank: previousRank, rank: $0) } }
}

/// The business metrics kept next to a score.
public struct ScoreMetrics: Sendable, Equatable, Codable {
    public var dealsClosed: Int64
    public var leadsGenerated: Int64
    public var campaignsLaunched: Int64
    public var responseRate: Double

    public init(dealsClosed: Int64 = 0, leadsGenerated: Int64 = 0, campaignsLaunched: Int64 = 0, responseRate: Double = 0) {
        self.dealsClosed = dealsClosed
        self.leadsGenerated = leadsGenerated
        self.campaignsLaunched = campaignsLaunched
        self.responseRate = responseRate
    }

    enum CodingKeys: String, CodingKey {
        case dealsClosed = "deals_closed", leadsGenerated = "leads_generated", campaignsLaunched = "campaigns_launched"
        case responseRate = "response_rate"
    }
}

/// A member's rank and score at one recompute that changed them.
public struct HistoryPoint: Sendable, Equatable {
    public let rank: Int
    public let score: Int64
    public let at: Date
}

/// What one recompute did.
public struct RecomputeResult: Sendable, Equatable {
    /// Members whose rank or score changed (one history row each).
    public var changedMembers: Int
    public var totalPlayers: Int
    /// Role changes and alerts, worked out from the changed members near the top or past a milestone.
    public var effects: LeaderboardEffects
    public var notificationsEnqueued: Int
    /// The snapshot written, nil when nothing changed.
    public var snapshotID: Int64?
    public var generationMilliseconds: Int
}
