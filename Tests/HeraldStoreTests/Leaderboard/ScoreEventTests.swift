import Foundation
import HeraldCore
import HeraldStore
import HeraldTestSupport
import SQLKit
import Testing

@Suite struct ScoreEventTests {
    @Test(arguments: TestDatabase.allCases)
    func anEventIsAppliedOnceByItsID(database: TestDatabase) async throws {
        try await database.withStore { store in
            let m = try await Board.members(1, in: store)
            let event = ScoreEvent(eventID: "evt-1", userID: m[0], points: 40, metrics: ScoreMetrics(dealsClosed: 1, leadsGenerated: 3))
            #expect(try await store.scores.apply([event]) == [.applied])
            #expect(try await store.scores.apply([event, event]) == [.duplicate, .duplicate])
            let standing = try #require(try await store.leaderboard.standing(userID: m[0]))
            #expect(standing.score == 40)
            #expect(standing.metrics == ScoreMetrics(dealsClosed: 1, leadsGenerated: 3))
            #expect(try await Board.count("score_events", in: store) == 1)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func reachedAtMovesOnlyWhenTheScoreChanges(database: TestDatabase) async throws {
        try await database.withStore { store in
            let m = try await Board.members(1, in: store)
            try await Board.push(10, to: m[0], at: Board.t0, in: store)
            _ = try await store.scores.apply([ScoreEvent(eventID: "a", userID: m[0], points: 0, responseRate: 0.5)], now: Board.t0.addingTimeInterval(100))
            var standing = try #require(try await store.leaderboard.standing(userID: m[0]))
            #expect(abs(standing.reachedAt.timeIntervalSince(Board.t0)) < 0.001)
            #expect(standing.metrics.responseRate == 0.5)
            _ = try await store.scores.apply([ScoreEvent(eventID: "b", userID: m[0], points: -3)], now: Board.t0.addingTimeInterval(200))
            standing = try #require(try await store.leaderboard.standing(userID: m[0]))
            #expect(abs(standing.reachedAt.timeIntervalSince(Board.t0.addingTimeInterval(200))) < 0.001)
            #expect(standing.score == 7)
            #expect(standing.metrics.responseRate == 0.5)  // Kept when an event does not give one.
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func membersAreFoundByIDOrPlatformIdentity(database: TestDatabase) async throws {
        try await database.withStore { store in
            let user = try await store.users.create(NewUser(displayName: "x", discordID: "80351110224678912", telegramID: 424242))
            let found = try await store.scores.resolve([.id(user.id), .discord("80351110224678912"), .telegram(424242), .id(999_999), .discord("1")])
            #expect(found == [.id(user.id): user.id, .discord("80351110224678912"): user.id, .telegram(424242): user.id])
        }
    }
}
