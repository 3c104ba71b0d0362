/// What the relay does with a delivery after one attempt.
///
/// Exists to keep "what happened" (an HTTP status, a provider error code, a
/// transport failure) apart from "what to do about it", so the queue, the
/// dead-letter store and the admin alerts act on one small vocabulary and
/// never parse provider bodies themselves. Produced by `DeliveryClassifier`.
///
/// Reasons are short human text for logs and the dead-letter view. They never
/// contain headers, URLs or tokens, and are at most
/// `DeliveryClassifier.maximumReasonLength` characters long.
public enum DeliveryDecision: Sendable, Equatable {
    /// The provider accepted the message. Done.
    case delivered
    /// Try again later.
    ///
    /// - `after`: `nil` means "use the `RetryPolicy` backoff"; a value is a wait
    ///   the server asked for (a `Retry-After` on a 503) or `.zero` (go again
    ///   as soon as possible).
    /// - `consumesAttempt`: whether this attempt counts towards
    ///   `RetryPolicy.maximumAttempts`. `false` only when the attempt said
    ///   nothing about the destination (our own task was cancelled).
    case retry(after: Duration?, consumesAttempt: Bool, reason: String)
    /// The provider said "too many requests": wait exactly `after`, holding
    /// back everything in `scope`, then try again.
    ///
    /// A 429 is its own case rather than a `.retry` because it is not a
    /// failure of the delivery: it never consumes an attempt, its wait is the
    /// provider's (not the backoff schedule), and it applies to a whole scope,
    /// not just this message. `RetryPolicy.maximumAge` still bounds it.
    case rateLimited(after: Duration, scope: RateLimitScope, reason: String)
    /// Permanent failure (unknown user, DMs closed, bot blocked, invalid
    /// body…): retrying cannot help. Dead-letter it and surface the reason.
    case dead(reason: String)
    /// The channel's credentials were refused (HTTP 401 from Discord or
    /// Telegram): every delivery on this channel would fail the same way, and
    /// Discord asks clients to stop using a token after a 401. Stop the whole
    /// channel, keep its queue, and alert the admins.
    case pauseChannel(reason: String)

    /// The reason text, if the decision has one.
    public var reason: String? {
        switch self {
        case .delivered: nil
        case .retry(_, _, let reason), .rateLimited(_, _, let reason),
             .dead(let reason), .pauseChannel(let reason):
            reason
        }
    }
}
