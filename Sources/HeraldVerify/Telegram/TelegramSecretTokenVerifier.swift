import Crypto
import Foundation

/// Verifies Telegram Bot API webhook calls by the `secret_token` set with
/// `setWebhook`, echoed in `X-Telegram-Bot-Api-Secret-Token` [TG-API].
///
/// Nothing is signed; the header must equal the token. Both sides are hashed
/// with SHA-256 and the digests compared in constant time, so neither content
/// nor length leaks through timing. An empty configured token never matches.
public struct TelegramSecretTokenVerifier: WebhookVerifier {
    static let headerName = "X-Telegram-Bot-Api-Secret-Token"

    private let expectedDigest: [UInt8]?

    public init(secretToken: String) {
        expectedDigest = secretToken.isEmpty ? nil : Array(SHA256.hash(data: Array(secretToken.utf8)))
    }

    /// - Throws: `missingSignature` without the header (or with it empty),
    ///   `invalidSignature` when it differs from the token.
    public func verify(_ request: WebhookRequest, now: Date) throws(VerificationError) {
        guard let token = request.nonEmptyHeader(Self.headerName) else { throw .missingSignature }
        let digest = Array(SHA256.hash(data: Array(token.utf8)))
        guard let expectedDigest, ConstantTime.equals(digest, expectedDigest) else { throw .invalidSignature }
    }
}
