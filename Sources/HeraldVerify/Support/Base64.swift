import Foundation

/// Standard-alphabet base64 (RFC 4648 §4) in both directions.
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }

    /// Decodes canonical padded base64: nil on characters outside the alphabet, bad
    /// padding, or non-zero unused trailing bits — so each MAC has exactly one
    /// accepted spelling and an edited signature can never still verify.
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        guard let bytes = decodeLeniently(text), encode(bytes) == text else { return nil }
        return bytes
    }

    /// Decodes base64 whose trailing `=` padding may have been left off (key material
    /// is often copied without it); trailing bits are not checked, as in Python's
    /// `b64decode`, which the reference libraries use for secrets.
    static func decodeAllowingMissingPadding(_ text: some StringProtocol) -> [UInt8]? {
        var padded = String(text)
        let remainder = padded.utf8.count % 4
        if remainder == 1 { return nil }
        if remainder != 0 { padded += String(repeating: "=", count: 4 - remainder) }
        return decodeLeniently(padded)
    }

    private static func decodeLeniently(_ text: some StringProtocol) -> [UInt8]? {
        guard !text.isEmpty, let data = Data(base64Encoded: String(text)) else { return nil }
        return [UInt8](data)
    }
}
