import Foundation
import HeraldCore
import SQLKit

/// A member's daily streak as stored.
public struct DailyStreakState: Sendable, Equatable {
    public let currentStreak: Int
    public let longestStreak: Int
    public let lastClaim: UTCDay?
}

/// `/daily`: the streak row and the ledger entries of one claim, applied together.
///
/// The streak row is updated only if it still holds what was read (compare and
/// set on `last_activity_date`), so two claims racing on one day pay once: the
/// loser sees the day already claimed. The ledger entries carry the key
/// `daily:<member>:<day>` as a second guard.
public enum DailyRewardRepository {
    public static func claim(
        userID: Int64, rule: DailyRewardRule, today: UTCDay, on db: any SQLDatabase
    ) async throws -> DailyClaim {
        try await db.insert(into: "daily_streaks")
            .columns("user_id", "current_streak", "longest_streak", "updated_at")
            .values(SQLBind(userID), SQLBind(0), SQLBind(0), SQLBind(Date()))
            .ignoringConflicts(with: ["user_id"])
            .run()
        let state = try await streak(userID: userID, on: db)
        let claim = rule.claim(
            today: today, lastClaim: state.lastClaim, currentStreak: state.currentStreak, longestStreak: state.longestStreak
        )
        guard case .granted(let grant) = claim else { return claim }

        var update = db.update("daily_streaks")
            .set("current_streak", to: SQLBind(grant.streak))
            .set("longest_streak", to: SQLBind(grant.longestStreak))
            .set("last_activity_date", to: DayText(day: today))
            .set("updated_at", to: SQLBind(Date()))
            .where("user_id", .equal, SQLBind(userID))
        if let last = state.lastClaim {
            update = update.where(DayText.column("last_activity_date"), .equal, SQLBind(last.iso))
        } else {
            update = update.where("last_activity_date", .is, SQLLiteral.null)
        }
        let changed = try await update.returning("user_id").first()
        guard changed != nil else {
            let now = try await streak(userID: userID, on: db)
            return .alreadyClaimed(streak: now.currentStreak, nextClaim: (now.lastClaim ?? today).adding(days: 1))
        }
        let key = "daily:\(userID):\(today.iso)"
        try await LedgerRepository.apply(
            try BalanceChange(
                userID: userID, currency: rule.currency, amount: grant.baseAmount, type: .earnDaily,
                reason: "daily reward", idempotencyKey: key
            ),
            on: db
        )
        if grant.streakBonus > 0 {
            try await LedgerRepository.apply(
                try BalanceChange(
                    userID: userID, currency: rule.currency, amount: grant.streakBonus, type: .earnStreak,
                    reason: "\(grant.streak)-day streak", idempotencyKey: key + ":streak"
                ),
                on: db
            )
        }
        return claim
    }

    public static func streak(userID: Int64, on db: any SQLDatabase) async throws -> DailyStreakState {
        let row = try await db.select()
            .column("current_streak").column("longest_streak")
            .column(SQLAlias(DayText.column("last_activity_date"), as: SQLIdentifier("last_day")))
            .from("daily_streaks")
            .where("user_id", .equal, SQLBind(userID))
            .first()
        guard let row else { return DailyStreakState(currentStreak: 0, longestStreak: 0, lastClaim: nil) }
        let lastDay = try row.decodeNil(column: "last_day") ? nil : try row.decode(column: "last_day", as: String.self)
        return DailyStreakState(
            currentStreak: try row.decode(column: "current_streak", as: Int.self),
            longestStreak: try row.decode(column: "longest_streak", as: Int.self),
            lastClaim: lastDay.flatMap { UTCDay(iso: $0) }
        )
    }
}
