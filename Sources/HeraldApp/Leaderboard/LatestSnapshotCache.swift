import HeraldStore
import SQLKit
import Synchronization

/// The latest leaderboard snapshot, decoded once per recompute instead of once
/// per `/leaderboard`.
///
/// Decoding the stored top 100 was the largest cost of answering the command;
/// each answer now reads only the newest snapshot's id and decodes again when
/// a recompute has written a newer one.
final class LatestSnapshotCache: Sendable {
    private let latest = Mutex<LeaderboardSnapshot?>(nil)

    /// The newest snapshot, read inside the caller's connection or transaction; nil before the first recompute.
    func snapshot(on db: any SQLDatabase) async throws -> LeaderboardSnapshot? {
        guard let id = try await LeaderboardRepository.latestSnapshotID(on: db) else { return nil }
        if let cached = latest.withLock({ $0 }), cached.id == id { return cached }
        guard let fresh = try await LeaderboardRepository.latestSnapshot(on: db) else { return nil }
        latest.withLock { $0 = fresh }
        return fresh
    }
}
