/// A parsed `Stripe-Signature` value: `t=<unix>,v1=<hex>[,v1=<hex>…][,v0=…]`.
///
/// Mirrors stripe-python `_get_timestamp_and_signatures`: split on `,`, each item
/// on its first `=`, take the first `t`, collect every `v1`, ignore every other
/// key (so a test-mode `v0` can never downgrade the check).
struct StripeSignatureHeader {
    let timestamp: UnixTimestamp
    let signatures: [[UInt8]]

    /// - Throws: `missingTimestamp` without `t`, `malformedTimestamp` if `t` is not
    ///   digits, `missingSignature` without any `v1`, `malformedSignature` if no `v1`
    ///   is 64 lower-case hex digits (Stripe signs with `hexdigest()` and compares strings).
    init(_ value: String) throws(VerificationError) {
        var timestampText: Substring?
        var candidates = SignatureCandidates()
        for item in value.split(separator: ",", omittingEmptySubsequences: false) {
            guard let equals = item.firstIndex(of: "=") else { continue }
            let key = item[..<equals]
            let text = item[item.index(after: equals)...]
            if key == "t", timestampText == nil {
                timestampText = text
            } else if key == "v1" {
                candidates.add(text, length: 32) { Hex.decode($0, letterCase: .lower) }
            }
        }
        guard let timestampText else { throw .missingTimestamp }
        self.timestamp = try UnixTimestamp(parsing: timestampText)
        self.signatures = try candidates.usable()
    }
}
