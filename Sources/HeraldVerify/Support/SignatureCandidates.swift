/// The signatures found in a header that may list several (secret rotation).
///
/// One shared rule for every multi-signature header: entries of other versions
/// are ignored (no downgrade), entries that do not decode to a MAC of the right
/// length are skipped (a sender may add an entry we cannot read), and only when
/// nothing usable remains does the request fail — `missingSignature` if no entry
/// of the expected version was present at all, `malformedSignature` otherwise.
struct SignatureCandidates {
    private(set) var decoded: [[UInt8]] = []
    private var sawExpectedVersion = false

    /// Records one entry of the expected version.
    mutating func add(_ text: some StringProtocol, length: Int, decode: (Substring) -> [UInt8]?) {
        sawExpectedVersion = true
        if let bytes = decode(Substring(text)), bytes.count == length {
            decoded.append(bytes)
        }
    }

    /// The decoded MACs, or the reason there are none.
    func usable() throws(VerificationError) -> [[UInt8]] {
        guard sawExpectedVersion else { throw .missingSignature }
        guard !decoded.isEmpty else { throw .malformedSignature }
        return decoded
    }
}
