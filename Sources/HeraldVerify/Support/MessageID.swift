import Crypto

/// Message ids for signers called without one.
enum MessageID {
    /// `msg_` plus 24 hex digits of SHA-256 over `timestamp.body`: stable for the
    /// same input, distinct across bodies, and free of `.`.
    static func derived(timestamp: String, body: [UInt8]) -> String {
        var hash = SHA256()
        hash.update(data: Array("\(timestamp).".utf8))
        hash.update(data: body)
        return "msg_" + Hex.encode(hash.finalize().prefix(12))
    }
}
