/// Which rank alerts members receive: read from the configuration.
public struct AlertRules: Sendable, Equatable {
    /// Tell a member who moves up into a tier (or is ranked into one).
    public var tierEntered: Bool
    /// Tell the member who held first place when someone takes it.
    public var lostFirst: Bool
    /// Scores that earn an alert when reached; ascending.
    public var milestones: [Int64]

    public init(tierEntered: Bool = true, lostFirst: Bool = true, milestones: [Int64] = []) {
        self.tierEntered = tierEntered
        self.lostFirst = lostFirst
        self.milestones = Array(Set(milestones)).sorted()
    }

    /// The highest milestone reached when a score goes from `previous` to `score`; nil when none is crossed.
    public func milestoneCrossed(from previous: Int64, to score: Int64) -> Int64? {
        milestones.last { previous < $0 && $0 <= score }
    }
}

/// A message a member gets because their standing changed.
public enum RankAlert: Sendable, Equatable {
    /// Moved up into `tier` (or was ranked into it for the first time).
    case enteredTier(userID: Int64, tier: Tier, rank: Int)
    /// Held first place and lost it to `newLeaderID`.
    case lostFirst(userID: Int64, rank: Int, newLeaderID: Int64?)
    /// Reached the `milestone` score.
    case milestone(userID: Int64, milestone: Int64, score: Int64)

    /// Members who opted out of this value in `users.notification_opt_outs` get no rank alerts.
    public static let optOutKey = "rank_alerts"
    /// Opting out of everything also stops rank alerts.
    public static let optOutAllKey = "all"

    public var userID: Int64 {
        switch self {
        case .enteredTier(let id, _, _), .lostFirst(let id, _, _), .milestone(let id, _, _): id
        }
    }

    /// The message template that renders the alert.
    public var template: String {
        switch self {
        case .enteredTier: "rank_up"
        case .lostFirst: "rank_lost_first"
        case .milestone: "score_milestone"
        }
    }
}
