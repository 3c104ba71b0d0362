import Crypto
import Foundation

/// Verifies Discord HTTP interactions: an Ed25519 signature by the application's
/// public key over `X-Signature-Timestamp ‖ raw body`, no separator [D-OV].
///
/// Discord probes endpoints with bad signatures and removes those that do not
/// answer 401, so every failure here must be treated as fatal. Discord documents
/// no replay window; `tolerance` is Herald's own (`|now − timestamp|`), checked
/// after the signature so `staleTimestamp` only reports authentic requests.
public struct DiscordInteractionVerifier: WebhookVerifier {
    static let signatureHeader = "X-Signature-Ed25519"
    static let timestampHeader = "X-Signature-Timestamp"

    private let publicKey: Curve25519.Signing.PublicKey?
    public let tolerance: TimeInterval

    /// - Parameters:
    ///   - publicKey: the 32-byte key from the Developer Portal (not the bot token).
    ///     A key of the wrong size makes every request fail with `invalidSignature`.
    ///   - tolerance: seconds; `.infinity` disables the freshness check.
    public init(publicKey: [UInt8], tolerance: TimeInterval = 300) {
        self.publicKey = publicKey.count == 32 ? try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) : nil
        self.tolerance = tolerance
    }

    /// - Throws: `missingSignature`/`missingTimestamp` for absent headers,
    ///   `malformedSignature` unless the signature is 128 hex digits (either case, as
    ///   the reference helpers decode hex before verifying), `malformedTimestamp`
    ///   unless the timestamp is digits, `invalidSignature`, then `staleTimestamp`.
    public func verify(_ request: WebhookRequest, now: Date) throws(VerificationError) {
        guard let signatureText = request.nonEmptyHeader(Self.signatureHeader) else { throw .missingSignature }
        guard let timestampText = request.nonEmptyHeader(Self.timestampHeader) else { throw .missingTimestamp }
        guard let signature = Hex.decode(signatureText, letterCase: .any), signature.count == 64 else {
            throw .malformedSignature
        }
        let timestamp = try UnixTimestamp(parsing: timestampText)

        var message = Array(timestamp.text.utf8)
        message.append(contentsOf: request.body)
        guard let publicKey, publicKey.isValidSignature(signature, for: message) else {
            throw .invalidSignature
        }
        try timestamp.checkFreshness(now: now, tolerance: tolerance)
    }
}
