import HTTPTypes
import HeraldCore
import HeraldVerify

/// Why an inbound request was not accepted, with the answer it gets.
enum InboundError: Error, Sendable, Equatable {
    /// No such source is configured: 404.
    case unknownSource(String)
    /// The source exists but its secret is not configured: 503, so the provider retries later.
    case notConfigured(String)
    /// Authentic, but not the JSON the source sends: 400.
    case malformedBody(String)
    case verification(VerificationError)

    var apiError: APIError {
        switch self {
        case .unknownSource(let name):
            APIError(.notFound, .notFound, "no webhook source named '\(name)' is configured")
        case .notConfigured(let name):
            APIError(.serviceUnavailable, .notConfigured, "the \(name) webhook secret is not configured")
        case .malformedBody(let reason):
            APIError(.badRequest, .malformedRequest, reason)
        case .verification(let error):
            APIError(
                error == .sourceNotAllowed ? .forbidden : .unauthorized,
                ErrorCode(rawValue: error.rawValue),
                error.message
            )
        }
    }
}
