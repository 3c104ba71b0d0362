import HeraldCore
import Foundation

extension DeliveryClassifier {
    /// Decides a 429: wait exactly what the provider says, in the right scope.
    ///
    /// Where the wait comes from, best first:
    /// - Discord: JSON `retry_after` (float seconds, exact), then the
    ///   `Retry-After` header (rounded up to whole seconds by Discord).
    /// - Telegram: JSON `parameters.retry_after` (integer seconds), then `Retry-After`.
    /// - Webhook: `Retry-After`, delta-seconds or HTTP-date (relative to `now`).
    ///
    /// With none usable, waits `defaultRateLimitWait` and says so in the reason.
    static func rateLimitDecision(
        _ response: OutboundResponse, body: ProviderBody?, provider: ProviderKind, now: Date
    ) -> DeliveryDecision {
        let header = retryAfterHeaderSeconds(response, now: now)
        let scope: RateLimitScope
        let candidates: [(seconds: Double?, source: String)]
        switch provider {
        case .discord:
            scope = discordScope(response, body: body)
            candidates = [(body?.retryAfter, "retry_after"), (header, "Retry-After header")]
        case .telegram:
            scope = .chat
            candidates = [(body?.parameters?.retryAfter, "retry_after"), (header, "Retry-After header")]
        case .webhook:
            scope = .route
            candidates = [(header, "Retry-After header")]
        }
        let what = "\(provider.displayName) rate limit (\(scope.rawValue) scope)"
        for candidate in candidates {
            guard let seconds = candidate.seconds, let wait = providerWait(seconds: seconds) else { continue }
            let capped = seconds > maximumProviderWaitSeconds ? ", capped" : ""
            return .rateLimited(
                after: wait, scope: scope,
                reason: Reason.make("\(what): waiting \(wait) as its \(candidate.source) says\(capped)")
            )
        }
        return .rateLimited(
            after: defaultRateLimitWait, scope: scope,
            reason: Reason.make("\(what): no usable wait in the answer, waiting the default \(defaultRateLimitWait)")
        )
    }

    /// Discord: `"global": true`, `X-RateLimit-Global` or
    /// `X-RateLimit-Scope: global` mean global; `X-RateLimit-Scope: shared`
    /// means shared; anything else (`user`, absent) is the route.
    private static func discordScope(_ response: OutboundResponse, body: ProviderBody?) -> RateLimitScope {
        let scopeHeader = response.header("X-RateLimit-Scope")?.trimmingCharacters(in: .whitespaces).lowercased()
        let globalHeader = response.header("X-RateLimit-Global")?.trimmingCharacters(in: .whitespaces).lowercased()
        if body?.global == true || globalHeader == "true" || scopeHeader == "global" { return .global }
        if scopeHeader == "shared" { return .shared }
        return .route
    }

    /// A provider's wait in seconds as a `Duration`, to the millisecond.
    ///
    /// `nil` for negative or non-finite values; waits longer than
    /// `maximumProviderWait` are cut to it, so a broken header cannot park a
    /// queue for years (or overflow).
    static func providerWait(seconds: Double) -> Duration? {
        guard seconds.isFinite, seconds >= 0 else { return nil }
        let milliseconds = (min(seconds, maximumProviderWaitSeconds) * 1000).rounded()
        return .milliseconds(Int64(milliseconds))
    }

    static var maximumProviderWaitSeconds: Double {
        maximumProviderWait.timeInterval
    }

    /// The `Retry-After` header in seconds from `now`.
    ///
    /// delta-seconds (decimals tolerated) or an HTTP-date; a date in the past
    /// is a wait of zero. `nil` when absent or unreadable.
    static func retryAfterHeaderSeconds(_ response: OutboundResponse, now: Date) -> Double? {
        guard let raw = response.header("Retry-After") else { return nil }
        let value = raw.trimmingCharacters(in: .whitespaces)
        let isNumber = !value.isEmpty && value.utf8.allSatisfy {
            ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".")
        }
        if isNumber { return Double(value) }
        if let date = HTTPDate.parse(value) { return max(0, date.timeIntervalSince(now)) }
        return nil
    }
}
