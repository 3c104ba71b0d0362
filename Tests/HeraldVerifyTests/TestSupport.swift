import Foundation
import HeraldVerify

/// Shared builders for the verifier tests.
enum Fixture {
    static func date(_ seconds: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    static func request(
        _ headers: [(name: String, value: String)], body: String, remoteAddress: String? = nil
    ) -> WebhookRequest {
        WebhookRequest(headers: headers, body: Array(body.utf8), remoteAddress: remoteAddress)
    }

    /// `headers` with the value of `name` replaced (or the header removed when `value` is nil).
    static func replacing(
        _ name: String, with value: String?, in headers: [(name: String, value: String)]
    ) -> [(name: String, value: String)] {
        var result = headers.filter { $0.name.lowercased() != name.lowercased() }
        if let value { result.append((name: name, value: value)) }
        return result
    }

    static func value(_ name: String, in headers: [(name: String, value: String)]) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// `bytes` with the byte at `index` XOR-ed with a non-zero `mask` (always a change).
    static func flipping(_ bytes: [UInt8], at index: Int, mask: UInt8) -> [UInt8] {
        var copy = bytes
        copy[index] ^= mask
        return copy
    }

    /// `text` with the character at `offset` replaced by `replacement`.
    static func replacingCharacter(in text: String, at offset: Int, with replacement: Character) -> String {
        var characters = Array(text)
        characters[offset] = replacement
        return String(characters)
    }

    static func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }

    static func hexString(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
