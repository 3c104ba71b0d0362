/// Paces one stream of sends to a rate, with an optional burst, without sleeping.
///
/// Why it exists: every provider limit the relay honours ("1 message per second
/// per chat", "N calls per second per endpoint") comes down to spacing sends in
/// time, and the relay needs to know *how long* to wait, not just "yes or no".
///
/// It is a GCRA (generic cell rate algorithm, "virtual scheduling") limiter.
/// Each ``reserve(now:)`` books the next free slot, possibly in the future, and
/// returns how long the caller must wait for it, so N callers arriving together
/// get waits of 0, 1/r, 2/r, … (after the first `burst` go at once). Slots are
/// computed as `start + n / r` from the start of the busy run, never by adding
/// `1/r` repeatedly, so there is no drift.
///
/// Time is a `Double` number of seconds on a monotonic timeline chosen by the
/// caller (`now`); nothing here reads a clock. A value type: an actor wraps it.
///
/// ```swift
/// var bucket = TokenBucket(ratePerSecond: 1, burst: 1)
/// bucket.reserve(now: 0)   // .zero
/// bucket.reserve(now: 0)   // 1 second
/// bucket.reserve(now: 0.5) // 1.5 seconds (slot at t = 2)
/// ```
///
/// A `ratePerSecond` that is not a positive finite number means "unlimited"; a
/// `burst` below 1 (or NaN) counts as 1, and an infinite burst means "unlimited".
public struct TokenBucket: Sendable, Equatable {
    /// The pace slots are spaced at.
    let pace: Pace
    /// How many sends may go back to back after an idle spell (at least 1).
    public let burst: Double
    /// Start of the current busy run: its slot `n` is due at `anchor + pace.offset(ofSlot: n)`.
    private var anchor = -Double.infinity
    /// Slots booked since `anchor`.
    private var booked = 0

    /// Creates an empty (full-burst) bucket.
    /// - Parameters:
    ///   - ratePerSecond: the sustained rate; slots after the burst are `1 / ratePerSecond` apart.
    ///   - burst: how many sends may go at once after an idle spell. With 1 (the default)
    ///     no two sends are ever closer than `1 / ratePerSecond`, so any window of `W`
    ///     seconds holds at most `W × ratePerSecond` sends.
    public init(ratePerSecond: Double, burst: Double = 1) {
        self.init(pace: Pace(events: ratePerSecond, per: 1), burst: burst)
    }

    init(pace: Pace, burst: Double = 1) {
        self.pace = pace
        self.burst = burst >= 1 ? burst : 1
    }

    /// The sustained rate in sends per second (`.infinity` when unlimited).
    public var ratePerSecond: Double { pace.events / pace.period }

    var isUnlimited: Bool { pace.isUnlimited || burst == .infinity }

    /// The end of the booked schedule: where the next slot would fall with no burst.
    /// At or before this instant nothing is owed, so the bucket is full again.
    var front: Double { anchor + pace.offset(ofSlot: Double(booked)) }

    /// Books one slot and returns how long the caller must wait before sending
    /// (`.zero` when it may send now).
    public mutating func reserve(now: Double) -> Duration {
        let present = now.isFinite ? now : (front.isFinite ? front : 0)
        let sendAt = earliest(from: present)
        book(at: sendAt)
        return .rateLimitWait(seconds: sendAt - present)
    }

    /// How long a ``reserve(now:)`` made at `now` would wait, without booking anything.
    public func nextAvailable(now: Double) -> Duration {
        let present = now.isFinite ? now : (front.isFinite ? front : 0)
        return .rateLimitWait(seconds: earliest(from: present) - present)
    }

    /// The earliest instant at or after `t` at which this bucket allows a send.
    /// Any later instant is allowed too, which is what lets limiters combine buckets.
    func earliest(from t: Double) -> Double {
        guard !isUnlimited, t <= front else { return t }
        return Swift.max(t, anchor + pace.offset(ofSlot: Double(booked) + 1 - burst))
    }

    /// Books the slot at `t`, which must be at or after `earliest(from:)` for some present.
    mutating func book(at t: Double) {
        guard !isUnlimited else { return }
        if t > front {
            anchor = t
            booked = 1
        } else {
            booked += 1
        }
    }

    /// Whether nothing is booked beyond `present`: such a bucket behaves exactly like a
    /// new one from then on, so it can be forgotten.
    func isIdle(at present: Double) -> Bool { isUnlimited || front <= present }

    /// The same schedule continued at a new pace: slots already booked keep their
    /// times, and the next one follows the last of them by the new interval.
    func retuned(to newPace: Pace) -> TokenBucket {
        var bucket = TokenBucket(pace: newPace, burst: burst)
        if !isUnlimited, !bucket.isUnlimited, front.isFinite {
            // `front` is the last booked slot plus the old interval.
            bucket.anchor = front - pace.interval + newPace.interval
        }
        return bucket
    }
}
