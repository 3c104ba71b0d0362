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
    let lockRetry: Duration
    let logger: Logger
    private let holdsLock = Mutex(false)
    private let runs = Mutex(0)

    public init(store: Store, settings: LeaderboardSettings, notifications: LeaderboardNotifications, lockRetry: Duration = .seconds(2), logger: Logger) {
        self.store = store
        self.settings = settings
        self.notifications = notifications
        self.lockRetry = lockRetry
        self.logger = logger
    }

    /// Recomputes this instance has completed.
    public var completedRuns: Int { runs.withLock { $0 } }

    /// True while this instance holds the lock (always on SQLite).
    public var isActive: Bool { holdsLock.withLock { $0 } }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    await SessionLock(store: self.store, name: Self.lockName).hold(retryEvery: self.lockRetry, heartbeat: self.lockRetry) { held in
                        self.holdsLock.withLock { $0 = held }
                        self.logger.debug("leaderboard lock", metadata: ["held": "\(held)"])
                    }
                }
                group.addTask { await self.loop() }
                await group.next()
                group.cancelAll()
            }
        }
    }

    private func loop() async {
        while !Task.isCancelled {
            if isActive { await recomputeOnce() }
            // Poll the lock more often than the interval, so a standby starts soon after taking over.
            var waited: Duration = .zero
            let step = min(settings.recomputeInterval, lockRetry)
            repeat {
                try? await Task.sleep(for: step)
                waited += step
            } while !Task.isCancelled && waited < settings.recomputeInterval && isActive
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
