import Foundation
import HeraldCore
import HeraldStore
import Logging
import ServiceLifecycle

/// Delivers the outbox: claims due notifications, sends them through the
/// transport at the providers' pace, and records every attempt.
///
/// Runs as a service until graceful shutdown. A notification is delivered at
/// least once: it stays a row until an attempt is recorded, and a claim whose
/// process died is claimed again when its lease expires.
public final class Dispatcher: Service {
    public struct Settings: Sendable {
        public var batchSize = 32
        public var lease: Duration = .seconds(60)
        public var idlePoll: Duration = .milliseconds(500)
        public var retryPolicy = RetryPolicy.standard
        public init() {}
    }

    let store: Store
    let transport: any HTTPTransport
    let channels: ChannelSenders
    let settings: Settings
    let logger: Logger

    public init(store: Store, transport: any HTTPTransport, channels: ChannelSenders, settings: Settings = Settings(), logger: Logger) {
        self.store = store
        self.transport = transport
        self.channels = channels
        self.settings = settings
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let claimed: Int
            do {
                claimed = try await deliverDue()
            } catch {
                logger.error("outbox claim failed", metadata: ["error": "\(String(reflecting: error))"])
                claimed = 0
            }
            if claimed == 0 {
                try? await Task.sleep(for: settings.idlePoll)
            }
        }
    }

    /// Claims one batch and delivers it; returns how many were claimed.
    @discardableResult
    public func deliverDue(now: Date = Date()) async throws -> Int {
        let items = try await store.outbox.claimDue(limit: settings.batchSize, lease: settings.lease, now: now)
        await withTaskGroup(of: Void.self) { group in
            for item in items {
                group.addTask { await self.deliver(item) }
            }
        }
        return items.count
    }

    func deliver(_ item: OutboxItem) async {
        let started = ContinuousClock.now
        let attempt = await channels.send(item, transport: transport)
        var generator = SystemRandomNumberGenerator()
        let outcome = AttemptPlanner(policy: settings.retryPolicy).outcome(
            for: attempt.decision, item: item, statusCode: attempt.statusCode, now: Date(), using: &generator
        )
        if case .pauseChannel(let reason) = attempt.decision {
            logger.critical("channel credentials refused; deliveries paused", metadata: ["channel": "\(item.channel.rawValue)", "reason": "\(reason)"])
        }
        do {
            try await store.outbox.record(outcome, for: item, latency: ContinuousClock.now - started)
        } catch {
            // The lease runs out and the row is delivered again: at least once, never lost.
            logger.error("could not record a delivery attempt", metadata: ["outbox_id": "\(item.id)", "error": "\(String(reflecting: error))"])
        }
    }
}
