/// Why a balance moved. Each type has a fixed direction, so a ledger can be
/// audited by type alone: earnings and grants add, spends take away, and only
/// refunds and merges may go either way.
public enum LedgerEntryType: String, Sendable, Codable, CaseIterable {
    case earnReaction = "earn_reaction"
    case earnDaily = "earn_daily"
    case earnStreak = "earn_streak"
    case earnReward = "earn_reward"
    case earnAdmin = "earn_admin"
    case grantPurchase = "grant_purchase"
    case spendShop = "spend_shop"
    case spendAdmin = "spend_admin"
    case refund = "refund"
    case merge = "merge"

    /// The sign an amount of this type must have.
    public enum Direction: Sendable { case credit, debit, either }

    public var direction: Direction {
        switch self {
        case .earnReaction, .earnDaily, .earnStreak, .earnReward, .earnAdmin, .grantPurchase: .credit
        case .spendShop, .spendAdmin: .debit
        case .refund, .merge: .either
        }
    }
}
