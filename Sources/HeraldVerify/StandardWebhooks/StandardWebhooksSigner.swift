import Crypto
import Foundation

/// Produces Standard Webhooks headers for a body, for `herald sign` and tests.
public struct StandardWebhooksSigner: WebhookSigner {
    private let key: SymmetricKey?

    /// - Parameter secret: `whsec_<base64>` or bare base64. If it does not decode, the
    ///   signer emits no `webhook-signature` header (so verification reports
    ///   `missingSignature`); check it first with `StandardWebhooksSecret.keyBytes`.
    public init(secret: String) {
        self.key = StandardWebhooksSecret.keyBytes(secret).map { SymmetricKey(data: $0) }
    }

    /// `webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64>`. Without
    /// an `id`, one is derived from the timestamp and body.
    public func signatureHeaders(body: [UInt8], timestamp: Date, id: String?) -> [(name: String, value: String)] {
        let names = StandardWebhooksHeaders.standard
        let time = UnixTimestamp.text(for: timestamp)
        let messageID = id ?? MessageID.derived(timestamp: time, body: body)
        var headers = [(name: names.id, value: messageID), (name: names.timestamp, value: time)]
        if let key {
            let mac = HMACScheme.Algorithm.sha256.authenticationCode(key: key, parts: [Array("\(messageID).\(time).".utf8), body])
            headers.append((name: names.signature, value: "v1,\(Base64.encode(mac))"))
        }
        return headers
    }
}
