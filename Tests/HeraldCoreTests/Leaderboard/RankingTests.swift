import Foundation
import HeraldCore
import Testing

@Suite struct LeaderboardRankingTests {
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    func line(_ id: Int64, score: Int64, at offset: TimeInterval = 0) -> ScoreLine {
        ScoreLine(id: id, userID: id * 10, score: score, reachedAt: Self.t0.addingTimeInterval(offset))
    }

    @Test func higherScoreRanksFirst() {
        let ranked = Ranking.ranked([line(1, score: 10), line(2, score: 30), line(3, score: 20)])
        #expect(ranked.map(\.userID) == [20, 30, 10])
        #expect(ranked.map(\.rank) == [1, 2, 3])
    }

    @Test func equalScoresReachedEarlierRankFirst() {
        let ranked = Ranking.ranked([line(1, score: 50, at: 30), line(2, score: 50, at: 10), line(3, score: 50, at: 20)])
        #expect(ranked.map(\.userID) == [20, 30, 10])
    }

    @Test func fullTiesFallBackToTheLowestID() {
        let ranked = Ranking.ranked([line(9, score: 5), line(4, score: 5), line(7, score: 5)])
        #expect(ranked.map(\.userID) == [40, 70, 90])
        #expect(ranked.map(\.rank) == [1, 2, 3])
    }

    @Test func negativeAndZeroScoresRankBelowPositive() {
        let ranked = Ranking.ranked([line(1, score: -5), line(2, score: 0), line(3, score: 1)])
        #expect(ranked.map(\.userID) == [30, 20, 10])
    }

    @Test func anEmptyBoardHasNoStandings() {
        #expect(Ranking.ranked([]).isEmpty)
    }

    @Test func ranksAreDistinctAndContiguousWhateverTheInput() {
        var generator = SystemRandomNumberGenerator()
        let lines = (1...500).map { id in
            line(Int64(id), score: Int64.random(in: 0...20, using: &generator), at: TimeInterval(Int.random(in: 0...5, using: &generator)))
        }
        let ranked = Ranking.ranked(lines.shuffled())
        #expect(ranked.map(\.rank) == Array(1...500))
        // Each adjacent pair is ordered by the rule.
        let byUser = Dictionary(uniqueKeysWithValues: lines.map { ($0.userID, $0) })
        for (above, below) in zip(ranked, ranked.dropFirst()) {
            #expect(Ranking.ranksAbove(byUser[above.userID]!, byUser[below.userID]!))
        }
    }

    @Test(arguments: [
        (nil, 5, RankMovement.new, "new"),
        (5, 5, .unchanged, "–"),
        (7, 3, .up(4), "▲4"),
        (3, 7, .down(4), "▼4"),
    ] as [(Int?, Int, RankMovement, String)])
    func movementShowsPlacesGainedOrLost(previous: Int?, rank: Int, expected: RankMovement, symbol: String) {
        let movement = RankMovement(previousRank: previous, rank: rank)
        #expect(movement == expected)
        #expect(movement.symbol == symbol)
        #expect(movement.delta == (previous.map { $0 - rank } ?? 0))
    }
}
