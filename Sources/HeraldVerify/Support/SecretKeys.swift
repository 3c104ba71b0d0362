import Crypto

/// Turns configured secret strings into HMAC keys.
enum SecretKeys {
    /// Each non-empty secret's UTF-8 bytes as a key. Empty secrets are dropped: an
    /// empty HMAC key is public knowledge, so accepting it would accept forgeries.
    static func utf8(_ secrets: [String]) -> [SymmetricKey] {
        secrets.filter { !$0.isEmpty }.map { SymmetricKey(data: Array($0.utf8)) }
    }
}
