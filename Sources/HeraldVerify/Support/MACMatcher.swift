import Crypto

/// Checks candidate MACs against the MACs of a message under several keys.
enum MACMatcher {
    /// Whether any candidate equals the MAC under any key. Every pair is compared
    /// (no early exit), each in constant time.
    static func anyMatches(
        candidates: [[UInt8]], keys: [SymmetricKey], algorithm: HMACScheme.Algorithm, parts: [[UInt8]]
    ) -> Bool {
        var matched = false
        for key in keys {
            let expected = algorithm.authenticationCode(key: key, parts: parts)
            for candidate in candidates where ConstantTime.equals(expected, candidate) {
                matched = true
            }
        }
        return matched
    }
}
