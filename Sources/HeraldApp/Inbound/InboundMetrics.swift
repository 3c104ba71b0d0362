import Prometheus

/// Inbound counters: requests by source and outcome, and verification latency.
///
/// Source labels come only from configured names (an unknown name is counted
/// as `unknown`), so a scan of random URLs cannot create new series.
struct InboundMetrics: Sendable {
    let registry: PrometheusCollectorRegistry

    /// `accepted`, `duplicate`, `failed`, or `rejected_<reason>`.
    func count(source: String, outcome: String) {
        registry.makeCounter(name: "herald_inbound_requests_total", labels: [("source", source), ("outcome", outcome)]).increment()
    }

    func recordVerification(source: String, duration: Duration) {
        registry.makeDurationHistogram(
            name: "herald_inbound_verification_seconds",
            labels: [("source", source)],
            buckets: [.microseconds(10), .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(5)]
        ).record(duration)
    }
}
