/// Counts events in a trailing time window: how a provider decides "too many".
///
/// The fakes use one per limit (per bot, per chat, per group, per route) so a
/// burst is refused exactly when the provider's published limit says so.
struct SlidingWindow: Sendable {
    let limit: Int
    let window: Duration
    private var times: [ContinuousClock.Instant] = []

    init(limit: Int, window: Duration) {
        self.limit = limit
        self.window = window
    }

    /// Whether one more event at `now` stays within the limit.
    mutating func allows(at now: ContinuousClock.Instant) -> Bool {
        times.removeAll { now - $0 >= window }
        return times.count < limit
    }

    mutating func record(_ now: ContinuousClock.Instant) {
        times.append(now)
    }

    /// Seconds until the oldest event in the window leaves it.
    func secondsUntilFree(at now: ContinuousClock.Instant) -> Double {
        guard let oldest = times.first else { return 0 }
        let remaining = window - (now - oldest)
        return max(0, Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18)
    }
}

extension SlidingWindow {
    /// Events still allowed in the window at `now`.
    func remaining(at now: ContinuousClock.Instant) -> Int {
        max(0, limit - times.filter { now - $0 < window }.count)
    }
}
