import Foundation
import HeraldCore
import SQLKit

/// The leaderboard: ranking every member, the stored snapshot of the top, and
/// each member's standing with its history.
///
/// Readers (`/leaderboard`, the REST API) page through the latest snapshot
/// instead of ranking on every request; the recompute job writes it.
public struct LeaderboardRepository: Sendable {
    let backend: any DatabaseBackend

    /// Snapshots kept; older ones are deleted as new ones are written.
    static let snapshotsKept = 1_000

    /// The newest snapshot, nil before the first recompute.
    public func latestSnapshot() async throws -> LeaderboardSnapshot? {
        try await backend.withConnection { db in try await Self.latestSnapshot(on: db) }
    }

    /// The newest snapshot, read inside the caller's connection or transaction.
    public static func latestSnapshot(on db: any SQLDatabase) async throws -> LeaderboardSnapshot? {
        guard
            let row = try await db.raw(
                """
                SELECT id, generated_at, total_players, generation_duration_ms, CAST(top_players AS TEXT) AS top_players
                FROM leaderboard_snapshots ORDER BY id DESC LIMIT 1
                """
            ).first()
        else { return nil }
        let json = try row.decode(column: "top_players", as: String.self)
        return LeaderboardSnapshot(
            id: try row.decode(column: "id", as: Int64.self),
            generatedAt: try row.decode(column: "generated_at", as: Date.self),
            totalPlayers: try row.decode(column: "total_players", as: Int.self),
            generationMilliseconds: try row.decode(column: "generation_duration_ms", as: Int.self),
            entries: try JSONDecoder().decode([SnapshotEntry].self, from: Data(json.utf8))
        )
    }

    /// Page `page` (1-based) of the latest snapshot, `size` members a page; a page
    /// past the end is empty. nil before the first recompute.
    public func page(_ page: Int, size: Int) async throws -> LeaderboardPage? {
        try await backend.withConnection { db in try await Self.page(page, size: size, on: db) }
    }

    public static func page(_ page: Int, size: Int, on db: any SQLDatabase) async throws -> LeaderboardPage? {
        guard let snapshot = try await latestSnapshot(on: db) else { return nil }
        return Self.page(page, size: size, of: snapshot)
    }

    /// The id of the newest snapshot: a cheap check whether a decoded snapshot is still the latest.
    public static func latestSnapshotID(on db: any SQLDatabase) async throws -> Int64? {
        try await db.select().column("id").from("leaderboard_snapshots").orderBy("id", .descending).limit(1)
            .first(decodingColumn: "id", as: Int64.self)
    }

    /// Page `page` (1-based) of `snapshot`, `size` members a page.
    public static func page(_ page: Int, size: Int, of snapshot: LeaderboardSnapshot) -> LeaderboardPage {
        precondition(page >= 1 && size >= 1, "pages and page sizes start at 1")
        let start = (page - 1) * size
        let entries = start < snapshot.entries.count ? Array(snapshot.entries[start..<min(start + size, snapshot.entries.count)]) : []
        return LeaderboardPage(
            page: page, pageSize: size, pageCount: max(1, (snapshot.entries.count + size - 1) / size), entries: entries,
            totalPlayers: snapshot.totalPlayers, generatedAt: snapshot.generatedAt
        )
    }

    /// A member's score, rank and newest `historyLimit` history rows; nil for a member with no score yet.
    public func standing(userID: Int64, historyLimit: Int = 30) async throws -> MemberStanding? {
        try await backend.withConnection { db in try await Self.standing(userID: userID, historyLimit: historyLimit, on: db) }
    }

    public static func standing(userID: Int64, historyLimit: Int = 30, on db: any SQLDatabase) async throws -> MemberStanding? {
        guard
            let row = try await db.select()
                .columns("score", "rank", "previous_rank", "reached_at", "deals_closed", "leads_generated", "campaigns_launched", "response_rate")
                .from("scores").where("user_id", .equal, SQLBind(userID)).first()
        else { return nil }
        let history = try await db.select().columns("rank", "score", "snapshot_at").from("leaderboard_history")
            .where("user_id", .equal, SQLBind(userID))
            .orderBy("snapshot_at", .descending).orderBy("id", .descending).limit(historyLimit)
            .all().map { point in
                HistoryPoint(
                    rank: try point.decode(column: "rank", as: Int.self),
                    score: try point.decode(column: "score", as: Int64.self),
                    at: try point.decode(column: "snapshot_at", as: Date.self)
                )
            }
        let total = try await db.raw("SELECT count(*) AS n FROM scores").first(decodingColumn: "n", as: Int.self) ?? 0
        return MemberStanding(
            userID: userID,
            score: try row.decode(column: "score", as: Int64.self),
            rank: try row.decode(column: "rank", as: Int?.self),
            previousRank: try row.decode(column: "previous_rank", as: Int?.self),
            reachedAt: try row.decode(column: "reached_at", as: Date.self),
            metrics: ScoreMetrics(
                dealsClosed: try row.decode(column: "deals_closed", as: Int64.self),
                leadsGenerated: try row.decode(column: "leads_generated", as: Int64.self),
                campaignsLaunched: try row.decode(column: "campaigns_launched", as: Int64.self),
                responseRate: try row.decode(column: "response_rate", as: Double.self)
            ),
            totalPlayers: total,
            history: history
        )
    }
}

extension LeaderboardRepository {
    /// A member's holdings in every currency, for profiles.
    public func balances(userID: Int64) async throws -> [Balance] {
        try await backend.withConnection { db in
            try await db.select().columns("user_id", "currency", "balance", "total_earned", "total_spent").from("balances")
                .where("user_id", .equal, SQLBind(userID)).orderBy("currency").all(decoding: Balance.self)
        }
    }
}
