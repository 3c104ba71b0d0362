import Foundation
import HeraldCore
import HeraldStore
import SQLKit

/// Members and scores for the leaderboard tests.
enum Board {
    static let t0 = Date(timeIntervalSince1970: 1_750_000_000)

    /// Creates `count` members named m1, m2, … and returns their ids in that order.
    static func members(_ count: Int, in store: Store, discord: Bool = false) async throws -> [Int64] {
        var ids: [Int64] = []
        for index in 1...count {
            let user = try await store.users.create(NewUser(displayName: "m\(index)", discordID: discord ? "\(800_000 + index)" : nil))
            ids.append(user.id)
        }
        return ids
    }

    /// Adds `points` to `user`'s score as of `at`.
    static func push(_ points: Int64, to user: Int64, at: Date = t0, in store: Store) async throws {
        _ = try await store.scores.apply([ScoreEvent(eventID: UUID().uuidString, userID: user, points: points)], now: at)
    }

    /// Every score row as the reference ranking reads it.
    static func lines(in store: Store) async throws -> [ScoreLine] {
        try await store.backend.withConnection { db in
            try await db.select().columns("id", "user_id", "score", "reached_at").from("scores").all().map { row in
                ScoreLine(
                    id: try row.decode(column: "id", as: Int64.self), userID: try row.decode(column: "user_id", as: Int64.self),
                    score: try row.decode(column: "score", as: Int64.self), reachedAt: try row.decode(column: "reached_at", as: Date.self)
                )
            }
        }
    }

    /// Each member's stored rank.
    static func ranks(in store: Store) async throws -> [Int64: Int] {
        try await store.backend.withConnection { db in
            var ranks: [Int64: Int] = [:]
            for row in try await db.select().columns("user_id", "rank").from("scores").all() {
                ranks[try row.decode(column: "user_id", as: Int64.self)] = try row.decode(column: "rank", as: Int?.self)
            }
            return ranks
        }
    }

    static func count(_ table: String, in store: Store) async throws -> Int {
        try await store.backend.withConnection { db in
            try await db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from(table).first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    /// Recomputes with the default tiers and alerts, enqueuing nothing.
    static func recompute(_ store: Store, tiers: TierTable = .defaults, rules: AlertRules = AlertRules()) async throws -> RecomputeResult {
        try await store.leaderboard.recompute(tiers: tiers, rules: rules) { _, _ in [] }
    }
}
