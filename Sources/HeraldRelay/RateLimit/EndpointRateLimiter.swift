/// Paces signed webhook deliveries to each integrator endpoint at its configured rate.
///
/// Why it exists: integrators' servers are not Discord or Telegram; each endpoint
/// gets the rate its owner configured, so one slow or small integrator cannot be
/// flooded by a burst of events meant for it. Endpoints are independent.
///
/// Strict spacing (`1 / rate` apart, no burst): any window of `W` seconds holds at
/// most `W × rate` deliveries to one endpoint. The rate is passed on every call,
/// so a configuration reload takes effect at once: slots already booked keep
/// their times and new ones follow at the new spacing. A rate that is not a
/// positive finite number (0 included) means "no limit".
///
/// Time is `Double` seconds on the caller's monotonic timeline; see ``TokenBucket``.
public struct EndpointRateLimiter: Sendable {
    private var endpoints: [Int64: TokenBucket] = [:]
    private var clock = LatestInstant()
    private var sweep = SweepSchedule()

    /// Creates a limiter with no endpoint state.
    public init() {}

    /// How many endpoints currently hold limiter state (memory in use).
    public var trackedEndpointCount: Int { endpoints.count }

    /// Books one delivery to `endpointID` and returns how long to wait before sending it.
    public mutating func reserve(endpointID: Int64, ratePerSecond: Double, now: Double) -> Duration {
        let present = clock.advance(to: now)
        let pace = Pace(events: ratePerSecond, per: 1)
        var bucket = endpoints[endpointID].map { $0.pace == pace ? $0 : $0.retuned(to: pace) }
            ?? TokenBucket(pace: pace)

        let sendAt = bucket.earliest(from: present)
        bucket.book(at: sendAt)
        endpoints[endpointID] = bucket

        if sweep.isDue(count: endpoints.count) {
            endpoints = endpoints.filter { !$0.value.isIdle(at: present) }
            sweep.swept(leaving: endpoints.count)
        }
        return clock.wait(until: sendAt, from: now)
    }
}
