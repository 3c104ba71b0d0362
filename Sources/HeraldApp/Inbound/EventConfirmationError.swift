import HTTPTypes
import HeraldCore

/// Why an unsigned event could not be confirmed with its provider's API
/// before anything was stored.
///
/// `refused`: the API does not know the object (a forged or mistaken
/// notification), answered 403 so nothing acts on it. `unavailable`: the API
/// could not be asked (network, its 5xx, refused credentials), answered 503 so
/// the provider delivers again later.
public enum EventConfirmationError: Error, Sendable, Equatable {
    case refused(String)
    case unavailable(String)

    var apiError: APIError {
        switch self {
        case .refused(let reason): APIError(.forbidden, .unconfirmedEvent, reason)
        // 503 rather than 502: the provider is asked to deliver again, as when the database is down.
        case .unavailable(let reason): APIError(.serviceUnavailable, .upstreamFailed, reason)
        }
    }

    /// The metrics outcome label.
    var reason: String {
        switch self {
        case .refused: "unconfirmed_event"
        case .unavailable: "upstream_failed"
        }
    }
}
