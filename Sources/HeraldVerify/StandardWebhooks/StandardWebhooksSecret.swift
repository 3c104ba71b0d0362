/// Decoding of Standard Webhooks / Svix signing secrets (`whsec_<base64>`).
///
/// Exists so configuration can reject an unusable secret up front, and so the
/// verifier and signer agree on the key bytes [SW-PY].
public enum StandardWebhooksSecret {
    /// The HMAC key bytes of `secret`: an optional `whsec_` prefix is stripped and the
    /// rest base64-decoded (missing `=` padding tolerated, as the reference library
    /// does). Nil for invalid base64 or an empty key.
    public static func keyBytes(_ secret: String) -> [UInt8]? {
        var text = Substring(secret)
        if text.hasPrefix("whsec_") { text = text.dropFirst(6) }
        guard let bytes = Base64.decodeAllowingMissingPadding(text), !bytes.isEmpty else { return nil }
        return bytes
    }
}
