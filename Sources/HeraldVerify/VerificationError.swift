/// Why an inbound request was not accepted as coming from its provider.
///
/// Every verifier fails with one of these; the HTTP layer answers 401 with
/// `rawValue` as the stable error code (403 for `sourceNotAllowed`). The text
/// never includes a secret or a full signature.
public enum VerificationError: String, Error, Sendable, CaseIterable {
    /// The signature header (or secret-token header) is absent.
    case missingSignature = "missing_signature"
    /// A signature header is present but cannot be parsed (wrong shape, bad hex/base64, wrong length).
    case malformedSignature = "malformed_signature"
    /// The signature does not match the body under any configured secret.
    case invalidSignature = "invalid_signature"
    /// The timestamp header is absent where the scheme requires one.
    case missingTimestamp = "missing_timestamp"
    /// The timestamp header is not a number (or not the format the scheme uses).
    case malformedTimestamp = "malformed_timestamp"
    /// The timestamp is further from now than the tolerance (too old or in the future).
    case staleTimestamp = "stale_timestamp"
    /// The request came from an address outside the configured allowlist.
    case sourceNotAllowed = "source_not_allowed"

    /// Human text safe to return to the caller.
    public var message: String {
        switch self {
        case .missingSignature: "the request carries no signature"
        case .malformedSignature: "the signature header is malformed"
        case .invalidSignature: "the signature does not match the request body"
        case .missingTimestamp: "the request carries no timestamp"
        case .malformedTimestamp: "the timestamp header is malformed"
        case .staleTimestamp: "the timestamp is outside the accepted window"
        case .sourceNotAllowed: "requests from this address are not accepted"
        }
    }
}
