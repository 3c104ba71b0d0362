import Foundation
import HeraldCore
import HeraldRelay
import HeraldStore
import Logging
import SQLKit

/// `herald-bench leaderboard DATABASE_URL [MEMBERS…]`: the recompute job's time
/// for boards of MEMBERS members (default 10,000 and 100,000).
///
/// For each size the tables are emptied and filled with members whose scores
/// tie often; then three recomputes are timed: the first ranking (every member
/// new: a history row each, role sync and alerts for the top 100), an unchanged
/// board (the steady state), and one after 1% of the scores changed.
enum LeaderboardBenchmark {
    static let logger = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })

    static func run(databaseURL: String, sizes: [Int]) async throws {
        let url = try DatabaseURL(parsing: databaseURL)
        let store = try await Store.open(url, logger: logger)
        let templates = (try? TemplateLibrary(directory: "templates")) ?? TemplateLibrary()
        let tiers = try TierTable(TierTable.defaultTiers.map {
            Tier(key: $0.key, name: $0.name, ranks: $0.ranks, discordRoleID: String(900_000 + $0.ranks.lowerBound))
        })
        let notifier = LeaderboardNotifications(templates: templates, discordGuildID: "1", discordDMs: true, telegramMessages: true).notifier
        try await store.closing { store in
            try await store.withRunningService {
                _ = try await store.migrate()
                for size in sizes {
                    try await seed(store, members: size)
                    let recompute = { @Sendable in
                        try await store.leaderboard.recompute(tiers: tiers, rules: AlertRules(), notifier: notifier)
                    }
                    let (first, firstTime) = try await timed(recompute)
                    let (_, unchangedTime) = try await timed(recompute)
                    try await changeOnePercent(store)
                    let (changed, changedTime) = try await timed(recompute)
                    print(
                        "  \(size) members: first ranking \(ms(firstTime)) (\(first.changedMembers) history rows, "
                            + "\(first.notificationsEnqueued) notifications); unchanged \(ms(unchangedTime)); "
                            + "after 1% of scores changed \(ms(changedTime)) (\(changed.changedMembers) members moved, "
                            + "\(changed.notificationsEnqueued) notifications)"
                    )
                }
            }
        }
    }

    static func timed<T>(_ body: () async throws -> T) async throws -> (T, Duration) {
        let started = ContinuousClock.now
        let result = try await body()
        return (result, ContinuousClock.now - started)
    }

    static func ms(_ duration: Duration) -> String { "\(duration.wholeMilliseconds) ms" }

    /// Empties the leaderboard and fills it with `members` members and scores, in SQL.
    static func seed(_ store: Store, members: Int) async throws {
        try await store.backend.withTransaction { db in
            for table in ["outbox", "leaderboard_history", "leaderboard_snapshots", "score_events", "scores", "users"] {
                try await db.raw("DELETE FROM \(ident: table)").run()
            }
            let postgres = db.dialect.name == "postgresql"
            let numbers: SQLQueryString = postgres
                ? "SELECT g AS n FROM generate_series(1, \(bind: members)) g"
                : "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < \(bind: members)) SELECT n FROM g"
            try await db.raw(
                """
                INSERT INTO users (display_name, discord_id, locale)
                SELECT 'member ' || n, CAST(100000000000 + n AS TEXT), 'en' FROM (\(numbers)) numbers
                """
            ).run()
            // Scores from 0 to 49,999 with many ties; reached within the last ~17 minutes.
            let reached: SQLQueryString = postgres ? "now() - (id % 1000) * interval '1 second'" : "unixepoch('subsec') - (id % 1000)"
            try await db.raw(
                "INSERT INTO scores (user_id, score, reached_at) SELECT id, (id * 7919) % 50000, \(reached) FROM users"
            ).run()
        }
    }

    /// Adds points to every hundredth member.
    static func changeOnePercent(_ store: Store) async throws {
        try await store.backend.withConnection { db in
            try await db.raw("UPDATE scores SET score = score + 1 + (id % 997) WHERE id % 100 = 0").run()
        }
    }
}
