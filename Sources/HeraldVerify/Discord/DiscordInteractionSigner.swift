import Crypto
import Foundation

/// Signs bodies as Discord would, for tests and `herald sign discord` (which only
/// works against a verifier configured with this key's public half).
public struct DiscordInteractionSigner: WebhookSigner {
    public let privateKey: Curve25519.Signing.PrivateKey

    public init(privateKey: Curve25519.Signing.PrivateKey) {
        self.privateKey = privateKey
    }

    /// A signer from a 32-byte Ed25519 seed; nil for any other length.
    public init?(seed: [UInt8]) {
        guard seed.count == 32, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            return nil
        }
        self.privateKey = key
    }

    /// A signer from a 64-digit hex seed (either case); nil if it is not one.
    public init?(seedHex: String) {
        guard let seed = Hex.decode(seedHex, letterCase: .any) else { return nil }
        self.init(seed: seed)
    }

    /// The raw 32-byte public key a `DiscordInteractionVerifier` needs.
    public var publicKey: [UInt8] {
        Array(privateKey.publicKey.rawRepresentation)
    }

    /// `X-Signature-Ed25519` (lower-case hex) and `X-Signature-Timestamp` (unix
    /// seconds); `id` is not part of Discord's scheme. Should signing ever fail, the
    /// signature header is empty, which verification rejects.
    public func signatureHeaders(body: [UInt8], timestamp: Date, id: String?) -> [(name: String, value: String)] {
        let time = UnixTimestamp.text(for: timestamp)
        var message = Array(time.utf8)
        message.append(contentsOf: body)
        let signature = (try? privateKey.signature(for: message)).map { Hex.encode($0) } ?? ""
        return [
            (name: DiscordInteractionVerifier.signatureHeader, value: signature),
            (name: DiscordInteractionVerifier.timestampHeader, value: time),
        ]
    }
}
