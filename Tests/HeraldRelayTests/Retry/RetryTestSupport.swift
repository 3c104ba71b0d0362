import Foundation
import HeraldRelay

/// A decision without its reason text, so table tests compare exactly what
/// matters (waits, scopes, attempt counting) and check reasons separately.
enum RetryDecisionShape: Equatable, CustomStringConvertible {
    case delivered
    case retry(after: Duration?, consumesAttempt: Bool)
    case rateLimited(after: Duration, scope: RateLimitScope)
    case dead
    case pauseChannel

    init(_ decision: DeliveryDecision) {
        switch decision {
        case .delivered: self = .delivered
        case .retry(let after, let consumes, _): self = .retry(after: after, consumesAttempt: consumes)
        case .rateLimited(let after, let scope, _): self = .rateLimited(after: after, scope: scope)
        case .dead: self = .dead
        case .pauseChannel: self = .pauseChannel
        }
    }

    static let backoff = RetryDecisionShape.retry(after: nil, consumesAttempt: true)

    var description: String {
        switch self {
        case .delivered: "delivered"
        case .retry(let after, let consumes): "retry(after: \(after.map { "\($0)" } ?? "nil"), consumesAttempt: \(consumes))"
        case .rateLimited(let after, let scope): "rateLimited(after: \(after), scope: \(scope))"
        case .dead: "dead"
        case .pauseChannel: "pauseChannel"
        }
    }
}

enum RetryFixtures {
    /// A fixed "now" for HTTP-date arithmetic: 2023-11-14T22:13:20Z.
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    static func answer(
        _ status: Int, _ body: String = "", headers: [(name: String, value: String)] = []
    ) -> Result<OutboundResponse, TransportError> {
        .success(OutboundResponse(status: status, headers: headers, body: Array(body.utf8)))
    }

    static func classify(
        _ status: Int, _ body: String = "", headers: [(name: String, value: String)] = [],
        provider: ProviderKind, now: Date = RetryFixtures.now
    ) -> DeliveryDecision {
        DeliveryClassifier.classify(answer(status, body, headers: headers), provider: provider, now: now)
    }
}
