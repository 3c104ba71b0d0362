import Crypto
import Foundation

/// Produces the `Stripe-Signature` header Stripe would send, for `herald sign` and tests.
public struct StripeSigner: WebhookSigner {
    private let key: SymmetricKey

    /// - Parameter secret: the endpoint secret (`whsec_…`), used whole as key bytes.
    public init(secret: String) {
        self.key = SymmetricKey(data: Array(secret.utf8))
    }

    /// `Stripe-Signature: t=<unix>,v1=<lower-case hex>`; `id` is not part of Stripe's scheme.
    public func signatureHeaders(body: [UInt8], timestamp: Date, id: String?) -> [(name: String, value: String)] {
        let time = UnixTimestamp.text(for: timestamp)
        let mac = HMACScheme.Algorithm.sha256.authenticationCode(key: key, parts: [Array("\(time).".utf8), body])
        return [(name: StripeSignatureVerifier.headerName, value: "t=\(time),v1=\(Hex.encode(mac))")]
    }
}
