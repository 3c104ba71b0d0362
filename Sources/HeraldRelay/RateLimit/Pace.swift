/// A rate kept as "events per period", exactly as the operator wrote it.
///
/// Limiters place slot `n` of a busy run at `n × period / events`, computed from
/// scratch every time instead of adding a rounded interval again and again. So
/// 20 per minute lands on exactly 3, 6, …, 60 seconds, and ten thousand slots at
/// 1/3 s still sit exactly where they should: no drift.
///
/// A rate that is not a positive finite number (zero, negative, NaN, infinity)
/// means "no limit". Configuration validation is the place to refuse such
/// values; the limiter only promises not to trap on them.
struct Pace: Sendable, Equatable {
    /// How many events are allowed per `period`; `.infinity` when unlimited.
    let events: Double
    /// The length of the period, in seconds.
    let period: Double

    init(events: Double, per period: Double) {
        if events > 0, events.isFinite, period > 0, period.isFinite {
            self.events = events
            self.period = period
        } else {
            self.events = .infinity
            self.period = 1
        }
    }

    var isUnlimited: Bool { events == .infinity }

    /// The minimum gap between two slots, in seconds (0 when unlimited).
    var interval: Double { period / events }

    /// Where slot `n` (0-based, may be fractional or negative) of a run sits, relative to the run's start.
    func offset(ofSlot n: Double) -> Double { n * period / events }
}
