/// Hexadecimal text to bytes and back, with the provider's letter-case rule.
public enum Hex {
    /// Which letter case a decoder accepts.
    public enum LetterCase: Sendable {
        /// Only `a`–`f`: providers whose reference code compares hex strings.
        case lower
        /// `a`–`f` or `A`–`F`: providers whose reference code decodes the hex first.
        case any
    }

    private static let digits = Array("0123456789abcdef".utf8)

    /// Lower-case hex of `bytes`.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes spelled by `text`, or nil if it is not even-length hex in `letterCase`.
    public static func decode(_ text: some StringProtocol, letterCase: LetterCase) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count.isMultiple(of: 2) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index], letterCase), let low = value(utf8[index + 1], letterCase) else {
                return nil
            }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func value(_ byte: UInt8, _ letterCase: LetterCase) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x61...0x66: byte - 0x61 + 10
        case 0x41...0x46 where letterCase == .any: byte - 0x41 + 10
        default: nil
        }
    }
}
