import HeraldRelay
import HeraldStore
import Logging
import ServiceLifecycle
import Synchronization

/// Recomputes the leaderboard every `leaderboard.recompute_seconds`, on one
/// Herald process at a time.
///
/// Several processes may serve one PostgreSQL database; each runs this job, but
/// only the holder of the `herald.leaderboard.recompute` session lock recomputes,
/// and a standby takes over within `lockRetry` of the holder dying. Each
/// recompute is one transaction: ranks, history, snapshot and the role and alert
/// notifications commit together.
public final class LeaderboardJob: Service {
    public static let lockName = "herald.leaderboard.recompute"

    let store: Store
    let settings: LeaderboardSettings
    let notifications: LeaderboardNotifications
    let schedule: SingleHolderSchedule
    let logger: Logger
    private let runs = Mutex(0)

    public init(store: Store, settings: LeaderboardSettings, notifications: LeaderboardNotifications, lockRetry: Duration = .seconds(2), logger: Logger) {
        self.store = store
        self.settings = settings
        self.notifications = notifications
        schedule = SingleHolderSchedule(store: store, lockName: Self.lockName, interval: settings.recomputeInterval, lockRetry: lockRetry)
        self.logger = logger
    }

    /// Recomputes this instance has completed.
    public var completedRuns: Int { runs.withLock { $0 } }

    /// True while this instance holds the lock (always on SQLite).
    public var isActive: Bool { schedule.isHolder }

    public func run() async throws {
        let logger = self.logger
        await cancelWhenGracefulShutdown {
            await self.schedule.run(onLockChange: { logger.debug("leaderboard lock", metadata: ["held": "\($0)"]) }) {
                await self.recomputeOnce()
            }
        }
    }

    /// One recompute; failures are logged and retried at the next interval. Skipped
    /// while the database is not migrated yet (`herald serve` migrates as it starts).
    @discardableResult
    public func recomputeOnce() async -> RecomputeResult? {
        guard await store.readiness() == .ready else {
            logger.debug("leaderboard recompute skipped: the database is not ready")
            return nil
        }
        do {
            let result = try await store.leaderboard.recompute(tiers: settings.tiers, rules: settings.alerts, notifier: notifications.notifier)
            runs.withLock { $0 += 1 }
            if result.changedMembers > 0 {
                logger.info(
                    "leaderboard recomputed",
                    metadata: [
                        "changed": "\(result.changedMembers)", "players": "\(result.totalPlayers)",
                        "notifications": "\(result.notificationsEnqueued)", "ms": "\(result.generationMilliseconds)",
                    ]
                )
            }
            return result
        } catch {
            logger.error("leaderboard recompute failed", metadata: ["error": "\(String(reflecting: error))"])
            return nil
        }
    }
}
