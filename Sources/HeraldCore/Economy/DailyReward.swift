/// How `/daily` pays: a base amount once per UTC day, plus a bonus that grows
/// with each consecutive day and resets after a missed one.
///
/// Pure so every streak edge (first claim, same day, next day, a gap) is
/// tested without a database; the store applies the outcome atomically.
public struct DailyRewardRule: Sendable, Equatable {
    public var currency: Currency
    public var baseAmount: Int64
    /// Added per day of streak beyond the first.
    public var streakBonusPerDay: Int64
    /// The bonus never exceeds this.
    public var maximumStreakBonus: Int64

    public init(currency: Currency, baseAmount: Int64, streakBonusPerDay: Int64, maximumStreakBonus: Int64) {
        self.currency = currency
        self.baseAmount = baseAmount
        self.streakBonusPerDay = streakBonusPerDay
        self.maximumStreakBonus = maximumStreakBonus
    }

    /// The outcome of claiming on `today` after a last claim on `lastClaim` with `currentStreak`.
    public func claim(today: UTCDay, lastClaim: UTCDay?, currentStreak: Int, longestStreak: Int) -> DailyClaim {
        if let lastClaim, lastClaim >= today {
            return .alreadyClaimed(streak: currentStreak, nextClaim: lastClaim.adding(days: 1))
        }
        let continues = lastClaim.map { $0.adding(days: 1) == today } ?? false
        let streak = continues ? currentStreak + 1 : 1
        let bonus = min(maximumStreakBonus, Int64(streak - 1).multipliedReportingOverflow(by: streakBonusPerDay).partialValue)
        return .granted(
            DailyGrant(
                day: today, streak: streak, longestStreak: max(longestStreak, streak),
                baseAmount: baseAmount, streakBonus: max(0, bonus), streakWasReset: lastClaim != nil && !continues
            )
        )
    }
}

/// What a `/daily` claim produced.
public enum DailyClaim: Sendable, Equatable {
    case granted(DailyGrant)
    /// Already claimed today; `nextClaim` is the first day a claim pays again.
    case alreadyClaimed(streak: Int, nextClaim: UTCDay)
}

/// A paid daily claim: the amounts to credit and the new streak.
public struct DailyGrant: Sendable, Equatable {
    public let day: UTCDay
    public let streak: Int
    public let longestStreak: Int
    public let baseAmount: Int64
    public let streakBonus: Int64
    /// A streak existed but a day was missed, so it starts again at 1.
    public let streakWasReset: Bool

    public init(day: UTCDay, streak: Int, longestStreak: Int, baseAmount: Int64, streakBonus: Int64, streakWasReset: Bool) {
        self.day = day
        self.streak = streak
        self.longestStreak = longestStreak
        self.baseAmount = baseAmount
        self.streakBonus = streakBonus
        self.streakWasReset = streakWasReset
    }

    public var total: Int64 { baseAmount + streakBonus }
}
