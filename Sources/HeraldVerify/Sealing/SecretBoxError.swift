/// Why a `SecretBox` could not be made, or could not seal or open.
///
/// A separate type so callers can tell an operator mistake (a wrong key, a
/// tampered row) from a bug; `rawValue` is the stable code for logs. The
/// message never contains key or plaintext bytes.
public enum SecretBoxError: String, Error, Sendable, CaseIterable {
    /// The key is not 32 bytes.
    case invalidKeyLength = "invalid_key_length"
    /// The stored bytes are too short or not shaped like a sealed box.
    case malformed = "malformed_sealed_box"
    /// The stored bytes start with a format version this build does not know.
    case unsupportedVersion = "unsupported_sealed_box_version"
    /// The box was sealed under another key, or its bytes were changed.
    case authenticationFailed = "sealed_box_authentication_failed"
    /// The cipher refused to seal (should not happen with a valid key).
    case sealingFailed = "sealing_failed"

    /// Human text safe to log or show.
    public var message: String {
        switch self {
        case .invalidKeyLength: "the encryption key must be exactly 32 bytes"
        case .malformed: "the sealed secret is malformed"
        case .unsupportedVersion: "the sealed secret uses a format this version does not know"
        case .authenticationFailed: "the sealed secret does not open under the configured key (wrong key or altered data)"
        case .sealingFailed: "the secret could not be sealed"
        }
    }
}
