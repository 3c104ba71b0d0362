import Metrics
import HeraldCore

/// The relay's figures for dashboards and alerts: outbox depth by status,
/// delivery latency, attempts (and 429s) by provider, dead letters, and which
/// channels are paused or owned by this process.
///
/// Written against swift-metrics with an injected factory, so the app exports
/// them on `/metrics` and tests can read them without a global system.
public struct RelayMetrics: Sendable {
    let factory: any MetricsFactory

    public init(factory: any MetricsFactory) {
        self.factory = factory
    }

    /// `delivered`, `retry`, `rate_limited`, `dead` or `held`.
    func attempt(provider: ProviderKind, outcome: String, latency: Duration) {
        Counter(label: "herald_relay_attempts_total", dimensions: [("provider", provider.rawValue), ("outcome", outcome)], factory: factory)
            .increment()
        Timer(label: "herald_relay_delivery_duration_seconds", dimensions: [("provider", provider.rawValue)], factory: factory)
            .recordNanoseconds(Int64(latency.timeInterval * 1e9))
    }

    func deadLetter(channel: NotificationChannel) {
        Counter(label: "herald_relay_dead_letters_total", dimensions: [("channel", channel.rawValue)], factory: factory).increment()
    }

    func depth(_ counts: [DeliveryStatus: Int]) {
        for status in DeliveryStatus.allCases {
            Gauge(label: "herald_outbox_depth", dimensions: [("status", status.rawValue)], factory: factory).record(counts[status] ?? 0)
        }
    }

    func paused(_ provider: ProviderKind, _ isPaused: Bool) {
        Gauge(label: "herald_relay_channel_paused", dimensions: [("provider", provider.rawValue)], factory: factory).record(isPaused ? 1 : 0)
    }

    func senderLock(_ provider: ProviderKind, held: Bool) {
        Gauge(label: "herald_relay_sender_lock_held", dimensions: [("provider", provider.rawValue)], factory: factory).record(held ? 1 : 0)
    }
}

extension DeliveryDecision {
    /// The label the metrics use for this decision.
    var metricOutcome: String {
        switch self {
        case .delivered: "delivered"
        case .retry: "retry"
        case .rateLimited: "rate_limited"
        case .dead: "dead"
        case .pauseChannel: "held"
        }
    }
}
