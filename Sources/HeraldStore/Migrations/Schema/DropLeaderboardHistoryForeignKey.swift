/// Drops the foreign key from `leaderboard_history` to `users` on PostgreSQL.
///
/// PostgreSQL checks a foreign key with a row trigger, one lookup per inserted
/// row; a recompute that moves a whole board of 100,000 members spent up to a
/// second of its time there. Integrity holds without it: history rows are
/// written only inside the recompute, from `scores` rows (whose own key to
/// `users` stays), and merging members moves history before it deletes the
/// merged member, the only place a member is deleted. SQLite keeps its key: it
/// cannot drop one without rebuilding the table, and checks it cheaply.
struct DropLeaderboardHistoryForeignKey: Migration {
    let version = 13
    let name = "leaderboard_history_without_foreign_key"

    func statements(for d: SchemaDialect) -> [String] {
        switch d.kind {
        case .postgres: ["ALTER TABLE leaderboard_history DROP CONSTRAINT IF EXISTS leaderboard_history_user_id_fkey"]
        case .sqlite: []
        }
    }
}
