import Foundation
import HeraldCore
import SQLKit

extension LeaderboardRepository {
    /// Ranks every member and records what changed, in one transaction.
    ///
    /// Set-based: one `ROW_NUMBER() OVER (ORDER BY score DESC, reached_at, id)`
    /// pass finds the members whose rank or score moved into a temporary table;
    /// only those get a history row and an `UPDATE` (`previous_rank` keeps the rank
    /// before the last move, `ranked_score` the score last ranked). The changed
    /// members near the top (within the last tier) or past a score milestone are
    /// read back for `LeaderboardDiff`, whose role changes and alerts `notifier`
    /// turns into outbox rows. When anything changed, a new snapshot of the top
    /// `snapshotSize` is stored. An unchanged board writes nothing.
    public func recompute(
        tiers: TierTable,
        rules: AlertRules,
        snapshotSize: Int = 100,
        now: Date = Date(),
        notifier: @escaping LeaderboardNotifier
    ) async throws -> RecomputeResult {
        let started = ContinuousClock.now
        return try await backend.withTransaction { db in
            let postgres = db.dialect.name == "postgresql"
            try await Self.collectChanges(on: db, postgres: postgres)
            let changed = try await db.raw("SELECT count(*) AS n FROM leaderboard_changes").first(decodingColumn: "n", as: Int.self) ?? 0
            var result = RecomputeResult(
                changedMembers: changed, totalPlayers: 0, effects: LeaderboardEffects(), notificationsEnqueued: 0, snapshotID: nil,
                generationMilliseconds: 0
            )
            let hasSnapshot = try await db.select().column("id").from("leaderboard_snapshots").limit(1).first() != nil
            guard changed > 0 || !hasSnapshot else {
                try await Self.dropChanges(on: db, postgres: postgres)
                return result
            }
            try await Self.writeHistoryAndRanks(on: db, postgres: postgres, now: now)
            let interesting = try await Self.interestingChanges(on: db, lastTieredRank: tiers.lastTieredRank, milestones: rules.milestones)
            try await Self.dropChanges(on: db, postgres: postgres)

            result.effects = LeaderboardDiff.effects(of: interesting, tiers: tiers, rules: rules)
            let contacts = try await Self.contacts(for: Self.involvedMembers(result.effects), on: db)
            let notifications = try notifier(result.effects, contacts)
            try await Self.enqueue(notifications, now: now, on: db)
            result.notificationsEnqueued = notifications.count
            result.totalPlayers = try await db.raw("SELECT count(*) AS n FROM scores").first(decodingColumn: "n", as: Int.self) ?? 0
            let top = try await Self.top(snapshotSize, tiers: tiers, on: db)
            result.generationMilliseconds = Int((ContinuousClock.now - started).wholeMilliseconds)
            result.snapshotID = try await Self.storeSnapshot(
                top, totalPlayers: result.totalPlayers, milliseconds: result.generationMilliseconds, now: now, on: db
            )
            return result
        }
    }

    /// Fills the temporary `leaderboard_changes` with every member whose rank or score moved.
    static func collectChanges(on db: any SQLDatabase, postgres: Bool) async throws {
        let ranked: SQLQueryString = """
            SELECT id, user_id, old_rank, new_rank, old_score, new_score,
                   deals_closed, leads_generated, campaigns_launched, response_rate
            FROM (
                SELECT id, user_id, rank AS old_rank, ranked_score AS old_score, score AS new_score,
                       deals_closed, leads_generated, campaigns_launched, response_rate,
                       ROW_NUMBER() OVER (ORDER BY score DESC, reached_at, id) AS new_rank
                FROM scores
            ) ranked
            WHERE old_rank IS NULL OR old_rank <> new_rank OR old_score <> new_score
            """
        if postgres {
            try await db.raw("CREATE TEMPORARY TABLE leaderboard_changes ON COMMIT DROP AS \(ranked)").run()
        } else {
            try await db.raw("DROP TABLE IF EXISTS temp.leaderboard_changes").run()
            try await db.raw("CREATE TEMPORARY TABLE leaderboard_changes AS \(ranked)").run()
        }
    }

    static func dropChanges(on db: any SQLDatabase, postgres: Bool) async throws {
        try await db.raw(postgres ? "DROP TABLE IF EXISTS leaderboard_changes" : "DROP TABLE IF EXISTS temp.leaderboard_changes").run()
    }

    /// One history row per changed member (in member order, so index and foreign-key
    /// lookups walk forward), then their new rank, previous rank and ranked score.
    static func writeHistoryAndRanks(on db: any SQLDatabase, postgres: Bool, now: Date) async throws {
        let metrics: SQLQueryString = postgres
            ? "jsonb_build_object('deals_closed', deals_closed, 'leads_generated', leads_generated, 'campaigns_launched', campaigns_launched, 'response_rate', response_rate)"
            : "json_object('deals_closed', deals_closed, 'leads_generated', leads_generated, 'campaigns_launched', campaigns_launched, 'response_rate', response_rate)"
        try await db.raw(
            """
            INSERT INTO leaderboard_history (user_id, rank, score, metrics, snapshot_at)
            SELECT user_id, new_rank, new_score, \(metrics), \(bind: now) FROM leaderboard_changes ORDER BY user_id
            """
        ).run()
        try await db.raw(
            """
            UPDATE scores SET
                previous_rank = CASE WHEN c.old_rank IS NULL OR c.old_rank <> c.new_rank THEN c.old_rank ELSE scores.previous_rank END,
                rank = c.new_rank,
                ranked_score = c.new_score
            FROM leaderboard_changes c
            WHERE scores.id = c.id
            """
        ).run()
    }

