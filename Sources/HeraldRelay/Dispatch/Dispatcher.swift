import Foundation
import HeraldCore
import HeraldStore
import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// Delivers the outbox: claims due notifications, sends them through the
/// transport at the providers' pace, and records every attempt.
///
/// Runs as a service until graceful shutdown, keeping up to `maxInFlight`
/// deliveries going and claiming more as they finish. A notification is
/// delivered at least once: it stays a row until an attempt is recorded, and
/// a claim whose process died is claimed again when its lease expires. Bot
/// tokens given a sender lock are used by one process at a time.
public final class Dispatcher: Service {
    public struct Settings: Sendable {
        public var batchSize = 32
        public var maxInFlight = 256
        public var lease: Duration = .seconds(60)
        public var idlePoll: Duration = .milliseconds(500)
        public var retryPolicy = RetryPolicy.standard
        /// How long a provider that refused its bot token stays paused before rows are tried again.
        public var pauseAfterRefusedToken: Duration = .seconds(300)
        public var senderLockRetry: Duration = .seconds(2)
        /// Wait after taking over a bot token, so the previous holder's last messages age out of the per-chat window.
        public var handoverDelay: Duration = .seconds(1)
        public var depthSampleInterval: Duration = .seconds(10)
        public init() {}
    }

    let store: Store
    let transport: any HTTPTransport
    let channels: ChannelSenders
    let settings: Settings
    let logger: Logger
    let senderLocks: [ProviderKind: SessionLock]
    let alerts: AdminAlerts?
    let metrics: RelayMetrics
    let gate: Mutex<ChannelGate>

    public init(
        store: Store,
        transport: any HTTPTransport,
        channels: ChannelSenders,
        settings: Settings = Settings(),
        senderLocks: [ProviderKind: SessionLock] = [:],
        alerts: AdminAlerts? = nil,
        metrics: RelayMetrics = RelayMetrics(factory: NOOPMetricsHandler.instance),
        logger: Logger
    ) {
        self.store = store
        self.transport = transport
        self.channels = channels
        self.settings = settings
        self.senderLocks = senderLocks
        self.alerts = alerts
        self.metrics = metrics
        self.logger = logger
        gate = Mutex(ChannelGate(lockedProviders: Set(senderLocks.keys)))
    }

    public func run() async throws {
        await withTaskGroup(of: Void.self) { background in
            for (provider, lock) in senderLocks {
                background.addTask { await self.holdSenderLock(lock, for: provider) }
            }
            background.addTask { await self.sampleDepth() }
            await deliveryLoop()
            background.cancelAll()
        }
    }

    /// Claims one batch and delivers it; returns how many were claimed.
    @discardableResult
    public func deliverDue(now: Date = Date()) async throws -> Int {
        let items = try await claim(limit: settings.batchSize, now: now)
        await withTaskGroup(of: Void.self) { group in
            for item in items {
                group.addTask { await self.deliver(item) }
            }
        }
        return items.count
    }

    /// The channels this process may send on now.
    public var claimableChannels: Set<NotificationChannel> {
        gate.withLock { $0.claimable(now: .now) }
    }

    private func claim(limit: Int, now: Date = Date()) async throws -> [OutboxItem] {
        try await store.outbox.claimDue(limit: limit, lease: settings.lease, channels: claimableChannels, now: now)
    }

    private enum Finished { case delivery, timer }

    /// Keeps up to `maxInFlight` deliveries going until shutdown, then lets them finish.
    private func deliveryLoop() async {
        await withTaskGroup(of: Finished.self) { group in
            var inFlight = 0
            var timerPending = false
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                var claimed = 0
                let room = settings.maxInFlight - inFlight
                if room > 0 {
                    do {
                        let items = try await claim(limit: min(settings.batchSize, room))
                        for item in items {
                            group.addTask {
                                await self.deliver(item)
                                return .delivery
                            }
                        }
                        claimed = items.count
                        inFlight += claimed
                    } catch {
                        logger.error("outbox claim failed", metadata: ["error": "\(String(reflecting: error))"])
                    }
                }
                if claimed > 0 && inFlight < settings.maxInFlight { continue }
                if !timerPending {
                    group.addTask {
                        try? await Task.sleep(for: self.settings.idlePoll)
                        return .timer
                    }
                    timerPending = true
                }
                switch await group.next() {
                case .delivery: inFlight -= 1
                case .timer: timerPending = false
                case nil: break
                }
            }
            await group.waitForAll()
        }
    }

    func deliver(_ item: OutboxItem) async {
        let started = ContinuousClock.now
        let attempt = await channels.send(item, transport: transport)
        var generator = SystemRandomNumberGenerator()
        let outcome = AttemptPlanner(policy: settings.retryPolicy).outcome(
            for: attempt.decision, item: item, statusCode: attempt.statusCode, now: Date(), using: &generator
        )
        let latency = ContinuousClock.now - started
        let provider = ProviderKind(channel: item.channel)
        metrics.attempt(provider: provider, outcome: attempt.decision.metricOutcome, latency: latency)
        if case .dead = outcome { metrics.deadLetter(channel: item.channel) }
        if case .pauseChannel(let reason) = attempt.decision {
            await pause(provider, reason: reason, refusedToken: attempt.statusCode == 401)
        }
        do {
            try await store.outbox.record(outcome, for: item, latency: latency)
        } catch {
            // The lease runs out and the row is delivered again: at least once, never lost.
            logger.error("could not record a delivery attempt", metadata: ["outbox_id": "\(item.id)", "error": "\(String(reflecting: error))"])
        }
    }

    /// Stops claiming a provider's rows for a while; a refused token also alerts the admins once.
    private func pause(_ provider: ProviderKind, reason: String, refusedToken: Bool) async {
        let now = ContinuousClock.now
        let newlyPaused = gate.withLock { $0.pause(provider, until: now + settings.pauseAfterRefusedToken, now: now) }
        guard newlyPaused else { return }
        metrics.paused(provider, true)
        guard refusedToken else {
            logger.warning("channel held", metadata: ["provider": "\(provider.rawValue)", "reason": "\(reason)"])
            return
        }
        logger.critical("bot token refused; deliveries paused", metadata: ["provider": "\(provider.rawValue)", "reason": "\(reason)"])
        guard let alert = alerts?.channelPaused(provider, reason: reason, now: Date()) else { return }
        do {
            _ = try await store.outbox.enqueue(alert)
        } catch {
            logger.error("could not queue the admin alert", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    private func holdSenderLock(_ lock: SessionLock, for provider: ProviderKind) async {
        await lock.hold(retryEvery: settings.senderLockRetry) { owned in
            if owned { try? await Task.sleep(for: self.settings.handoverDelay) }
            self.gate.withLock { $0.setOwned(provider, owned) }
            self.metrics.senderLock(provider, held: owned)
            self.logger.info(owned ? "sending for this bot token" : "standing by for this bot token", metadata: ["provider": "\(provider.rawValue)"])
        }
    }

    private func sampleDepth() async {
        while !Task.isCancelled {
            if let depth = try? await store.outbox.depth() { metrics.depth(depth) }
            try? await Task.sleep(for: settings.depthSampleInterval)
        }
    }
}
