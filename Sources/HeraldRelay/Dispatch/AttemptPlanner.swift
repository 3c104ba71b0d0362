import HeraldCore
import Foundation
import HeraldStore

/// Turns a classified attempt into what the outbox records: when to try
/// again, or why to stop.
///
/// Pure, so the retry rules (backoff with jitter, maximum attempts, maximum
/// age, a rate limit that costs no attempt) are tested without a clock.
public struct AttemptPlanner: Sendable {
    public let policy: RetryPolicy

    public init(policy: RetryPolicy) {
        self.policy = policy
    }

    public func outcome(
        for decision: DeliveryDecision,
        item: OutboxItem,
        statusCode: Int?,
        now: Date,
        using generator: inout some RandomNumberGenerator
    ) -> AttemptOutcome {
        let attemptsAfter = item.attempts + 1
        // Age counts from when the notification was accepted; attempts are counted by the backoff below.
        let tooOld = now.timeIntervalSince(item.createdAt) >= policy.maximumAge.timeInterval
        switch decision {
        case .delivered:
            return .delivered(statusCode: statusCode ?? 200)
        case .dead(let reason):
            return .dead(statusCode: statusCode, error: reason)
        case .rateLimited(let wait, _, let reason):
            if tooOld { return .dead(statusCode: statusCode, error: "gave up after \(policy.maximumAge): \(reason)") }
            return .retry(nextAttemptAt: now.addingTimeInterval(wait.timeInterval), statusCode: statusCode, error: reason, consumesAttempt: false)
        case .pauseChannel(let reason):
            // The channel's credentials were refused: hold the row (no attempt used) and look again later.
            return .retry(nextAttemptAt: now.addingTimeInterval(300), statusCode: statusCode, error: reason, consumesAttempt: false)
        case .retry(let wait, let consumes, let reason):
            let attempts = consumes ? attemptsAfter : item.attempts
            guard !tooOld, let backoff = wait ?? policy.delay(afterAttempt: attempts, using: &generator) else {
                return .dead(statusCode: statusCode, error: "gave up after \(attempts) attempts: \(reason)")
            }
            return .retry(nextAttemptAt: now.addingTimeInterval(backoff.timeInterval), statusCode: statusCode, error: reason, consumesAttempt: consumes)
        }
    }
}