    /// The changed members that can change tier or earn an alert: ranked within
    /// the last tier before or after, or past a milestone.
    static func interestingChanges(on db: any SQLDatabase, lastTieredRank: Int, milestones: [Int64]) async throws -> [StandingChange] {
        var filter: SQLQueryString = "old_rank <= \(bind: lastTieredRank) OR new_rank <= \(bind: lastTieredRank)"
        for milestone in milestones {
            filter = filter + " OR (old_score < \(bind: milestone) AND new_score >= \(bind: milestone))"
        }
        let rows = try await db.raw(
            "SELECT user_id, old_rank, new_rank, old_score, new_score FROM leaderboard_changes WHERE \(filter) ORDER BY new_rank"
        ).all()
        return try rows.map { row in
            StandingChange(
                userID: try row.decode(column: "user_id", as: Int64.self),
                previousRank: try row.decode(column: "old_rank", as: Int?.self),
                rank: try row.decode(column: "new_rank", as: Int.self),
                previousScore: try row.decode(column: "old_score", as: Int64.self),
                score: try row.decode(column: "new_score", as: Int64.self)
            )
        }
    }

    /// Everyone a role change or an alert concerns, including the new leader an alert names.
    static func involvedMembers(_ effects: LeaderboardEffects) -> [Int64] {
        var ids = Set(effects.tierChanges.map(\.userID))
        for alert in effects.alerts {
            ids.insert(alert.userID)
            if case .lostFirst(_, _, let leader?) = alert { ids.insert(leader) }
        }
        return ids.sorted()
    }

    static func contacts(for ids: [Int64], on db: any SQLDatabase) async throws -> [Int64: MemberContact] {
        var contacts: [Int64: MemberContact] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let rows = try await db.raw(
                """
                SELECT id, display_name, discord_id, telegram_id, locale, CAST(notification_opt_outs AS TEXT) AS opt_outs
                FROM users WHERE id IN \(SQLBind.group(chunk))
                """
            ).all()
            for row in rows {
                let id = try row.decode(column: "id", as: Int64.self)
                let optOuts = try row.decode(column: "opt_outs", as: String.self)
                contacts[id] = MemberContact(
                    userID: id,
                    displayName: try row.decode(column: "display_name", as: String?.self),
                    discordID: try row.decode(column: "discord_id", as: String?.self),
                    telegramID: try row.decode(column: "telegram_id", as: Int64?.self),
                    locale: try row.decode(column: "locale", as: String.self),
                    optOuts: (try? JSONDecoder().decode([String].self, from: Data(optOuts.utf8))) ?? []
                )
            }
        }
        return contacts
    }

    /// Adds the notifications to the outbox, 500 rows a statement (their idempotency keys are not used).
    static func enqueue(_ notifications: [NewNotification], now: Date, on db: any SQLDatabase) async throws {
        for start in stride(from: 0, to: notifications.count, by: 500) {
            var insert = db.insert(into: "outbox")
                .columns("channel", "destination", "body", "template", "locale", "data", "endpoint_id", "status", "next_attempt_at", "created_at")
            for notification in notifications[start..<min(start + 500, notifications.count)] {
                insert = insert.values(
                    SQLBind(notification.channel.rawValue), SQLBind(notification.destination), SQLBind(notification.body),
                    SQLBind(notification.template), SQLBind(notification.locale),
                    notification.dataJSON.map { JSONText($0) as any SQLExpression } ?? SQLLiteral.null, SQLBind(notification.endpointID),
                    SQLBind(DeliveryStatus.pending.rawValue), SQLBind(now), SQLBind(now)
                )
            }
            try await insert.run()
        }
    }

    static func top(_ limit: Int, tiers: TierTable, on db: any SQLDatabase) async throws -> [SnapshotEntry] {
        let rows = try await db.raw(
            """
            SELECT s.user_id, s.rank, s.previous_rank, s.score, u.display_name
            FROM scores s JOIN users u ON u.id = s.user_id
            WHERE s.rank <= \(bind: limit)
            ORDER BY s.rank
            """
        ).all()
        return try rows.map { row in
            let rank = try row.decode(column: "rank", as: Int.self)
            return SnapshotEntry(
                rank: rank,
                previousRank: try row.decode(column: "previous_rank", as: Int?.self),
                userID: try row.decode(column: "user_id", as: Int64.self),
                name: try row.decode(column: "display_name", as: String?.self),
                score: try row.decode(column: "score", as: Int64.self),
                tier: tiers.tier(for: rank)?.name
            )
        }
    }

    /// Stores the snapshot and keeps only the newest `snapshotsKept`.
    static func storeSnapshot(_ entries: [SnapshotEntry], totalPlayers: Int, milliseconds: Int, now: Date, on db: any SQLDatabase) async throws -> Int64? {
        let json = String(decoding: try JSONEncoder().encode(entries), as: UTF8.self)
        let id = try await db.insert(into: "leaderboard_snapshots")
            .columns("top_players", "total_players", "generated_at", "generation_duration_ms")
            .values(JSONText(json), SQLBind(totalPlayers), SQLBind(now), SQLBind(milliseconds))
            .returning("id")
            .first(decodingColumn: "id", as: Int64.self)
        try await db.raw(
            """
            DELETE FROM leaderboard_snapshots
            WHERE id NOT IN (SELECT id FROM leaderboard_snapshots ORDER BY id DESC LIMIT \(bind: snapshotsKept))
            """
        ).run()
        return id
    }
}
