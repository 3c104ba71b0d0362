/// The public ranking of members.
///
/// `scores` holds each member's current score and business metrics, with the
/// precomputed rank; `reached_at` breaks ties so the member who got there first
/// ranks higher, and `scores_ranking_idx` serves that exact ordering.
/// `leaderboard_history` keeps each member's rank over time for trend charts, and
/// `leaderboard_snapshots` stores the rendered top of the board with how long it
/// took to generate, so readers get a cached board instead of a full re-rank.
struct CreateLeaderboard: Migration {
    let version = 3
    let name = "leaderboard"

    func statements(for d: SchemaDialect) -> [String] {
        let double = d.kind == .postgres ? "DOUBLE PRECISION" : "REAL"
        return [
            """
            CREATE TABLE scores (
                id \(d.primaryKey),
                user_id \(d.foreignKey) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                score \(d.bigint) NOT NULL DEFAULT 0,
                rank INTEGER,
                previous_rank INTEGER,
                reached_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                deals_closed INTEGER NOT NULL DEFAULT 0,
                leads_generated INTEGER NOT NULL DEFAULT 0,
                campaigns_launched INTEGER NOT NULL DEFAULT 0,
                response_rate \(double) NOT NULL DEFAULT 0,
                updated_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                CONSTRAINT scores_user_id_key UNIQUE (user_id),
                CONSTRAINT scores_rank_check CHECK (rank IS NULL OR rank >= 1),
                CONSTRAINT scores_response_rate_check CHECK (response_rate >= 0 AND response_rate <= 1)
            )
            """,
            "CREATE INDEX scores_ranking_idx ON scores (score DESC, reached_at ASC)",

            """
            CREATE TABLE leaderboard_history (
                id \(d.primaryKey),
                user_id \(d.foreignKey) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                rank INTEGER NOT NULL,
                score \(d.bigint) NOT NULL,
                \(d.json("metrics")),
                snapshot_at \(d.timestamp) NOT NULL DEFAULT \(d.now)
            )
            """,
            "CREATE INDEX leaderboard_history_user_snapshot_idx ON leaderboard_history (user_id, snapshot_at)",

            """
            CREATE TABLE leaderboard_snapshots (
                id \(d.primaryKey),
                \(d.json("top_players", defaultValue: "[]")),
                total_players INTEGER NOT NULL,
                generated_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                generation_duration_ms INTEGER NOT NULL,
                CONSTRAINT leaderboard_snapshots_generation_duration_ms_check
                    CHECK (generation_duration_ms >= 0)
            )
            """,
            "CREATE INDEX leaderboard_snapshots_generated_at_idx ON leaderboard_snapshots (generated_at)",
        ]
    }
}
