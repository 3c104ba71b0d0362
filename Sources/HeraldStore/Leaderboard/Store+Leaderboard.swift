extension Store {
    /// Ranks, snapshots and member standings.
    public var leaderboard: LeaderboardRepository { LeaderboardRepository(backend: backend) }
    /// Score events pushed by integrators.
    public var scores: ScoreRepository { ScoreRepository(backend: backend) }
}
