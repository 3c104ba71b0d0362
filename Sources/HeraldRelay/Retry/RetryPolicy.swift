import HeraldCore
import Foundation

/// When to try an outbound delivery again, and when to stop trying.
///
/// Exists so every channel adapter (Discord, Telegram, outgoing webhooks)
/// shares one schedule that is validated once, from configuration, and is
/// pure: the caller supplies the random generator and the clock readings, so
/// the relay's persistence layer stores only an attempt count and the time of
/// the first attempt.
///
/// Attempts are counted from 1: attempt 1 is the first delivery. After a
/// failed attempt `n` the relay waits `delay(afterAttempt: n)`; schedule entry
/// `n - 1` is used, and attempts past the end of the schedule reuse its last
/// entry (the cap) until `maximumAttempts` is reached. The default follows the
/// Standard Webhooks / Svix guidance: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h,
/// eight attempts in all, given up after three days at the latest.
public struct RetryPolicy: Sendable, Equatable {
    /// Base delays between attempts; entry `i` follows attempt `i + 1`.
    public let schedule: [Duration]
    /// Total attempts allowed, the first delivery included.
    public let maximumAttempts: Int
    /// Time after the first attempt past which the delivery is abandoned,
    /// however few attempts were made (rate limits and paused channels do not
    /// consume attempts, so this is what bounds them).
    public let maximumAge: Duration
    /// Randomness added to each scheduled delay.
    public let jitter: Jitter

    /// 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.
    public static let defaultSchedule: [Duration] = [
        .seconds(5), .seconds(5 * 60), .seconds(30 * 60), .seconds(2 * 3600),
        .seconds(5 * 3600), .seconds(10 * 3600), .seconds(10 * 3600),
    ]

    /// Three days.
    public static let defaultMaximumAge: Duration = .seconds(3 * 24 * 3600)

    /// The default policy: `defaultSchedule`, 8 attempts, 3 days, full jitter.
    public static let standard = RetryPolicy(
        validated: defaultSchedule,
        maximumAttempts: defaultSchedule.count + 1,
        maximumAge: defaultMaximumAge,
        jitter: .full
    )

    /// The default policy; same as `RetryPolicy.standard`.
    public init() {
        self = .standard
    }

    /// A policy from configuration values, refused when it could not work.
    ///
    /// - Parameters:
    ///   - schedule: base delays, at least one, each positive.
    ///   - maximumAttempts: total attempts, at least 1; `nil` means
    ///     `schedule.count + 1` (one first try plus one retry per entry).
    ///   - maximumAge: positive.
    ///   - jitter: randomness added to each delay.
    public init(
        schedule: [Duration],
        maximumAttempts: Int? = nil,
        maximumAge: Duration = RetryPolicy.defaultMaximumAge,
        jitter: Jitter = .full
    ) throws(RetryPolicyError) {
        guard !schedule.isEmpty else { throw .emptySchedule }
        if let index = schedule.firstIndex(where: { $0 <= .zero }) {
            throw .nonPositiveDelay(index: index)
        }
        let attempts = maximumAttempts ?? schedule.count + 1
        guard attempts >= 1 else { throw .nonPositiveMaximumAttempts(attempts) }
        guard maximumAge > .zero else { throw .nonPositiveMaximumAge }
        self.init(validated: schedule, maximumAttempts: attempts, maximumAge: maximumAge, jitter: jitter)
    }

    private init(validated schedule: [Duration], maximumAttempts: Int, maximumAge: Duration, jitter: Jitter) {
        self.schedule = schedule
        self.maximumAttempts = maximumAttempts
        self.maximumAge = maximumAge
        self.jitter = jitter
    }

    /// The scheduled delay after attempt `attempt` failed, before jitter.
    ///
    /// `nil` once `attempt` reaches `maximumAttempts` (nothing left to try).
    /// An `attempt` below 1 means nothing was tried yet: the answer is zero.
    public func baseDelay(afterAttempt attempt: Int) -> Duration? {
        guard attempt < maximumAttempts else { return nil }
        guard attempt >= 1 else { return .zero }
        return schedule[min(attempt - 1, schedule.count - 1)]
    }

    /// How long to wait after attempt `attempt` failed, jitter applied.
    ///
    /// `nil` once `attempt` reaches `maximumAttempts`: the delivery is dead.
    public func delay(afterAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration? {
        baseDelay(afterAttempt: attempt).map { jitter.apply(to: $0, using: &generator) }
    }

    /// `delay(afterAttempt:using:)` with the system's random generator.
    public func delay(afterAttempt attempt: Int) -> Duration? {
        var generator = SystemRandomNumberGenerator()
        return delay(afterAttempt: attempt, using: &generator)
    }

    /// Whether to stop: `attempts` made reached `maximumAttempts`, or the
    /// delivery is `maximumAge` old or older (measured from its first attempt).
    ///
    /// Uses `Date` so both instants can be stored and compared across restarts.
    /// A `now` earlier than `firstAttemptAt` (clock stepped back) counts as age zero.
    public func shouldGiveUp(attempts: Int, firstAttemptAt: Date, now: Date) -> Bool {
        if attempts >= maximumAttempts { return true }
        return now.timeIntervalSince(firstAttemptAt) >= maximumAge.timeInterval
    }
}
