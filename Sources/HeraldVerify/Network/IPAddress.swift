/// An IPv4 or IPv6 address parsed from its text form, without any system call.
///
/// Exists because allowlists compare raw bits: text forms differ (`::1` vs
/// `0:0:0:0:0:0:0:1`), and a lenient parser (octal `010.0.0.1`) is a bypass.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6, network order.
    public let bytes: [UInt8]

    public var isIPv4: Bool { bytes.count == 4 }

    /// Parses dotted-quad IPv4 (no leading zeros, each part 0–255) or RFC 4291 IPv6
    /// (with `::` and an embedded IPv4 tail). Zone ids (`%eth0`), brackets and
    /// ports are not accepted here. Nil for anything else.
    public init?(_ text: some StringProtocol) {
        if text.contains(":") {
            guard let bytes = Self.parseIPv6(Substring(text)) else { return nil }
            self.bytes = bytes
        } else {
            guard let bytes = Self.parseIPv4(Substring(text)) else { return nil }
            self.bytes = bytes
        }
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`), which is
    /// how a dual-stack socket reports an IPv4 peer; nil otherwise.
    public var mappedIPv4: IPAddress? {
        guard bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF else {
            return nil
        }
        return IPAddress(bytes: Array(bytes[12...]))
    }

    public var description: String {
        if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
        let groups = stride(from: 0, to: 16, by: 2).map { Int(bytes[$0]) << 8 | Int(bytes[$0 + 1]) }
        // RFC 5952: compress the longest run (≥ 2) of zero groups, first one on ties.
        var best = (start: -1, length: 0)
        var index = 0
        while index < 8 {
            var end = index
            while end < 8, groups[end] == 0 { end += 1 }
            if end - index > best.length, end - index >= 2 { best = (index, end - index) }
            index = max(end, index + 1)
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.start >= 0 else { return hex.joined(separator: ":") }
        let head = hex[..<best.start].joined(separator: ":")
        let tail = hex[(best.start + best.length)...].joined(separator: ":")
        return head + "::" + tail
    }

    static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            let digits = part.utf8
            guard (1...3).contains(digits.count), digits.allSatisfy(ASCII.isDigit),
                  digits.count == 1 || digits.first != UInt8(ascii: "0"),
                  let value = UInt8(part)
            else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    static func parseIPv6(_ text: Substring) -> [UInt8]? {
        let halves = text.split(separator: "::", maxSplits: 2, omittingEmptySubsequences: false)
            .map { $0 }
        guard halves.count <= 2 else { return nil }
        guard let head = groups(halves[0], allowIPv4Tail: halves.count == 1) else { return nil }
        if halves.count == 1 {
            return head.count == 16 ? head : nil
        }
        guard let tail = groups(halves[1], allowIPv4Tail: true), head.count + tail.count <= 14 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }

    /// Bytes of `:`-separated hex groups (1–4 digits), optionally ending in dotted IPv4.
    private static func groups(_ text: Substring, allowIPv4Tail: Bool) -> [UInt8]? {
        if text.isEmpty { return [] }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var bytes: [UInt8] = []
        for (offset, part) in parts.enumerated() {
            if offset == parts.count - 1, allowIPv4Tail, part.contains(".") {
                guard let ipv4 = parseIPv4(part) else { return nil }
                bytes += ipv4
            } else {
                guard (1...4).contains(part.utf8.count), let group = Hex.decode(
                    String(repeating: "0", count: 4 - part.utf8.count) + part, letterCase: .any
                ) else { return nil }
                bytes += group
            }
        }
        return bytes
    }
}
