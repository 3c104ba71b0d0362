import Foundation

/// A member's score as the ranking sees it: the score, when it was reached, and
/// the row id that breaks the last tie.
public struct ScoreLine: Sendable, Equatable {
    /// The score row's id; the final tie-breaker.
    public let id: Int64
    public let userID: Int64
    public let score: Int64
    /// When the member reached this score; earlier ranks higher on equal scores.
    public let reachedAt: Date

    public init(id: Int64, userID: Int64, score: Int64, reachedAt: Date) {
        self.id = id
        self.userID = userID
        self.score = score
        self.reachedAt = reachedAt
    }
}

/// A member's place on the board.
public struct Standing: Sendable, Equatable {
    public let userID: Int64
    /// 1 is first; ranks are dense positions, every member has a distinct one.
    public let rank: Int
    public let score: Int64

    public init(userID: Int64, rank: Int, score: Int64) {
        self.userID = userID
        self.rank = rank
        self.score = score
    }
}

/// The one ordering of the leaderboard: score descending, then the earliest
/// `reachedAt`, then the lowest id, so no two members ever share a rank.
///
/// The store ranks with the same order in SQL
/// (`ROW_NUMBER() OVER (ORDER BY score DESC, reached_at, id)`); this is the
/// reference its tests compare against.
public enum Ranking {
    /// True when `a` ranks above `b`.
    public static func ranksAbove(_ a: ScoreLine, _ b: ScoreLine) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.reachedAt != b.reachedAt { return a.reachedAt < b.reachedAt }
        return a.id < b.id
    }

    /// Every line with its rank, first place first.
    public static func ranked(_ lines: [ScoreLine]) -> [Standing] {
        lines.sorted(by: ranksAbove).enumerated().map { offset, line in
            Standing(userID: line.userID, rank: offset + 1, score: line.score)
        }
    }
}
