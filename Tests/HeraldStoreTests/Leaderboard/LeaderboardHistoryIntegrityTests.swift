import Foundation
import HeraldCore
import HeraldStore
import HeraldTestSupport
import SQLKit
import Testing

/// Leaderboard history has no foreign key on PostgreSQL (a recompute of a large
/// board spent much of its time checking it); the only deletion of a member,
/// a merge, must still leave no history row pointing at nobody.
@Suite struct LeaderboardHistoryIntegrityTests {
    static func orphans(in store: Store) async throws -> Int {
        try await store.backend.withConnection { db in
            try await db.raw(
                "SELECT count(*) AS n FROM leaderboard_history h LEFT JOIN users u ON u.id = h.user_id WHERE u.id IS NULL"
            ).first(decodingColumn: "n", as: Int.self) ?? -1
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aMergedMembersHistoryFollowsTheKeptMember(database: TestDatabase) async throws {
        try await database.withStore { store in
            let members = try await Board.members(3, in: store)
            for (index, member) in members.enumerated() { try await Board.push(Int64(100 * (index + 1)), to: member, in: store) }
            _ = try await Board.recompute(store)
            try await Board.push(500, to: members[2], in: store)
            _ = try await Board.recompute(store)
            let history = try await Board.count("leaderboard_history", in: store)
            #expect(history >= 4)

            try await store.backend.withTransaction { db in _ = try await MemberMergeRepository.merge(members[0], members[2], on: db) }
            #expect(try await Self.orphans(in: store) == 0)
            #expect(try await Board.count("leaderboard_history", in: store) == history)
        }
    }
}
