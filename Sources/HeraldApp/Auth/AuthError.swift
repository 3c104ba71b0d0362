import HeraldCore

/// Why an account-linking round trip failed, with the code and status it is answered with.
enum AuthError: CodedError, Equatable {
    /// OAuth or Telegram login is not set up (client id, secret, redirect URI, encryption key, bot token).
    case notConfigured(String)
    /// `state` unknown, used before or expired: a replay or a forged callback.
    case badState
    /// The login data's signature does not check out.
    case badSignature(String)
    case malformed(String)
    /// The provider refused (a used or foreign code).
    case refused(String)
    /// The provider failed or could not be reached.
    case upstream(String)
    /// The two accounts belong to different members already linked elsewhere.
    case conflict(String)

    var code: ErrorCode {
        switch self {
        case .notConfigured: .notConfigured
        case .badState: .forbidden
        case .badSignature: .unauthorized
        case .malformed, .refused: .malformedRequest
        case .upstream: .upstreamFailed
        case .conflict: .conflict
        }
    }

    var message: String {
        switch self {
        case .notConfigured(let what): "account linking is not configured: set \(what)"
        case .badState: "this sign-in link is invalid, expired or already used; start again"
        case .badSignature(let reason): "the login data is not signed by the bot: \(reason)"
        case .malformed(let reason), .refused(let reason), .upstream(let reason), .conflict(let reason): reason
        }
    }
}
