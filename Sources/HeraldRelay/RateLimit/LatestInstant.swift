/// The latest `now` a limiter has been told about.
///
/// Limiters forget state that lies wholly in the past, which is only safe if
/// "the past" never moves backwards. Callers can race (two tasks read the clock,
/// then reach the wrapping actor in the other order), so a limiter plans with the
/// latest instant it has seen, and measures each wait from the caller's own `now`.
/// A caller with a stale clock reading therefore waits longer, never less.
struct LatestInstant: Sendable {
    private var latest = -Double.infinity

    /// Moves the present forward to `now` (never back) and returns it.
    ///
    /// A non-finite `now` (NaN, ±infinity) is ignored; before any finite time has
    /// been seen the present is 0.
    mutating func advance(to now: Double) -> Double {
        if now.isFinite, now > latest {
            latest = now
        }
        return latest.isFinite ? latest : 0
    }

    /// How long a caller that read `now` must wait to reach the booked time `sendAt`.
    func wait(until sendAt: Double, from now: Double) -> Duration {
        let start = now.isFinite ? now : (latest.isFinite ? latest : 0)
        return .rateLimitWait(seconds: sendAt - start)
    }
}
