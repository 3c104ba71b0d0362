import Crypto
import Foundation

/// Verifies Standard Webhooks deliveries — and Svix, which is the same scheme
/// under `svix-*` header names [SW-SPEC, SVIX].
///
/// Signed content is `id ‖ "." ‖ timestamp ‖ "." ‖ body`, HMAC-SHA256 keyed with
/// the base64-decoded secret, sent as `v1,<base64>` entries. Any entry matching
/// any configured secret is accepted. The timestamp must be within `tolerance`
/// both ways (the reference libraries' ±5 min); it is checked after the MAC.
public struct StandardWebhooksVerifier: WebhookVerifier {
    private let keys: [SymmetricKey]
    public let tolerance: TimeInterval

    /// - Parameters:
    ///   - secrets: `whsec_<base64>` (or bare base64) secrets; ones that do not decode
    ///     are ignored — validate them first with `StandardWebhooksSecret.keyBytes`.
    ///   - tolerance: seconds; `.infinity` disables the freshness check.
    public init(secrets: [String], tolerance: TimeInterval = 300) {
        self.keys = secrets.compactMap(StandardWebhooksSecret.keyBytes).map { SymmetricKey(data: $0) }
        self.tolerance = tolerance
    }

    public func verify(_ request: WebhookRequest, now: Date) throws(VerificationError) {
        let headers = try StandardWebhooksHeaders(request)
        let parts = [Array("\(headers.id).\(headers.timestamp.text).".utf8), request.body]
        guard MACMatcher.anyMatches(candidates: headers.signatures, keys: keys, algorithm: .sha256, parts: parts) else {
            throw .invalidSignature
        }
        try headers.timestamp.checkFreshness(now: now, tolerance: tolerance)
    }
}
