import Crypto
import Foundation

/// Verifies Stripe webhook deliveries (`Stripe-Signature`, HMAC-SHA256 over
/// `t ‖ "." ‖ body`) [ST-WH, ST-PY].
///
/// The key is the whole `whsec_…` string as UTF-8 bytes (no base64 decoding,
/// unlike Standard Webhooks). During a secret roll Stripe sends one `v1` per
/// active secret; a match of any `v1` under any configured secret is accepted.
/// Unlike stripe-python (which only rejects old timestamps, and checks after the
/// MAC), the window here is symmetric: `|now − t| > tolerance` is `staleTimestamp`
/// — still checked after the MAC, so it is only reported for authentic requests.
public struct StripeSignatureVerifier: WebhookVerifier {
    static let headerName = "Stripe-Signature"

    private let keys: [SymmetricKey]
    public let tolerance: TimeInterval

    /// - Parameters:
    ///   - secrets: the endpoint secrets currently valid; empty strings are ignored.
    ///   - tolerance: seconds; `.infinity` disables the freshness check.
    public init(secrets: [String], tolerance: TimeInterval = 300) {
        self.keys = SecretKeys.utf8(secrets)
        self.tolerance = tolerance
    }

    public func verify(_ request: WebhookRequest, now: Date) throws(VerificationError) {
        guard let value = request.nonEmptyHeader(Self.headerName) else { throw .missingSignature }
        let header = try StripeSignatureHeader(value)
        let parts = [Array("\(header.timestamp.text).".utf8), request.body]
        guard MACMatcher.anyMatches(candidates: header.signatures, keys: keys, algorithm: .sha256, parts: parts) else {
            throw .invalidSignature
        }
        try header.timestamp.checkFreshness(now: now, tolerance: tolerance)
    }
}
