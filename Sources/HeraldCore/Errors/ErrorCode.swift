/// A stable, machine-readable error code, as it appears in
/// `{"error": "<code>", "message": "…"}` answers and in logs.
///
/// Written as a struct with static members so new codes can be added without
/// breaking callers that switch on the known ones.
public struct ErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    // 400
    public static let malformedRequest = ErrorCode(rawValue: "malformed_request")
    // 401
    public static let unauthorized = ErrorCode(rawValue: "unauthorized")
    // 403
    public static let forbidden = ErrorCode(rawValue: "forbidden")
    /// An unsigned event its provider's API does not confirm (YooKassa: no such payment).
    public static let unconfirmedEvent = ErrorCode(rawValue: "unconfirmed_event")
    // 404
    public static let notFound = ErrorCode(rawValue: "not_found")
    // 405
    public static let methodNotAllowed = ErrorCode(rawValue: "method_not_allowed")
    // 409
    public static let conflict = ErrorCode(rawValue: "conflict")
    // 413
    public static let payloadTooLarge = ErrorCode(rawValue: "payload_too_large")
    // 422
    public static let ruleViolation = ErrorCode(rawValue: "rule_violation")
    public static let insufficientBalance = ErrorCode(rawValue: "insufficient_balance")
    public static let invalidTransition = ErrorCode(rawValue: "invalid_transition")
    // 429
    public static let rateLimited = ErrorCode(rawValue: "rate_limited")
    // 500
    public static let internalError = ErrorCode(rawValue: "internal_error")
    // 502
    /// A provider Herald called on the caller's behalf failed or could not be reached.
    public static let upstreamFailed = ErrorCode(rawValue: "upstream_failed")
    // 503
    public static let notConfigured = ErrorCode(rawValue: "not_configured")
    public static let databaseUnavailable = ErrorCode(rawValue: "database_unavailable")
    public static let notReady = ErrorCode(rawValue: "not_ready")
}

/// An error that knows its stable code and a message safe to show a caller.
public protocol CodedError: Error, Sendable {
    var code: ErrorCode { get }
    /// Human text; never contains a secret.
    var message: String { get }
}
