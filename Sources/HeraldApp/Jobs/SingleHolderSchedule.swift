import HeraldStore
import Synchronization

/// Runs a periodic job on one Herald process at a time.
///
/// Several processes may serve one PostgreSQL database and each runs the job;
/// only the holder of the named session lock does the work, every `interval`.
/// A standby checks the lock every `lockRetry`, so it starts within that of the
/// holder dying. On SQLite the lock is always held.
final class SingleHolderSchedule: Sendable {
    let store: Store
    let lockName: String
    let interval: Duration
    let lockRetry: Duration
    private let holdsLock = Mutex(false)

    init(store: Store, lockName: String, interval: Duration, lockRetry: Duration) {
        self.store = store
        self.lockName = lockName
        self.interval = interval
        self.lockRetry = lockRetry
    }

    /// True while this process holds the lock.
    var isHolder: Bool { holdsLock.withLock { $0 } }

    /// Holds (or waits for) the lock and runs `work` while holding it, until cancelled.
    func run(onLockChange: @escaping @Sendable (Bool) -> Void = { _ in }, _ work: @escaping @Sendable () async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await SessionLock(store: self.store, name: self.lockName).hold(retryEvery: self.lockRetry, heartbeat: self.lockRetry) { held in
                    self.holdsLock.withLock { $0 = held }
                    onLockChange(held)
                }
            }
            group.addTask { await self.loop(work) }
            await group.next()
            group.cancelAll()
        }
    }

    private func loop(_ work: @Sendable () async -> Void) async {
        while !Task.isCancelled {
            if isHolder { await work() }
            // Poll the lock more often than the interval, so a standby starts soon after taking over.
            var waited: Duration = .zero
            let step = min(interval, lockRetry)
            repeat {
                try? await Task.sleep(for: step)
                waited += step
            } while !Task.isCancelled && waited < interval && isHolder
        }
    }
}
