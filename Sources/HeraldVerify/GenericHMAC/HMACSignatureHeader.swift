/// The signature header of an `HMACScheme`, split into candidate MACs and (for
/// Paddle's format) the timestamp it carries.
struct HMACSignatureHeader {
    var candidates = SignatureCandidates()
    /// The `ts` text of a `.paddle` header; nil for `.plain`.
    var timestamp: Substring?

    init(_ value: String, scheme: HMACScheme) throws(VerificationError) {
        let length = scheme.algorithm.byteCount
        let encoding = scheme.encoding
        switch scheme.signatureFormat {
        case .plain:
            var text = Substring(value)
            if let prefix = scheme.prefix {
                guard text.hasPrefix(prefix) else { throw .malformedSignature }
                text = text.dropFirst(prefix.count)
            }
            candidates.add(text, length: length, decode: encoding.decode)
        case .paddle:
            // Paddle SDK: split on ";", then each entry on its first "=".
            for entry in value.split(separator: ";", omittingEmptySubsequences: true) {
                guard let equals = entry.firstIndex(of: "=") else { continue }
                let key = entry[..<equals]
                let text = entry[entry.index(after: equals)...]
                if key == "ts", timestamp == nil {
                    timestamp = text
                } else if key == "h1" {
                    candidates.add(text, length: length, decode: encoding.decode)
                }
            }
            guard timestamp != nil else { throw .missingTimestamp }
        }
    }
}
